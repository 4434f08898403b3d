package io.azevents.cli.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code azevents ocf AGENT ACTION}, the entry of the packaged OCF wrappers: the agent's name picks
 * its strategy, then {@link OcfAgent} runs the action. No command-line library is loaded on this path:
 * Pacemaker runs it every monitor interval, and what it prints and returns is the OCF contract.
 */
public final class OcfMain {
    private OcfMain() {
    }

    /** Runs {@code args} (the words after {@code ocf}) with {@code env}; returns the OCF exit code. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            err.println("usage: azevents ocf {azure-events-az|azure-events} ACTION");
            return Ocf.ERR_ARGS;
        }
        String agent = args.get(0);
        String strategy = agent.equals("azure-events") ? "legacy-pullstate" : "az-health";
        return new OcfAgent(agent, strategy, env, new ProductionWiring(env), Clock.systemUTC(), out).run(args.get(1));
    }
}
