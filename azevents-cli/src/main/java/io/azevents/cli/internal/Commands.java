package io.azevents.cli.internal;

import io.azevents.core.AzEventsAgent;
import io.azevents.core.AzEventsException;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterView;
import io.azevents.core.Decision;
import io.azevents.core.EventSource;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventSource;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.Strategies;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.admin.AgentResource;
import io.azevents.pacemaker.admin.ConfigurationCheck;
import io.azevents.pacemaker.admin.Finding;
import io.azevents.pacemaker.admin.Migration;
import io.azevents.pacemaker.admin.Shell;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code azevents} command line: dispatches to the OCF agent and the operator commands.
 * Exit codes: 0 success; 1 the command found errors (check) or failed; 2 usage error; 3 the cluster
 * or IMDS could not be read. The OCF agent uses the OCF codes instead.
 */
public final class Commands {
    static final String USAGE = """
            usage: azevents <command> [options]

            commands:
              status     every node's agent state, health, pending events and claims
              explain    what the next monitor cycle on this node would do, and why
                         --event TYPE  as if Azure scheduled an event of TYPE for this VM now
              check      the cluster configuration against best practice (exit 1 on errors)
              migrate    from the Python ocf:heartbeat agents to azevents in place, or
                         from azure-events to azure-events-az: the steps for this cluster
                         --apply  run them (only in maintenance mode, agent installed)
                         --provider NAME  OCF provider of the new agent (default azevents)
              demo       play a user-initiated Reboot of node1 on a simulated 3-node cluster
              simulator  run the IMDS simulator alone (see azevents simulator --help)
              ocf AGENT ACTION   the OCF resource agent (azure-events-az or azure-events)

            options (status, explain, check, migrate):
              --json            machine-readable output
              --strategy NAME   az-health or legacy-pullstate (default: from the CIB's agent)
              --cib-file FILE   work on a CIB file instead of the live cluster
              --node NAME       the local node (needed with --cib-file)
              --shell crmsh|pcs check, migrate: the shell of the fixes and steps
                                (default: the one installed; both when both are)
              --imds-url URL    IMDS address (default http://169.254.169.254; loopback allowed)
              --no-imds         status: do not ask IMDS for this VM's events

            exit codes: 0 ok, 1 errors found or command failed, 2 usage, 3 cluster or IMDS unreadable
            """;

    private static final Set<String> FLAGS = Set.of("json", "help", "apply", "no-imds", "fast");
    private static final Set<String> VALUED = Set.of("strategy", "cib-file", "node", "imds-url", "event", "provider",
            "shell");

    private Commands() {
    }

    /** Runs {@code args} with {@code env} as the environment; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, null);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Wiring wiringOverride) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        List<String> rest = List.of(args).subList(1, args.length);
        if (command.equals("ocf")) {
            if (rest.size() < 2) {
                err.println("usage: azevents ocf {azure-events-az|azure-events} ACTION");
                return Ocf.ERR_ARGS;
            }
            String agent = rest.get(0);
            String strategy = agent.equals("azure-events") ? "legacy-pullstate" : "az-health";
            Wiring w = wiringOverride != null ? wiringOverride : new ProductionWiring(env);
            return new OcfAgent(agent, strategy, env, w, Clock.systemUTC(), out).run(rest.get(1));
        }
        if (command.equals("simulator")) {
            return SimulatorCommand.run(rest, out, err);
        }
        Options o;
        try {
            o = Options.parse(rest, FLAGS, VALUED);
        } catch (Options.UsageException e) {
            err.println("azevents " + command + ": " + e.getMessage());
            return 2;
        }
        if (o.flag("help")) {
            out.print(USAGE);
            return 0;
        }
        Map<String, String> e = new HashMap<>(env);
        o.value("cib-file").ifPresent(f -> e.put("CIB_file", Path.of(f).toAbsolutePath().toString()));
        o.value("node").ifPresent(n -> e.put("OCF_RESKEY_CRM_meta_on_node", n));
        o.value("imds-url").ifPresent(u -> e.put("OCF_RESKEY_imds_url", u));
        Wiring w = wiringOverride != null ? wiringOverride : new ProductionWiring(e);
        try {
            return switch (command) {
                case "status" -> status(o, e, w, out, err);
                case "explain" -> explain(o, e, w, out, err);
                case "check" -> check(o, w, out);
                case "migrate" -> migrate(o, e, w, out, err);
                case "demo" -> Demo.run(o.flag("fast"), out);
                default -> {
                    err.println("azevents: unknown command '" + command + "'\n");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (AzEventsException | IllegalArgumentException | java.io.UncheckedIOException ex) {
            err.println("azevents " + command + ": " + ex.getMessage());
            return 3;
        }
    }

    private static String strategyFor(Options o, Wiring w) {
        if (o.value("strategy").isPresent()) {
            return Strategies.discover().provider(o.value("strategy").get()).name();
        }
        try {
            List<AgentResource> agents = AgentResource.in(w.queryCib(), Strategies.discover());
            return agents.isEmpty() ? "az-health" : agents.get(0).strategy();
        } catch (AzEventsException e) {
            return "az-health";
        }
    }

    /** The agent's parameters as the CIB holds them, so explain decides as the running agent would. */
    private static Map<String, String> agentParams(Wiring w, Map<String, String> env) {
        Map<String, String> m = new HashMap<>(env);
        try {
            List<AgentResource> agents = AgentResource.in(w.queryCib(), Strategies.discover());
            if (!agents.isEmpty()) {
                agents.get(0).parameters().forEach((k, v) -> m.putIfAbsent("OCF_RESKEY_" + k, v));
            }
        } catch (AzEventsException e) {
            // No CIB: the defaults apply.
        }
        return m;
    }

