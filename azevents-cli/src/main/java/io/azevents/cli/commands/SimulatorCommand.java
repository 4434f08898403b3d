package io.azevents.cli.commands;

import io.azevents.simulation.ImdsSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code azevents simulator}: the IMDS simulator on its own, for trying the agent by hand. */
@Command(name = "simulator", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "run the IMDS simulator alone, to try the agents without Azure",
        descriptionHeading = "%n",
        description = "Serves Azure's Scheduled Events API (IMDS) for one VM, prints its address, then reads "
                + "commands on standard input until quit; at the end of the input it keeps serving until it is "
                + "killed. Point an agent at it with imds_url (or --imds-url).",
        footerHeading = "Commands on standard input%n",
        footer = {
            "  schedule TYPE [VM...]   start ID   complete ID   cancel ID   list",
            "  fault STATUS [TIMES]    drop [TIMES]    requests    quit"},
        exitCodeList = {"0:quit", "1:the simulator could not start", "2:usage error"})
final class SimulatorCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "the address to listen on (default 127.0.0.1)")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "the port (default 0: any free port)")
    Integer port;

    @Option(names = "--vm", paramLabel = "NAME", description = "the VM name served as compute.name (default vm-sim-1)")
    String vm;

    @Option(names = "--zones",
            description = "show only the events that name this VM (default: every event, as in an Availability Set)")
    boolean zones;

    @Option(names = "--event", paramLabel = "TYPE", completionCandidates = Common.EventTypes.class,
            description = "schedule an event of TYPE (${COMPLETION-CANDIDATES}) for the VM; may be repeated")
    List<String> events = new ArrayList<>();

    @Mixin
    Common.HelpOption help;

    @Override
    public Integer call() {
        // The simulator's own command line, from the options parsed here: one parser, one usage.
        List<String> args = new ArrayList<>();
        if (bind != null) {
            args.addAll(List.of("--bind", bind));
        }
        if (port != null) {
            args.addAll(List.of("--port", port.toString()));
        }
        if (vm != null) {
            args.addAll(List.of("--vm", vm));
        }
        if (zones) {
            args.add("--zones");
        }
        events.forEach(e -> args.addAll(List.of("--event", e)));
        try {
            ImdsSimulator.main(args.toArray(String[]::new));
            return 0;
        } catch (Exception e) {
            root.err.println("azevents simulator: " + e.getMessage());
            return 1;
        }
    }
}
