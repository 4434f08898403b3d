package io.azevents.cli.commands;

import io.azevents.cli.wiring.AgentTypes;
import io.azevents.cli.wiring.Plugins;
import io.azevents.cli.wiring.Wiring;
import io.azevents.core.AzEventsException;
import io.azevents.core.Strategies;
import io.azevents.pacemaker.admin.AgentResource;
import io.azevents.pacemaker.admin.ConfigurationCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the commands that act as the agent learn from the CIB before they start. */
final class Cluster {
    private Cluster() {
    }

    /** The strategy asked for, else the one of the CIB's agent, else the default agent's (see {@link AgentTypes}). */
    static String strategyFor(Optional<String> asked, Wiring w, Map<String, String> env) {
        if (asked.isPresent()) {
            return asked.get();
        }
        Strategies strategies = Plugins.installed(env).strategies();
        try {
            List<AgentResource> agents = AgentResource.in(w.queryCib(), strategies);
            if (!agents.isEmpty()) {
                return agents.get(0).strategy();
            }
        } catch (AzEventsException e) {
            // No CIB: the default agent's strategy.
        }
        return AgentTypes.defaultStrategy(strategies, AgentTypes.DEFAULT);
    }

    /** The agent's parameters as the CIB holds them, so explain decides as the running agent would. */
    static Map<String, String> agentParams(Wiring w, Map<String, String> env) {
        Map<String, String> m = new HashMap<>(env);
        try {
            List<AgentResource> agents = AgentResource.in(w.queryCib(), Plugins.installed(env).strategies());
            if (!agents.isEmpty()) {
                agents.get(0).parameters().forEach((k, v) -> m.putIfAbsent("OCF_RESKEY_" + k, v));
            }
        } catch (AzEventsException e) {
            // No CIB: the defaults apply.
        }
        return m;
    }

    /**
     * With {@code --cib-file}, {@code --node} is needed: a CIB file does not say which node is this
     * one (on a live cluster {@code crm_node -n} does). A usage error that names the CIB's nodes.
     */
    static void requireNode(CommandSpec spec, Common.CibFileOption cib, Common.NodeOptions node, Wiring w) {
        if (cib.file().isEmpty() || (node.node != null && !node.node.isBlank())) {
            return;
        }
        List<String> names = List.of();
        try {
            names = ConfigurationCheck.nodeNames(w.queryCib());
        } catch (AzEventsException | IllegalArgumentException e) {
            // The names are a help, not a need: the message stands without them.
        }
        throw new ParameterException(spec.commandLine(), "--cib-file needs --node NAME, the node to look from"
                + (names.isEmpty() ? "" : "; this CIB has the nodes " + String.join(", ", names)
                + " (add for example --node " + names.get(0) + ")"));
    }
}
