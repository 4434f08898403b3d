package io.azevents.cli.internal;

import io.azevents.core.ActionOutcome;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.AzEventsException;
import io.azevents.core.ConfigException;
import io.azevents.core.CycleReport;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.pacemaker.admin.ConfigurationCheck;
import io.azevents.pacemaker.admin.Finding;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OCF resource agent: {@code start}, {@code stop}, {@code monitor} (probes included),
 * {@code validate-all}, {@code meta-data}, and usage for anything else, with OCF exit codes and
 * {@code ocf-exit-reason} lines. One instance per process.
 */
final class OcfAgent {
    private final String agentName;
    private final String defaultStrategy;
    private final Map<String, String> env;
    private final Wiring wiring;
    private final Clock clock;
    private final PrintStream out;
    private final StateFile state;

    OcfAgent(String agentName, String defaultStrategy, Map<String, String> env, Wiring wiring, Clock clock,
             PrintStream out) {
        this.agentName = agentName;
        this.defaultStrategy = defaultStrategy;
        this.env = env;
        this.wiring = wiring;
        this.clock = clock;
        this.out = out;
        this.state = StateFile.forInstance(env);
    }

    int run(String action) {
        EnvConfig config = new EnvConfig(env, defaultStrategy);
        boolean verbose;
        try {
            verbose = config.verbose();
        } catch (ConfigException e) {
            verbose = false;
        }
        Log.configure(agentName, verbose, env);
        return switch (action) {
            case "meta-data" -> {
                out.print(MetaData.render(agentName, defaultStrategy, Strategies.discover()));
                yield Ocf.SUCCESS;
            }
            case "start" -> start(config);
            case "stop" -> stop();
            case "monitor", "status" -> monitor(config);
            case "validate-all" -> validate(config, true);
            case "poll" -> new Poller(config, wiring, state, clock, new LoggingListener()).run();
            case "usage", "help" -> {
                out.println(usage());
                yield Ocf.SUCCESS;
            }
            default -> {
                out.println(usage());
                yield Ocf.ERR_UNIMPLEMENTED;
            }
        };
    }

    private String usage() {
        return "usage: " + agentName + " {start|stop|monitor|validate-all|meta-data|usage}";
    }

    private int start(EnvConfig config) {
        int rc = validate(config, false);
        if (rc != Ocf.SUCCESS) {
            return rc;
        }
        if (!state.exists()) {
            state.write(Map.of("started", Long.toString(clock.instant().getEpochSecond())));
        }
        if (Resident.enabled(config)) {
            return startPoller(config);
        }
        Log.get().info("started (strategy " + config.strategy() + ")");
        return Ocf.SUCCESS;
    }

    private int stop() {
        Resident resident = new Resident(state);
        resident.pid().flatMap(ProcessHandle::of).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        resident.clear();
        state.delete();
        Log.get().info("stopped");
        return Ocf.SUCCESS;
    }

    /** Parameters always; with {@code cluster}, the strategy's prerequisites in the CIB too. */
    private int validate(EnvConfig config, boolean cluster) {
        List<String> problems = new ArrayList<>(config.problems());
        problems.addAll(Resident.problems(config));
        Strategies strategies;
        try {
            strategies = Strategies.discover();
            if (problems.isEmpty()) {
                problems.addAll(strategies.provider(config.strategy()).problems(config));
            }
        } catch (AzEventsException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> Log.get().error("invalid parameter: " + p));
            Ocf.exitReason(String.join("; ", problems));
            return Ocf.ERR_CONFIGURED;
        }
        if (!cluster) {
            return Ocf.SUCCESS;
        }
        String cib;
        try {
            cib = wiring.queryCib();
        } catch (AzEventsException e) {
            Log.get().warn("cluster prerequisites not checked: " + e.getMessage());
            return Ocf.SUCCESS;
        }
        List<Finding> errors = ConfigurationCheck.run(cib, Optional.of(config.strategy())).stream()
                .filter(f -> f.severity() == Finding.Severity.ERROR).toList();
        for (Finding f : errors) {
            Log.get().error(f.message() + (f.crmshFix().isEmpty() ? "" : "; fix: " + String.join(" && ", f.crmshFix())));
        }
        if (!errors.isEmpty()) {
            Ocf.exitReason(errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
            return Ocf.ERR_CONFIGURED;
        }
        return Ocf.SUCCESS;
    }

