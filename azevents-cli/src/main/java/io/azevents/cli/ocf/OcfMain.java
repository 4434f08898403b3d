package io.azevents.cli.ocf;

import io.azevents.cli.wiring.AgentTypes;
import io.azevents.cli.wiring.Plugins;
import io.azevents.cli.wiring.ProductionWiring;
import io.azevents.core.AzEventsException;
import io.azevents.core.Strategies;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code azevents ocf AGENT ACTION}, the entry of the packaged OCF wrappers: the agent's type picks
 * its default strategy (the provider that claims it, see {@link AgentTypes}), then {@link OcfAgent}
 * runs the action. No command-line library is loaded on this path: Pacemaker runs it every monitor
 * interval, and what it prints and returns is the OCF contract.
 */
public final class OcfMain {
    private OcfMain() {
    }

    /** Runs {@code args} (the words after {@code ocf}) with {@code env}; returns the OCF exit code. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String strategy;
        Strategies strategies;
        try {
            strategies = Plugins.installed(env).strategies();
        } catch (AzEventsException e) {
            Ocf.exitReason(e.getMessage());
            return Ocf.ERR_INSTALLED;
        }
        if (args.size() < 2) {
            err.println("usage: azevents ocf {" + String.join("|", AgentTypes.types(strategies)) + "} ACTION");
            return Ocf.ERR_ARGS;
        }
        String agent = args.get(0);
        try {
            strategy = AgentTypes.defaultStrategy(strategies, agent);
        } catch (IllegalStateException e) {
            Ocf.exitReason(e.getMessage());
            return Ocf.ERR_INSTALLED;
        }
        return new OcfAgent(agent, strategy, env, new ProductionWiring(env), Clock.systemUTC(), out).run(args.get(1));
    }
}
