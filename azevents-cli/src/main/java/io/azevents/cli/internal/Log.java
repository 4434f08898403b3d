package io.azevents.cli.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the agent's lines go: stderr (Pacemaker puts it in its log), plus {@code HA_LOGFILE} and, for
 * debug lines, {@code HA_DEBUGLOG} when set, in the format of the OCF shell functions. Configured once
 * at start-up; thread-safe.
 */
final class Log {
    enum Level { DEBUG, INFO, WARN, ERROR }

    private static volatile Log current = new Log("azevents", false, System.getenv());

    private final String tag;
    private final boolean debug;
    private final String logFile;
    private final String debugFile;
    private final List<String> captured = new ArrayList<>();
    private PrintStream err = System.err;

    Log(String tag, boolean debug, java.util.Map<String, String> env) {
        this.tag = tag;
        this.debug = debug;
        this.logFile = blankToNull(env.get("HA_LOGFILE"));
        this.debugFile = blankToNull(env.get("HA_DEBUGLOG"));
    }

    static void configure(String tag, boolean verbose, java.util.Map<String, String> env) {
        current = new Log(tag, verbose, env);
    }

    static Log get() {
        return current;
    }

    boolean debugEnabled() {
        return debug;
    }

    void redirect(PrintStream stream) {
        this.err = stream;
    }

    void debug(String msg) {
        if (debug) {
            write(Level.DEBUG, msg);
        }
    }

    void info(String msg) {
        write(Level.INFO, msg);
    }

    void warn(String msg) {
        write(Level.WARN, msg);
    }

    void error(String msg) {
        write(Level.ERROR, msg);
    }

    synchronized void write(Level level, String msg) {
        String line = tag + "(" + ProcessHandle.current().pid() + ")[" + level + "]: " + oneLine(msg);
        err.println(line);
        captured.add(line);
        String file = level == Level.DEBUG ? (debugFile != null ? debugFile : null) : logFile;
        if (file != null) {
            append(file, LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMM dd HH:mm:ss")) + " " + line);
        }
        if (level != Level.DEBUG && debugFile != null && !debugFile.equals(logFile)) {
            append(debugFile, LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMM dd HH:mm:ss")) + " " + line);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(captured);
    }

    private static void append(String file, String line) {
        try (FileOutputStream out = new FileOutputStream(file, true)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A log file we cannot write must not fail the agent; stderr still has the line.
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