    /** Starts the resident poller (once) and waits for its first heartbeat. */
    private int startPoller(EnvConfig config) {
        Resident resident = new Resident(state);
        if (resident.alive()) {
            return Ocf.SUCCESS;
        }
        resident.clear();
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(OcfAgent.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> argv = new ArrayList<>();
            if (PacemakerTools.onPath("setsid")) {
                argv.add("setsid"); // its own session: not a child of the start operation's process group
            }
            argv.addAll(List.of(java, "-XX:+UseSerialGC", "-Xmx64m", "-XX:-UsePerfData", "-jar", jar.toString(),
                    "ocf", agentName, "poll"));
            String log = env.getOrDefault("HA_LOGFILE", state.path() + ".log");
            new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(new java.io.File(log))).start();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            Ocf.exitReason("cannot start the resident poller: " + e.getMessage());
            return Ocf.ERR_GENERIC;
        }
        Instant until = clock.instant().plusSeconds(20);
        while (clock.instant().isBefore(until)) {
            if (java.nio.file.Files.exists(resident.heartbeatFile()) && resident.alive()) {
                Log.get().info("started (strategy " + config.strategy() + ", resident poller "
                        + resident.pid().orElse(-1L) + ")");
                return Ocf.SUCCESS;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Ocf.exitReason("the resident poller did not report within 20 s");
        return Ocf.ERR_GENERIC;
    }

    private int monitor(EnvConfig config) {
        if (!state.exists()) {
            return Ocf.NOT_RUNNING;
        }
        Instant now = clock.instant();
        if (Resident.enabled(config)) {
            Optional<String> problem = new Resident(state).problem(now, Resident.pollInterval(config));
            problem.ifPresent(p -> {
                Log.get().error(p);
                Ocf.exitReason(p);
            });
            return problem.isPresent() ? Ocf.ERR_GENERIC : Ocf.SUCCESS;
        }
        String failure;
        try {
            NodeDrainStrategy strategy = Strategies.discover().create(config.strategy(), config);
            AzEventsAgent agent = new AzEventsAgent(wiring.source(config, config.cycleDeadline(), state.directory()),
                    wiring.store(config), strategy, clock, new LoggingListener());
            CycleReport report = agent.runCycle();
            failure = report.failure().map(o -> "cycle stopped: " + DecisionText.outcome(o)).orElse(null);
        } catch (ConfigException e) {
            Ocf.exitReason(e.getMessage());
            return Ocf.ERR_CONFIGURED;
        } catch (AzEventsException | java.io.UncheckedIOException e) {
            failure = e.getMessage();
        }
        return failure == null ? recovered(now) : failing(config, now, failure);
    }

    private int recovered(Instant now) {
        Map<String, String> s = state.read();
        if (s.containsKey("failingSince")) {
            Log.get().info("cycles succeed again after failing since "
                    + Instant.ofEpochSecond(Long.parseLong(s.get("failingSince"))));
            s.remove("failingSince");
            s.remove("lastFailure");
            state.write(s);
        }
        return Ocf.SUCCESS;
    }

    /** A short outage is logged (WARN once per distinct failure); one longer than the tolerance fails the monitor. */
    private int failing(EnvConfig config, Instant now, String failure) {
        Map<String, String> s = new LinkedHashMap<>(state.read());
        long since = Optional.ofNullable(s.get("failingSince")).map(Long::parseLong).orElse(now.getEpochSecond());
        boolean repeated = failure.equals(s.get("lastFailure"));
        s.put("failingSince", Long.toString(since));
        s.put("lastFailure", failure);
        state.write(s);
        Duration failingFor = Duration.between(Instant.ofEpochSecond(since), now);
        Duration tolerance = config.outageTolerance();
        if (failingFor.compareTo(tolerance) > 0) {
            String reason = "cycles have failed for " + failingFor.toSeconds() + " s (tolerance "
                    + tolerance.toSeconds() + " s): " + failure;
            Log.get().error(reason);
            Ocf.exitReason(reason);
            return Ocf.ERR_GENERIC;
        }
        if (repeated) {
            Log.get().debug("still failing: " + failure);
        } else {
            Log.get().warn("cycle failed, tolerated for " + (tolerance.toSeconds() - failingFor.toSeconds())
                    + " s more: " + failure);
        }
        return Ocf.SUCCESS;
    }

    /** One line per decision with its reason; details when verbose. */
    private static final class LoggingListener implements io.azevents.core.CycleListener {
        @Override
        public void decided(io.azevents.core.Decision d) {
            Log log = Log.get();
            d.notes().forEach(n -> log.debug(n));
            d.warnings().forEach(w -> log.warn(w));
            if (d.idle()) {
                log.debug("nothing to do; node " + d.localNode() + " is " + d.state());
            }
        }

        @Override
        public void acted(ActionOutcome o) {
            if (o.result() == ActionOutcome.Result.UNCHANGED) {
                Log.get().debug(DecisionText.outcome(o));
            } else if (o.result() == ActionOutcome.Result.FAILED) {
                Log.get().error(DecisionText.outcome(o));
            } else {
                Log.get().info(DecisionText.outcome(o));
            }
        }
    }
}
