package io.azevents.pacemaker;

import io.azevents.core.ClusterStoreException;
import java.util.List;
import java.util.Objects;

/**
 * A Pacemaker command failed: it exited with an unexpected code, timed out, or could not be
 * started. Carries what was run and what it answered. Immutable.
 */
public class CommandFailedException extends ClusterStoreException {
    private static final long serialVersionUID = 1L;

    /** The exit code used when the command timed out or could not be started. */
    public static final int NO_EXIT_CODE = -1;

    private final List<String> commandLine;
    private final int exitCode;
    private final String stderr;
    private final boolean timedOut;

    public CommandFailedException(List<String> commandLine, int exitCode, String stderr, boolean timedOut,
            Throwable cause) {
        super(message(commandLine, exitCode, stderr, timedOut), cause);
        this.commandLine = List.copyOf(commandLine);
        this.exitCode = exitCode;
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.timedOut = timedOut;
    }

    public CommandFailedException(List<String> commandLine, int exitCode, String stderr) {
        this(commandLine, exitCode, stderr, false, null);
    }

    /** The argument vector that was run, prefix included. */
    public List<String> commandLine() {
        return commandLine;
    }

    /** The exit code, or {@link #NO_EXIT_CODE} if the command timed out or did not start. */
    public int exitCode() {
        return exitCode;
    }

    /** What the command wrote to stderr (possibly empty). */
    public String stderr() {
        return stderr;
    }

    /** True if the command was killed because it ran past its timeout. */
    public boolean timedOut() {
        return timedOut;
    }

    private static String message(List<String> commandLine, int exitCode, String stderr, boolean timedOut) {
        String what = timedOut ? "timed out" : exitCode == NO_EXIT_CODE ? "could not run" : "exited " + exitCode;
        String err = stderr.strip();
        if (err.length() > 500) {
            // keep the head and the tail: tools often print their summary last
            err = err.substring(0, 200) + " ... " + err.substring(err.length() - 300);
        }
        return String.join(" ", commandLine) + " " + what + (err.isEmpty() ? "" : ": " + err);
    }
}