    private static int status(Options o, Map<String, String> env, Wiring w, PrintStream out, PrintStream err) {
        String strategy = strategyFor(o, w);
        EnvConfig config = new EnvConfig(env, strategy);
        ClusterView view = w.store(config).readView();
        Optional<ScheduledEventsDocument> doc = Optional.empty();
        Optional<String> vm = Optional.empty();
        Optional<String> problem = Optional.of("--no-imds");
        if (!o.flag("no-imds")) {
            try {
                ScheduledEventSource source = w.source(config, Duration.ofSeconds(5), StateFile.forInstance(env).directory());
                vm = Optional.of(source.vmName());
                doc = Optional.of(source.fetch());
            } catch (AzEventsException ex) {
                problem = Optional.of("IMDS: " + ex.getMessage());
            }
        }
        Map<String, Object> model = StatusView.model(strategy, view, doc, vm, Instant.now());
        out.print(o.flag("json") ? Json.write(model) : StatusView.text(model, problem));
        return 0;
    }

    private static int explain(Options o, Map<String, String> env, Wiring w, PrintStream out, PrintStream err) {
        String strategy = strategyFor(o, w);
        EnvConfig config = new EnvConfig(agentParams(w, env), strategy);
        ScheduledEventSource source = w.source(config, Duration.ofSeconds(10), StateFile.forInstance(env).directory());
        ClusterAttributeStore store = w.store(config);
        AzEventsAgent agent = new AzEventsAgent(source, store, Strategies.discover().create(strategy, config));
        Optional<ScheduledEvent> hypothetical = Optional.empty();
        java.util.function.UnaryOperator<ScheduledEventsDocument> whatIf = doc -> doc;
        if (o.value("event").isPresent()) {
            EventType type = EventType.of(o.value("event").get());
            if (!type.isKnown()) {
                err.println("azevents explain: unknown event type '" + o.value("event").get() + "'; known: " + EventType.KNOWN);
                return 2;
            }
            String vm = source.vmName();
            ScheduledEvent e = ScheduledEvent.of(UUID.randomUUID().toString(), type,
                    Optional.of(Instant.now().plus(type.minimumNotice()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), vm)
                    .withSource(EventSource.USER).withDescription("hypothetical event from azevents explain");
            hypothetical = Optional.of(e);
            whatIf = doc -> {
                List<ScheduledEvent> events = new ArrayList<>(doc.events());
                events.add(e);
                return new ScheduledEventsDocument(doc.incarnation() + 1, events);
            };
        }
        List<Decision> decisions = agent.dryRunCycle(whatIf);
        Decision d = decisions.get(decisions.size() - 1);
        if (o.flag("json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", d.strategy());
            m.put("node", d.localNode());
            m.put("hypotheticalEvent", hypothetical.map(ScheduledEvent::id).orElse(null));
            m.put("stateAfter", d.state().name());
            List<Object> steps = new ArrayList<>();
            for (Decision x : decisions) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("notes", x.notes());
                step.put("warnings", x.warnings());
                List<Object> actions = new ArrayList<>();
                x.actions().forEach(a -> actions.add(Map.of("action", DecisionText.action(a), "reason", a.reason())));
                step.put("actions", actions);
                steps.add(step);
            }
            m.put("decisions", steps);
            out.print(Json.write(m));
            return 0;
        }
        out.println("What the next monitor cycle on " + d.localNode() + " would do (strategy " + d.strategy() + ")"
                + hypothetical.map(e -> ",\nif Azure scheduled a " + e.type() + " (User) for " + e.resources().get(0)
                + " now, due " + e.notBefore().orElseThrow() + ":").orElse(":"));
        DecisionText.steps(decisions.get(0)).forEach(out::println);
        if (decisions.size() > 1) {
            out.println("Then, holding the claim, on the cluster read again:");
            DecisionText.steps(d).forEach(out::println);
        }
        out.println("State of " + d.localNode() + " after this cycle: " + d.state());
        out.println("(dry run: nothing was written or approved)");
        return 0;
    }

