package io.azevents.cli.commands;

import io.azevents.cli.history.HistoryFiles;
import io.azevents.cli.history.HistoryView;
import io.azevents.cli.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code azevents history}: what the agent on this node saw and did, event by event. */
@Command(name = "history", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "what the agent on this node saw and did, and why",
        descriptionHeading = "%n",
        description = "Prints this node's timeline of Azure events as the agent recorded it: each event first "
                + "seen (type, source, VMs, NotBefore), the claim taken, the drain written, the node found empty, "
                + "the approval sent and IMDS's answer, the event Started and gone, the node restored; each with "
                + "the reason the agent gave and the time it took. The agent keeps it in /var/lib/azevents/history "
                + "(the parameter history_dir or AZEVENTS_HISTORY_DIR move it), a few hundred KiB at most. "
                + "--compare shows where an observe_only run decided otherwise than the cluster did. Writes nothing.",
        exitCodeList = {"0:ok", "2:usage error", "3:the history could not be read"})
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Mixin
    Common.JsonOption json;

    @Option(names = "--since", paramLabel = "T", converter = Since.class,
            description = "only from T: 2026-11-22T03:00:00Z, 2026-11-22 (UTC), or an age such as 30m, 12h, 7d")
    Instant since;

    @Option(names = "--event", paramLabel = "ID", description = "only what concerns event ID (its first characters suffice)")
    String event;

    @Option(names = "--compare",
            description = "an observe_only run beside what the cluster did: where the decisions differ")
    boolean compare;

    @Option(names = "--dir", paramLabel = "DIR", description = "the history directory (default: "
            + HistoryFiles.DEFAULT_DIR + ", or AZEVENTS_HISTORY_DIR)")
    Path dir;

    @Mixin
    Common.HelpOption help;

    /** {@code --since}'s value, checked: a usage error names what is accepted. */
    static final class Since implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return HistoryView.since(value, Instant.now());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        HistoryFiles files = dir != null ? new HistoryFiles(dir) : HistoryFiles.from(root.env);
        if (Files.exists(files.dir()) && !Files.isReadable(files.dir())) {
            throw new Usage.Failure(Usage.UNREADABLE, "the history " + files.dir()
                    + " cannot be read (it is owner-only: run as root)");
        }
        List<Map<String, Object>> entries;
        try {
            entries = HistoryView.entries(files, Optional.ofNullable(since), Optional.ofNullable(event));
        } catch (java.io.UncheckedIOException e) {
            throw new Usage.Failure(Usage.UNREADABLE, e.getMessage());
        }
        if (compare) {
            List<Map<String, Object>> rows = HistoryView.compare(entries);
            if (json.json) {
                Map<String, Object> m = new LinkedHashMap<>(HistoryView.model(files, entries));
                m.remove("entries");
                m.put("comparison", rows);
                root.out.print(Json.write(m));
            } else {
                root.out.print(HistoryView.compareText(rows));
            }
            return 0;
        }
        root.out.print(json.json ? Json.write(HistoryView.model(files, entries)) : HistoryView.text(files, entries));
        return 0;
    }
}
