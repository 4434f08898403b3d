package io.azevents.cli.commands;

import io.azevents.cli.text.Json;
import io.azevents.cli.text.Text;
import io.azevents.cli.wiring.Plugins;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code azevents strategies}: every strategy the agents can run, built in or from a plugin jar, and
 * the plugin jars that are not used, with the reason. Exit 1 when a plugin is not used, so that a
 * configuration tool notices; the strategies listed can all run.
 */
@Command(name = "strategies", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "the strategies the agents can run, built in or from plugin jars, and the plugins not used",
        descriptionHeading = "%n",
        description = "Lists each strategy the strategy parameter of the agents accepts, with where it comes from: "
                + "built in, or the plugin jar that provides it. Plugin jars are read from "
                + "/usr/share/azevents/plugins (or the directory AZEVENTS_PLUGIN_DIR names) when the agent or the "
                + "command starts; a running resident poller keeps what it read until its next start. A plugin "
                + "that cannot be used (a corrupt jar, a provider that fails, an invalid name, a name or agent "
                + "type a built-in strategy or another plugin already has) is listed under WARNING with the "
                + "reason, and never stops the other strategies. Writes nothing.",
        exitCodeList = {"0:every plugin found is used", "1:a plugin is not used (see WARNING); the strategies "
                + "listed still run", "2:usage error"})
final class StrategiesCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Mixin
    Common.JsonOption json;

    @Mixin
    Common.HelpOption help;

    @Override
    public Integer call() {
        Plugins plugins = Plugins.installed(root.env);
        Strategies strategies = plugins.strategies();
        PrintStream out = root.out;
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pluginDirectory", plugins.directory().toString());
            List<Object> list = new ArrayList<>();
            for (String name : strategies.names()) {
                NodeDrainStrategyProvider p = strategies.provider(name);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("name", name);
                s.put("origin", plugins.origin(name).map(Object::toString).orElse("built-in"));
                s.put("description", p.description());
                p.ocfAgentType().ifPresent(t -> s.put("ocfAgentType", t));
                list.add(s);
            }
            m.put("strategies", list);
            List<Object> broken = new ArrayList<>();
            for (Plugins.Broken b : plugins.broken()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("jar", b.jar().toString());
                o.put("reason", b.reason());
                broken.add(o);
            }
            m.put("notUsed", broken);
            out.print(Json.write(m));
        } else {
            out.println("strategies (plugin directory " + plugins.directory() + "):");
            for (String name : strategies.names()) {
                NodeDrainStrategyProvider p = strategies.provider(name);
                out.println("  " + name + "  " + plugins.origin(name).map(j -> "plugin " + j).orElse("built-in")
                        + p.ocfAgentType().map(t -> ", default of the agent " + t).orElse(""));
                Text.wrap("      ", p.description()).forEach(out::println);
            }
            if (!plugins.broken().isEmpty()) {
                out.println("WARNING: " + plugins.broken().size() + " plugin"
                        + (plugins.broken().size() == 1 ? " is" : "s are") + " not used:");
                for (Plugins.Broken b : plugins.broken()) {
                    Text.wrap("  ", b.jar() + ": " + b.reason()).forEach(out::println);
                }
            }
        }
        return plugins.broken().isEmpty() ? 0 : 1;
    }
}
