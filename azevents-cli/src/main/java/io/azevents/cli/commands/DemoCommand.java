package io.azevents.cli.commands;

import io.azevents.cli.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code azevents demo}: a user-initiated Reboot of node1, played on a simulated 3-node cluster. */
@Command(name = "demo", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "play a user-initiated Reboot of node1 on a simulated 3-node cluster",
        descriptionHeading = "%n",
        description = "Starts an IMDS simulator per VM on 127.0.0.1 and a 3-node cluster (Pacemaker's cibadmin and "
                + "crm_simulate on a CIB file when installed, an in-process cluster otherwise), runs the az-health "
                + "agent on every node, and plays a Reboot of node1: drain, approval once the node is empty, "
                + "recovery. Needs no cluster and no Azure; changes nothing on this machine.",
        exitCodeList = {"0:the Reboot was carried through", "1:it was not (the timeline says where it stopped)",
            "2:usage error"})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    /** Accepted, as it always was; the demo is as fast as it can be either way. */
    @Option(names = "--fast", hidden = true)
    boolean fast;

    @Mixin
    Common.HelpOption help;

    @Override
    public Integer call() {
        return Demo.run(fast, root.out);
    }
}
