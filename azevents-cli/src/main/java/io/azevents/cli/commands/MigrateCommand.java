package io.azevents.cli.commands;

import io.azevents.cli.text.Json;
import io.azevents.cli.wiring.ProductionWiring;
import io.azevents.cli.text.Text;
import io.azevents.cli.wiring.Wiring;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.admin.Migration;
import io.azevents.pacemaker.admin.Shell;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code azevents migrate}: the steps from azure-events to azure-events-az, printed or run. */
@Command(name = "migrate", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "switch this cluster from the Python agents to azevents, or from azure-events to azure-events-az",
        descriptionHeading = "%n",
        description = "Prints the steps for this cluster, with its names filled in: from the Python "
                + "ocf:heartbeat:azure-events-az or azure-events to azevents' agent of the same name, in place "
                + "(the resource id, its parameters and the nodes' attributes and states are kept); on a cluster "
                + "already on azevents' azure-events, the move to azure-events-az (node health). With --apply, "
                + "runs them; only while the cluster is in maintenance mode, and only where the new agent is "
                + "installed.",
        exitCodeList = {"0:ok", "1:refused (not in maintenance mode, agent not installed) or a step failed",
            "2:usage error", "3:the cluster could not be read"})
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--apply", description = "run the steps (only in maintenance mode, with the agent installed)")
    boolean apply;

    @Option(names = "--provider", paramLabel = "NAME", defaultValue = "azevents",
            description = "the OCF provider of the new agent (default: ${DEFAULT-VALUE})")
    String provider;

    @Mixin
    Common.JsonOption json;

    @Mixin
    Common.CibFileOption cib;

    @Mixin
    Common.ShellOption shell;

    @Mixin
    Common.HelpOption help;

    @Override
    public Integer call() {
        if (!provider.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new ParameterException(spec.commandLine(), "not a provider name: " + provider);
        }
        cib.requireReadable();
        Map<String, String> env = Common.environment(root.env, cib, Optional.empty());
        Wiring w = new ProductionWiring(env);
        String cibXml = w.queryCib();
        PrintStream out = root.out;
        PrintStream err = root.err;
        Shell chosen = shell.shell().orElse(Shell.CRMSH);
        Migration.Plan plan = Migration.plan(cibXml, provider, chosen);
        if (!apply) {
            if (json.json) {
                List<Object> list = new ArrayList<>();
                plan.steps().forEach(s -> list.add(Map.of("why", s.why(), "argv", s.argv(), "optional", s.optional())));
                out.print(Json.write(Map.of("kind", plan.kind().name(), "shell", chosen.key(), "steps", list,
                        "notes", plan.notes())));
            } else {
                if (!plan.steps().isEmpty()) {
                    out.println("Steps for this cluster with " + chosen.key() + " (run with --apply while the cluster is in"
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
        Optional<String> refusal = Migration.refusal(plan, cibXml, Path.of(env.getOrDefault("OCF_ROOT", "/usr/lib/ocf")),
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
