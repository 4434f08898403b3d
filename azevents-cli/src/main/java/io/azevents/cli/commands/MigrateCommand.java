package io.azevents.cli.commands;

import io.azevents.cli.internal.Json;
import io.azevents.cli.internal.Migration;
import io.azevents.cli.internal.ProductionWiring;
import io.azevents.cli.internal.Wiring;
import io.azevents.pacemaker.CommandRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        header = "the steps from azure-events to azure-events-az for this cluster",
        descriptionHeading = "%n",
        description = "Prints the steps that move this cluster from the azure-events agent (standby) to "
                + "azure-events-az (node health), with its node names filled in. With --apply, runs them; "
                + "only while the cluster is in maintenance mode, and only where the new agent is installed.",
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
        List<Migration.Step> steps = Migration.plan(cibXml, provider);
        if (!apply) {
            if (json.json) {
                List<Object> list = new ArrayList<>();
                steps.forEach(s -> list.add(Map.of("why", s.why(), "argv", s.argv(), "optional", s.optional())));
                out.print(Json.write(Map.of("steps", list)));
            } else {
                out.println("Steps from azure-events to azure-events-az for this cluster (run with --apply while the");
                out.println("cluster is in maintenance mode to have azevents run steps 2 to " + (steps.size() - 1) + "):");
                int i = 1;
                for (Migration.Step s : steps) {
                    out.println(i++ + ". " + s.why());
                    out.println("   " + s.shell());
                }
            }
            return 0;
        }
        if (!Migration.inMaintenance(cibXml)) {
            err.println("azevents migrate: refusing to apply: the cluster is not in maintenance mode; run\n"
                    + "  crm configure property maintenance-mode=true\nfirst, then migrate --apply, then leave maintenance mode");
            return 1;
        }
        Path agent = Path.of(env.getOrDefault("OCF_ROOT", "/usr/lib/ocf"), "resource.d", provider, "azure-events-az");
        if (!Files.isExecutable(agent)) {
            err.println("azevents migrate: refusing to apply: " + agent + " is not installed on this node;"
                    + " install the azevents package on every node first");
            return 1;
        }
        for (Migration.Step s : steps.subList(1, steps.size() - 1)) {
            if (s.optional()) {
                out.println("skipped (optional): " + s.shell());
                continue;
            }
            out.println("running: " + s.shell());
            Map<String, String> toolEnv = env.containsKey("CIB_file") ? Map.of("CIB_file", env.get("CIB_file")) : Map.of();
            CommandRunner.Result r = CommandRunner.local().run(s.argv(), toolEnv, Duration.ofSeconds(60));
            if (r.exitCode() != 0) {
                err.println("azevents migrate: step failed (exit " + r.exitCode() + "): " + s.shell() + "\n" + r.stderr());
                return 1;
            }
        }
        out.println("done; check with 'azevents check', then: crm configure property maintenance-mode=false");
        return 0;
    }
}
