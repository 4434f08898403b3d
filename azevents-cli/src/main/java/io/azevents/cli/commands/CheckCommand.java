package io.azevents.cli.commands;

import io.azevents.cli.text.Json;
import io.azevents.cli.wiring.Plugins;
import io.azevents.cli.wiring.ProductionWiring;
import io.azevents.cli.text.Text;
import io.azevents.cli.wiring.Wiring;
import io.azevents.pacemaker.admin.ConfigurationCheck;
import io.azevents.pacemaker.admin.Finding;
import io.azevents.pacemaker.admin.Shell;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code azevents check}: the cluster configuration against the documented setup. */
@Command(name = "check", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "the cluster configuration against best practice (exit 1 on errors)",
        descriptionHeading = "%n",
        description = "Holds the cluster's configuration against the administrator's guide: the agent, its clone, "
                + "its operations, node-health-strategy, the location rule, the nodes' #health-azure, leftovers "
                + "of azure-events. Each finding comes with the crmsh and pcs commands that fix it.",
        exitCodeList = {"0:no error (warnings and notes may be printed)", "1:errors found", "2:usage error",
            "3:the cluster could not be read"})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Mixin
    Common.JsonOption json;

    @Mixin
    Common.StrategyOption strategy;

    @Mixin
    Common.CibFileOption cib;

    @Mixin
    Common.ShellOption shell;

    @Mixin
    Common.HelpOption help;

    @Override
    public Integer call() {
        cib.requireReadable();
        Wiring w = new ProductionWiring(Common.environment(root.env, cib, Optional.empty()));
        List<Finding> findings = ConfigurationCheck.run(w.queryCib(), strategy.strategy(),
                Plugins.installed(root.env).strategies());
        Optional<Shell> chosen = shell.shell();
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        PrintStream out = root.out;
        if (json.json) {
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
                if (chosen.isEmpty() || chosen.get() == Shell.CRMSH) {
                    f.crmshFix().forEach(c -> out.println("  crmsh: " + c));
                }
                if (chosen.isEmpty() || chosen.get() == Shell.PCS) {
                    f.pcsFix().forEach(c -> out.println("  pcs:   " + c));
                }
            }
            out.println(findings.isEmpty() ? "OK: the configuration follows the documented best practice."
                    : errors + " error(s), " + (findings.size() - errors) + " other finding(s).");
        }
        return errors > 0 ? 1 : 0;
    }
}
