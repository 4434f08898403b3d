package io.azevents.cli.commands;

import io.azevents.cli.history.HistoryFiles;
import io.azevents.cli.history.Metrics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code azevents metrics}: this node's counters in the Prometheus text format. */
@Command(name = "metrics", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "this node's counters in the Prometheus text exposition format",
        descriptionHeading = "%n",
        description = "Prints what the agent on this node counted (events seen by type and source, drains, "
                + "approvals by IMDS's answer, restores, IMDS failures by kind, the last successful cycle, how "
                + "long drains took, the margin left before NotBefore at approval) in the Prometheus text format. "
                + "The counters live beside the history (see azevents history); with the parameter "
                + "metrics_textfile_dir the agent also keeps them in DIR/azevents.prom for node_exporter. "
                + "Writes nothing.",
        exitCodeList = {"0:ok", "2:usage error"})
final class MetricsCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Option(names = "--dir", paramLabel = "DIR", description = "the history directory (default: "
            + HistoryFiles.DEFAULT_DIR + ", or AZEVENTS_HISTORY_DIR)")
    Path dir;

    @Mixin
    Common.HelpOption help;

    @Override
    public Integer call() {
        HistoryFiles files = dir != null ? new HistoryFiles(dir) : HistoryFiles.from(root.env);
        root.out.print(Metrics.of(files).exposition());
        return 0;
    }
}