    private static int check(Options o, Wiring w, PrintStream out) {
        List<Finding> findings = ConfigurationCheck.run(w.queryCib(), o.value("strategy"));
        Optional<Shell> shell = o.value("shell").map(Shell::of).or(Shell::detect);
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        if (o.flag("json")) {
            List<Object> list = new ArrayList<>();
            for (Finding f : findings) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("severity", f.severity().name());
                m.put("code", f.code());
                m.put("message", f.message());
                m.put("crmsh", f.crmshFix());
                m.put("pcs", f.pcsFix());
                list.add(m);
            }
            out.print(Json.write(Map.of("errors", errors, "findings", list)));
        } else {
            for (Finding f : findings) {
                out.println(String.format("%-7s %s", f.severity(), f.code()));
                Text.wrap("  ", f.message()).forEach(out::println);
                // Commands stay on one line each, to be copied as they are.
                if (shell.isEmpty() || shell.get() == Shell.CRMSH) {
                    f.crmshFix().forEach(c -> out.println("  crmsh: " + c));
                }
                if (shell.isEmpty() || shell.get() == Shell.PCS) {
                    f.pcsFix().forEach(c -> out.println("  pcs:   " + c));
                }
            }
            out.println(findings.isEmpty() ? "OK: the configuration follows the documented best practice."
                    : errors + " error(s), " + (findings.size() - errors) + " other finding(s).");
        }
        return errors > 0 ? 1 : 0;
    }

    private static int migrate(Options o, Map<String, String> env, Wiring w, PrintStream out, PrintStream err) {
        String cib = w.queryCib();
        String provider = o.value("provider").orElse("azevents");
        if (!provider.matches("[a-z][a-z0-9_-]{0,31}")) {
            err.println("azevents migrate: not a provider name: " + provider);
            return 2;
        }
        Shell shell = o.value("shell").map(Shell::of).or(Shell::detect).orElse(Shell.CRMSH);
        Migration.Plan plan = Migration.plan(cib, provider, shell);
        if (!o.flag("apply")) {
            if (o.flag("json")) {
                List<Object> list = new ArrayList<>();
                plan.steps().forEach(s -> list.add(Map.of("why", s.why(), "argv", s.argv(), "optional", s.optional())));
                out.print(Json.write(Map.of("kind", plan.kind().name(), "shell", shell.key(), "steps", list,
                        "notes", plan.notes())));
            } else {
                if (!plan.steps().isEmpty()) {
                    out.println("Steps for this cluster with " + shell.key() + " (run with --apply while the cluster is in"
                            + "\nmaintenance mode to have azevents run steps 2 to " + (plan.steps().size() - 1) + "):");
                }
                int i = 1;
                for (Migration.Step s : plan.steps()) {
                    out.println(i++ + ". " + s.why());
                    out.println("   " + s.shell());
                }
                plan.notes().forEach(n -> Text.wrap("", n).forEach(out::println));
            }
            return plan.kind() == Migration.Kind.REFUSED ? 1 : 0;
        }
        Optional<String> refusal = Migration.refusal(plan, cib, Path.of(env.getOrDefault("OCF_ROOT", "/usr/lib/ocf")),
                provider);
        if (refusal.isPresent()) {
            err.println("azevents migrate: refusing to apply: " + refusal.get());
            return 1;
        }
        Optional<String> failed = Migration.apply(plan, CommandRunner.local(),
                Optional.ofNullable(env.get("CIB_file")).map(Path::of), out::println);
        if (failed.isPresent()) {
            err.println("azevents migrate: " + failed.get());
            return 1;
        }
        out.println("done; check with 'azevents check', then: " + plan.steps().get(plan.steps().size() - 1).shell());
        return 0;
    }
}
