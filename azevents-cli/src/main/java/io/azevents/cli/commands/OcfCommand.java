package io.azevents.cli.commands;

import io.azevents.cli.ocf.OcfMain;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code azevents ocf AGENT ACTION}: the OCF resource agent. {@link io.azevents.cli.Main} runs it
 * without this parser (its arguments and output are the OCF contract); this class describes it for the
 * usage, the man page and the completion, and runs it the same way if it is reached.
 */
@Command(name = "ocf", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "the OCF resource agent (azure-events-az or azure-events)",
        descriptionHeading = "%n",
        description = "The OCF resource agent itself. Pacemaker runs it through the wrappers in "
                + "/usr/lib/ocf/resource.d/azevents/; its parameters come from OCF_RESKEY_* variables. See "
                + "ocf_azevents_azure-events-az(7) and ocf_azevents_azure-events(7), or the output of "
                + "'azevents ocf AGENT meta-data'.",
        exitCodeList = {"0-7:the OCF exit codes (a monitor of a stopped instance answers 7, not running)"})
final class OcfCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Parameters(index = "0", paramLabel = "AGENT", completionCandidates = Agents.class,
            description = "azure-events-az (node health, Availability Zones) or azure-events (standby)")
    String agent;

    @Parameters(index = "1", paramLabel = "ACTION", completionCandidates = Actions.class,
            description = "an OCF action: ${COMPLETION-CANDIDATES}")
    String action;

    @Override
    public Integer call() {
        return OcfMain.run(List.of(agent, action), root.env, root.out, root.err);
    }

    /** The two agents. */
    static final class Agents implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("azure-events-az", "azure-events").iterator();
        }
    }

    /** The actions the agents implement. */
    static final class Actions implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("start", "stop", "monitor", "validate-all", "meta-data").iterator();
        }
    }
}
