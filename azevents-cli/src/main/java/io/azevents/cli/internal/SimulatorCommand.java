package io.azevents.cli.internal;

import io.azevents.imds.ImdsSimulator;
import java.io.PrintStream;
import java.util.List;

/** {@code azevents simulator}: the IMDS simulator on its own, for trying the agent by hand. */
final class SimulatorCommand {
    private SimulatorCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            ImdsSimulator.main(args.toArray(String[]::new));
            return 0;
        } catch (Exception e) {
            err.println("azevents simulator: " + e.getMessage());
            return 1;
        }
    }
}
