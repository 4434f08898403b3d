package io.azevents.cli.ocf;

import io.azevents.cli.text.DecisionText;
import io.azevents.cli.wiring.AgentFactory;
import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.wiring.PacemakerTools;
import io.azevents.cli.wiring.Plugins;
import io.azevents.cli.wiring.Wiring;
import io.azevents.core.ActionOutcome;
import io.azevents.core.AzEventsException;
import io.azevents.core.ConfigException;
import io.azevents.core.CycleReport;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.Names;
import io.azevents.core.Strategies;
import io.azevents.pacemaker.admin.ConfigurationCheck;
import io.azevents.pacemaker.admin.Finding;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
        if (action.equals("poll")) {
            Log.configureDaemon(agentName, verbose, env);
            return poll(config);
        }
        Log.configure(agentName, verbose, env);
        try {
            return switch (action) {
                case "meta-data" -> {
                    out.print(MetaData.render(agentName, defaultStrategy, Plugins.installed(env).strategies()));
                    yield Ocf.SUCCESS;
                }
                case "start" -> start(config);
                case "stop" -> stop();
                case "monitor", "status" -> monitor(config);
                case "validate-all" -> validate(config, true);
                case "usage", "help" -> {
                    out.println(usage());
                    yield Ocf.SUCCESS;
                }
                default -> {
                    out.println(usage());
                    yield Ocf.ERR_UNIMPLEMENTED;
                }
            };
        } catch (ConfigException e) {
            Ocf.exitReason(e.getMessage());
            return Ocf.ERR_CONFIGURED;
        } catch (RuntimeException e) {
            // Never a stack trace for Pacemaker: one line with the reason. A stop that fails for any
            // reason but a poller it could not end still succeeds (see stop()).
            String reason = action + " failed: " + e;
            Log.get().error(reason);
            Ocf.exitReason(reason);
            return Ocf.ERR_GENERIC;
        }
    }

    /** The resident poller's process body (started by {@code start}, never by Pacemaker). */
    private int poll(EnvConfig config) {
        Poller poller;
        try {
            poller = new Poller(Operations.around(factory(config), env, true), state, System::nanoTime);
        } catch (RuntimeException e) {
            Log.get().error("resident poller not started: " + e.getMessage());
            return Ocf.ERR_CONFIGURED;
        }
        return poller.run();
    }

    private AgentFactory factory(EnvConfig config) {
        return new AgentFactory(config, wiring, clock, new LoggingListener());
    }

    private String usage() {
        return "usage: " + agentName + " {start|stop|monitor|validate-all|meta-data|usage}";
    }

    private int start(EnvConfig config) {
        int rc = validate(config, false);
        if (rc != Ocf.SUCCESS) {
            return rc;
        }
        boolean residentMode = Resident.enabled(config);
        Resident resident = new Resident(state);
        if (state.exists() && resident.startedResident(state) == residentMode
                && (!residentMode || resident.alive())) {
            return Ocf.SUCCESS; // already started, in this mode
        }
        if (state.exists()) {
            endPoller(resident);
        }
        state.write(Map.of("started", Long.toString(clock.instant().getEpochSecond()),
                Resident.MODE, residentMode ? Resident.RESIDENT : Resident.STATELESS));
        if (residentMode) {
            return startPoller(config);
        }
        Log.get().info("started (strategy " + config.strategy() + ", stateless: one cycle per monitor)");
        return Ocf.SUCCESS;
    }

    /**
     * Ends the poller and forgets the instance. Succeeds whatever else goes wrong (a stop that fails
     * gets the node fenced), unless the poller is still alive after SIGKILL.
     */
    private int stop() {
        Resident resident = new Resident(state);
        if (!endPoller(resident)) {
            Ocf.exitReason("the resident poller " + resident.pid().orElse(-1L) + " did not end");
            return Ocf.ERR_GENERIC;
        }
        try {
            state.delete();
        } catch (RuntimeException e) {
            Log.get().error("stopped, but " + e.getMessage());
        }
        Log.get().info("stopped");
        return Ocf.SUCCESS;
    }

    /** SIGTERM, then SIGKILL after 5 s; true once no poller of this instance runs. Never throws. */
    private static boolean endPoller(Resident resident) {
        Optional<ProcessHandle> poller = resident.poller();
        boolean ended = true;
        if (poller.isPresent()) {
            ProcessHandle p = poller.get();
            p.destroy();
            ended = waitFor(p, 5);
            if (!ended) {
                Log.get().warn("the resident poller " + p.pid() + " did not end within 5 s of SIGTERM; sending SIGKILL");
                p.destroyForcibly();
                ended = waitFor(p, 5);
            }
        }
        resident.clear();
        return ended;
    }

    /** True once {@code p} has ended (a zombie included: see {@link Resident#running}) within {@code seconds}. */
    private static boolean waitFor(ProcessHandle p, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (Resident.running(p)) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !Resident.running(p);
            }
        }
        return true;
    }

    /** Parameters always; with {@code cluster}, the strategy's prerequisites in the CIB too. */
    private int validate(EnvConfig config, boolean cluster) {
        List<String> problems = new ArrayList<>(config.problems());
        problems.addAll(Resident.problems(config));
        Plugins plugins = Plugins.installed(env);
        // A plugin that is not used never stops the agent; naming it is all (once per start and validate-all).
        plugins.broken().forEach(b -> Log.get().warn("strategy plugin not used: " + b));
        Strategies strategies = plugins.strategies();
        try {
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
        List<Finding> errors = ConfigurationCheck.run(cib, Optional.of(config.strategy()), strategies).stream()
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

    /**
     * JVM options of the resident poller, chosen for a small steady cost: C1 only (little JIT work
     * and code cache), the serial collector with a small heap that gives memory back, one compiler
     * thread, no perf-data file, exit on OutOfMemoryError (the monitor then fails and Pacemaker
     * restarts it), and the native heap trimmed every 30 s where the JDK can (17.0.9 and later; older
     * runtimes ignore the option rather than refuse to start).
     */
    static final List<String> POLLER_JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:-UseDynamicNumberOfCompilerThreads",
            "-XX:+UseSerialGC", "-Xms2m", "-Xmx64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-Xss256k", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=48m", "-XX:-UsePerfData",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=30000",
            "-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr");

    /** Starts the resident poller and waits for its first heartbeat. */
    private int startPoller(EnvConfig config) {
        Resident resident = new Resident(state);
        try {
            Path jar = Path.of(OcfAgent.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            String launcher = ProcessHandle.current().info().command().orElse("java");
            List<String> argv = new ArrayList<>();
            if (PacemakerTools.onPath("setsid")) {
                argv.add("setsid"); // its own session: not a child of the start operation's process group
            }
            argv.add(launcher);
            argv.addAll(POLLER_JVM_OPTIONS);
            // Extra JVM options for the poller (for measurements and support cases), whitespace-separated
            // options only: each becomes one argument, nothing is interpreted by a shell.
            String extra = env.getOrDefault("AZEVENTS_POLLER_JAVA_OPTIONS", "").trim();
            if (!extra.isEmpty()) {
                for (String o : extra.split("\\s+")) {
                    if (!o.startsWith("-")) {
                        Ocf.exitReason("AZEVENTS_POLLER_JAVA_OPTIONS: not a JVM option: " + Names.quote(o));
                        return Ocf.ERR_CONFIGURED;
                    }
                    argv.add(o);
                }
            }
            Path jsa = jar.resolveSibling("azevents.jsa");
            if (Files.isReadable(jsa)) {
                argv.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + jsa));
            }
            argv.addAll(List.of("-jar", jar.toString(), "ocf", agentName, "poll"));
            // The poller logs through syslog and HA_LOGFILE itself; its stderr only ever carries what the
            // JVM prints on a fatal error, kept in HA_LOGFILE when there is one. No file of our own.
            String log = env.get("HA_LOGFILE");
            ProcessBuilder pb = new ProcessBuilder(argv);
            // Two malloc arenas are enough for a process with one busy thread; each more costs RSS.
            pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            // The poller reads the plugin directory this process read, however it was named.
            pb.environment().put(Plugins.ENV, Plugins.installed(env).directory().toString());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log == null || log.isBlank() ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.appendTo(new File(log)))
                    .start();
        } catch (IOException | URISyntaxException e) {
            Ocf.exitReason("cannot start the resident poller: " + e.getMessage());
            return Ocf.ERR_GENERIC;
        }
        Instant until = clock.instant().plusSeconds(20);
        while (clock.instant().isBefore(until)) {
            if (Files.exists(resident.heartbeatFile()) && resident.alive()) {
                Log.get().info("started (strategy " + config.strategy() + ", resident poller "
                        + resident.pid().orElse(-1L) + ")");
                return Ocf.SUCCESS;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        endPoller(resident);
        Ocf.exitReason("the resident poller did not report within 20 s");
        return Ocf.ERR_GENERIC;
    }

    private int monitor(EnvConfig config) {
        if (!state.exists()) {
            return Ocf.NOT_RUNNING;
        }
        Instant now = clock.instant();
        Resident resident = new Resident(state);
        if (resident.startedResident(state)) {
            Optional<String> problem = resident.problem(now, Resident.pollInterval(config));
            problem.ifPresent(p -> {
                Log.get().error(p);
                Ocf.exitReason(p);
            });
            return problem.isPresent() ? Ocf.ERR_GENERIC : Ocf.SUCCESS;
        }
        String failure;
        try {
            // The strategy first: an invalid configuration fails before anything is opened.
            AgentFactory factory = factory(config);
            NodeDrainStrategy strategy = factory.strategy();
            AgentFactory operated = Operations.around(factory, env, false);
            CycleReport report = operated.agent(operated.source(config.cycleDeadline(), state.directory()),
                    operated.store(), strategy).runCycle();
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
