package io.azevents.cli.ocf;

import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.Names;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * after every poll. The wrapper checks them with shell built-ins only, so a monitor in resident mode
 * starts no JVM and no process.
 *
 * <p>The mode an instance runs in is the one recorded in its state file by {@code start}
 * ({@code mode=resident} or {@code mode=stateless}), not the current parameter: Pacemaker restarts a
 * resource whose {@code mode} changes, and an instance started by a version that recorded no mode
 * keeps the mode it was started in (resident if it has a PID file, else stateless) until its next
 * start, so a package upgrade never turns a healthy instance into a failed monitor.
 */
final class Resident {
    static final String MODE = "mode";
    static final String POLL_INTERVAL = "poll_interval";
    static final String RECONCILE_INTERVAL = "reconcile_interval";
    static final String RESIDENT = "resident";
    static final String STATELESS = "stateless";
    /** The default mode: a poller that reacts within seconds and costs least. */
    static final String DEFAULT_MODE = RESIDENT;
    /** A heartbeat older than this many poll intervals (and at least {@link #MIN_STALE_SECONDS}) means the poller is stuck. */
    static final int STALE_INTERVALS = 5;
    /**
     * The least age of a stale heartbeat, in seconds: longer than one legitimate slow poll (an IMDS
     * read at its deadline, then a cluster read and a drain forecast), so only a stuck poller fails
     * the monitor.
     */
    static final int MIN_STALE_SECONDS = 30;
    /** A heartbeat line longer than this is cut: it must stay within one block so it can be rewritten in place. */
    private static final int MAX_LINE = 1024;

    private final Path pid;
    private final Path heartbeat;
    /** The poller's heartbeat file, kept open for in-place refreshes, with the status and length written. */
    private FileChannel open;
    private String openStatus;
    private int openLength;

    Resident(StateFile state) {
        this.pid = Path.of(state.path() + ".pid");
        this.heartbeat = Path.of(state.path() + ".heartbeat");
    }

    /** True if {@code config} asks for resident mode (the default). */
    static boolean enabled(AgentConfig config) {
        String m = config.get(MODE).orElse(DEFAULT_MODE).trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case RESIDENT -> true;
            case STATELESS -> false;
            default -> throw new ConfigException(List.of(MODE + ": " + Names.quote(m)
                    + " is not a mode; use resident (a poller started by start, the default) or stateless "
                    + "(a JVM per monitor)"));
        };
    }

    /** The mode recorded by the {@code start} that created {@code state}; see the class comment. */
    boolean startedResident(StateFile state) {
        return state.get(MODE).map(RESIDENT::equals).orElseGet(() -> Files.exists(pid));
    }

    static Duration pollInterval(AgentConfig config) {
        return Duration.ofSeconds(config.integer(POLL_INTERVAL, 1, 1, 60));
    }

    /** How often the poller reads the cluster when nothing else asks it to; default 60 s. */
    static Duration reconcileInterval(AgentConfig config) {
        return Duration.ofSeconds(config.integer(RECONCILE_INTERVAL, 60, 10, 3600));
    }

    /** Seconds after which a heartbeat is stale; the wrapper computes the same. */
    static long staleAfterSeconds(Duration interval) {
        return Math.max(MIN_STALE_SECONDS, interval.toSeconds() * STALE_INTERVALS);
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
        try {
            reconcileInterval(config);
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

    /** The poller's process, if the PID file names a live process that is this instance's poller. */
    Optional<ProcessHandle> poller() {
        return pid().flatMap(ProcessHandle::of).filter(Resident::running).filter(Resident::isPoller);
    }

    /**
     * True while {@code p} runs. The JDK calls a zombie alive, and a killed poller stays one until its
     * reaper (init, or a slow container init) collects it; a zombie has no command line either, so
     * {@link #isPoller} would trust it. Where {@code /proc} tells, a zombie has ended.
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException e) {
            return !Files.isDirectory(Path.of("/proc/self")); // gone, unless there is no /proc at all
        } catch (IOException | RuntimeException e) {
            return true; // no /proc to tell: trust isAlive
        }
    }

    boolean alive() {
        return poller().isPresent();
    }

    /**
     * A reused PID must not pass for the poller: the process must be a {@code java} whose command
     * line ends in {@code poll}. When the JDK cannot tell (no command line), a live PID is trusted.
     */
    private static boolean isPoller(ProcessHandle p) {
        return p.info().arguments().map(a -> a.length > 0 && a[a.length - 1].equals("poll")).orElse(true);
    }

    void writePid(long value) throws IOException {
        replace(pid, Long.toString(value));
    }

    /**
     * Records the poller's state at {@code now}. A line of a new status or length replaces the file
     * atomically (a new file renamed over the old); the once-a-poll refresh of the same status only
     * rewrites the digits of the time in place, one system call on a file kept open. When the
     * replacement fails (a full disk, an unwritable directory) the line is rewritten in place, which
     * needs no new block, so a full disk still shows a live poller and its failure.
     *
     * @throws IOException if neither way could write it
     */
    void beat(Instant now, Optional<String> failure) throws IOException {
        String line = failure.map(f -> "fail " + now.getEpochSecond() + " " + oneLine(f))
                .orElse("ok " + now.getEpochSecond());
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE);
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        String status = line.substring(0, line.indexOf(' '));
        if (open != null && status.equals(openStatus) && bytes.length == openLength && failure.isEmpty()) {
            try {
                open.write(ByteBuffer.wrap(bytes), 0);
                return;
            } catch (IOException e) {
                closeHeartbeat();
            }
        }
        closeHeartbeat();
        try {
            replace(heartbeat, line);
        } catch (IOException e) {
            try (FileChannel ch = FileChannel.open(heartbeat, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(bytes), 0);
                ch.truncate(bytes.length);
            } catch (IOException inPlace) {
                e.addSuppressed(inPlace);
                throw e;
            }
            return;
        }
        try {
            open = FileChannel.open(heartbeat, StandardOpenOption.WRITE);
            openStatus = status;
            openLength = bytes.length;
        } catch (IOException e) {
            open = null; // the next beat replaces the file again
        }
    }

    private void closeHeartbeat() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing was pending
            }
            open = null;
        }
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
        long staleAfter = staleAfterSeconds(interval);
        if (now.getEpochSecond() - at > staleAfter) {
            return Optional.of("the resident poller's last heartbeat is " + (now.getEpochSecond() - at) + " s old");
        }
        if (parts[0].equals("fail")) {
            return Optional.of(parts.length > 2 ? parts[2] : "the resident poller reports a failure");
        }
        return Optional.empty();
    }

    /** Deletes the PID and heartbeat files; true if both are gone. Never throws. */
    boolean clear() {
        boolean ok = true;
        for (Path p : List.of(pid, heartbeat)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                Log.get().error("cannot delete " + p + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static void replace(Path file, String content) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = Files.createTempFile(file.getParent(), ".azevents", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
