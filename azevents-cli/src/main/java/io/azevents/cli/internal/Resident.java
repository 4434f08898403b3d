package io.azevents.cli.internal;

import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resident mode's files and their meaning, shared by the poller (writer), the Java monitor and
 * the shell wrapper (readers): {@code <state>.pid} holds the poller's PID; {@code <state>.heartbeat}
 * holds one line, {@code ok <epoch-seconds>} or {@code fail <epoch-seconds> <reason>}, rewritten
 * atomically after every poll. The wrapper checks them with shell built-ins only, so a monitor in
 * resident mode starts no JVM and no process.
 */
final class Resident {
    static final String MODE = "mode";
    static final String POLL_INTERVAL = "poll_interval";
    /** A heartbeat older than this many poll intervals (and at least 10 s) means the poller is stuck. */
    static final int STALE_INTERVALS = 5;

    private final Path pid;
    private final Path heartbeat;

    Resident(StateFile state) {
        this.pid = Path.of(state.path() + ".pid");
        this.heartbeat = Path.of(state.path() + ".heartbeat");
    }

    static boolean enabled(AgentConfig config) {
        String m = config.get(MODE).orElse("stateless").trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "resident" -> true;
            case "stateless" -> false;
            default -> throw new ConfigException(List.of(MODE + ": " + Names.quote(m)
                    + " is not a mode; use stateless (a JVM per monitor) or resident (a poller started by start)"));
        };
    }

    static Duration pollInterval(AgentConfig config) {
        return Duration.ofSeconds(config.integer(POLL_INTERVAL, 1, 1, 60));
    }

    static List<String> problems(AgentConfig config) {
        List<String> p = new ArrayList<>();
        try {
            enabled(config);
        } catch (ConfigException e) {
            p.addAll(e.problems());
        }
        try {
            pollInterval(config);
        } catch (ConfigException e) {
            p.addAll(e.problems());
        }
        return p;
    }

    Path pidFile() {
        return pid;
    }

    Path heartbeatFile() {
        return heartbeat;
    }

    Optional<Long> pid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pid).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean alive() {
        return pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    void writePid(long value) {
        write(pid, Long.toString(value));
    }

    void beat(Instant now, Optional<String> failure) {
        write(heartbeat, failure.map(f -> "fail " + now.getEpochSecond() + " " + f.replace('\n', ' '))
                .orElse("ok " + now.getEpochSecond()));
    }

    /** Empty if the poller is healthy at {@code now}, else why not. */
    Optional<String> problem(Instant now, Duration interval) {
        if (!alive()) {
            return Optional.of("the resident poller is not running");
        }
        String line;
        try {
            line = Files.readString(heartbeat).trim();
        } catch (IOException e) {
            return Optional.of("the resident poller has not reported yet");
        }
        String[] parts = line.split(" ", 3);
        long at;
        try {
            at = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            return Optional.of("unreadable heartbeat: " + Names.quote(line));
        }
        long staleAfter = Math.max(10, interval.toSeconds() * STALE_INTERVALS);
        if (now.getEpochSecond() - at > staleAfter) {
            return Optional.of("the resident poller's last heartbeat is " + (now.getEpochSecond() - at) + " s old");
        }
        if (parts[0].equals("fail")) {
            return Optional.of(parts.length > 2 ? parts[2] : "the resident poller reports a failure");
        }
        return Optional.empty();
    }

    void clear() {
        try {
            Files.deleteIfExists(pid);
            Files.deleteIfExists(heartbeat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".azevents", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
