package io.azevents.cli.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's history directory: {@code history.jsonl} (one JSON object per line, newest last),
 * rotated at {@link #ROTATE_BYTES} into {@code history.jsonl.1} ... {@code .KEEP}, plus the small
 * files the recorder keeps between cycles ({@code tracker.properties}, {@code counters.properties}).
 * The directory is 0700 and every file 0600: the history names VMs, nodes and event ids. It lives
 * under {@code /var/lib/azevents/history} by default (not under {@code /run}: it survives reboots;
 * no package owns its contents: it survives upgrades); {@code AZEVENTS_HISTORY_DIR} or the
 * parameter {@code history_dir} moves it. Not thread-safe; one writer per node (the agent).
 */
public final class HistoryFiles {
    /** Where the history lives unless configured otherwise. */
    /** The version of the history lines' schema, written in each line and in {@code history --json}. */
    public static final int SCHEMA_VERSION = 1;
    public static final String DEFAULT_DIR = "/var/lib/azevents/history";
    /** The environment variable that moves it (tests, the operator command). */
    public static final String ENV = "AZEVENTS_HISTORY_DIR";
    /** The OCF parameter that moves it. */
    /** The agent parameter that names the history directory. */
    public static final String PARAMETER = "history_dir";
    /** The size at which the current file is rotated. */
    public static final long ROTATE_BYTES = 256 * 1024;
    /** How many rotated files are kept besides the current one. */
    public static final int KEEP = 4;
    static final String CURRENT = "history.jsonl";

    private final Path dir;

    public HistoryFiles(Path dir) {
        this.dir = dir;
    }

    /** The directory from the environment: {@code OCF_RESKEY_history_dir}, then {@code AZEVENTS_HISTORY_DIR}. */
    public static HistoryFiles from(Map<String, String> env) {
        String d = Optional.ofNullable(env.get("OCF_RESKEY_" + PARAMETER)).filter(s -> !s.isBlank())
                .orElse(Optional.ofNullable(env.get(ENV)).filter(s -> !s.isBlank()).orElse(DEFAULT_DIR));
        return new HistoryFiles(Path.of(d));
    }

    public Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Appends lines (each one JSON object, no newline inside), rotating first if the file is full. */
    public void append(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            ensureDir();
            Path current = dir.resolve(CURRENT);
            if (Files.exists(current) && Files.size(current) >= ROTATE_BYTES) {
                rotate();
            }
            if (!Files.exists(current)) {
                Files.createFile(current, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l).append('\n'));
            // One write of whole lines in append mode: a reader never sees half an entry of a finished write.
            Files.writeString(current, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(dir.resolve(CURRENT + "." + KEEP));
        for (int i = KEEP - 1; i >= 1; i--) {
            Path from = dir.resolve(CURRENT + "." + i);
            if (Files.exists(from)) {
                Files.move(from, dir.resolve(CURRENT + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(dir.resolve(CURRENT), dir.resolve(CURRENT + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every line kept, oldest first; none if there is no history yet. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        try {
            for (int i = KEEP; i >= 1; i--) {
                Path p = dir.resolve(CURRENT + "." + i);
                if (Files.exists(p)) {
                    out.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
                }
            }
            Path current = dir.resolve(CURRENT);
            if (Files.exists(current)) {
                out.addAll(Files.readAllLines(current, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history in " + dir + ": " + e.getMessage(), e);
        }
        out.removeIf(String::isBlank);
        return out;
    }

    /** Replaces {@code name} atomically with {@code text}, owner-only. */
    public void replace(String name, String text) {
        try {
            ensureDir();
            writeAtomically(dir, name, text, "rw-------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code dir/name} through a temporary file in the same directory and a rename. */
    public static void writeAtomically(Path dir, String name, String text, String permissions) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // createTempFile honours the umask; the final mode must not depend on it.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The text of {@code name}, if it exists. */
    public Optional<String> read(String name) {
        Path p = dir.resolve(name);
        try {
            return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }
}
