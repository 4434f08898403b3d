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

    /** The argument vector that was run, prefix included. */
    private final List<String> commandLine;
    /** The exit code, or {@link #NO_EXIT_CODE}. */
    private final int exitCode;
    /** What the command wrote to stderr, possibly empty. */
    private final String stderr;
    /** True if the command was killed because it ran past its timeout. */
    private final boolean timedOut;

    /**
     * A failed command. The message names the command line, how it ended and (cut to its first 200
     * and last 300 characters when long) what it wrote to stderr.
     *
     * @param commandLine the argument vector that was run, prefix included; copied
     * @param exitCode    the exit code, or {@link #NO_EXIT_CODE} if it timed out or did not start
     * @param stderr      what the command wrote to stderr; empty if nothing
     * @param timedOut    true if it was killed because it ran past its timeout
     * @param cause       the I/O failure that kept it from running, or {@code null}
     * @throws NullPointerException if {@code commandLine} or {@code stderr} is null
     */
    public CommandFailedException(List<String> commandLine, int exitCode, String stderr, boolean timedOut,
            Throwable cause) {
        super(message(commandLine, exitCode, stderr, timedOut), cause);
        this.commandLine = List.copyOf(commandLine);
        this.exitCode = exitCode;
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.timedOut = timedOut;
    }

    /**
     * A command that ran to completion but exited with an unexpected code.
     *
     * @param commandLine the argument vector that was run, prefix included; copied
     * @param exitCode    the exit code
     * @param stderr      what the command wrote to stderr; empty if nothing
     * @throws NullPointerException if {@code commandLine} or {@code stderr} is null
     */
    public CommandFailedException(List<String> commandLine, int exitCode, String stderr) {
        this(commandLine, exitCode, stderr, false, null);
    }

    /**
     * The argument vector that was run, prefix included.
     *
     * @return an immutable list, the program first
     */
    public List<String> commandLine() {
        return commandLine;
    }

    /**
     * The exit code, or {@link #NO_EXIT_CODE} if the command timed out or did not start.
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * What the command wrote to stderr (possibly empty).
     *
     * @return the whole of it, as written; never null
     */
    public String stderr() {
        return stderr;
    }

    /**
     * True if the command was killed because it ran past its timeout.
     *
     * @return whether the command timed out
     */
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
