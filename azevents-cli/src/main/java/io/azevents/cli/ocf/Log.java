package io.azevents.cli.ocf;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the agent's lines go. Configured once at start-up; thread-safe; keeps no line in memory.
 *
 * <p>An operation (a {@code monitor}, {@code start}, … run by Pacemaker) writes each line to stderr,
 * which Pacemaker puts in its log, and to {@code HA_LOGFILE} when set ({@code HA_DEBUGLOG} for
 * debug lines), in the format of the OCF shell functions.
 *
 * <p>The resident poller has no operation to report to, so it follows the shell agents' own rule
 * ({@code ocf_log}): syslog through {@code HA_LOGFACILITY} (Pacemaker sets it, usually
 * {@code daemon}; {@code none} turns it off), tagged {@code agent(resource)} with the poller's PID,
 * and {@code HA_LOGFILE} when set; each line once, never to stderr. With neither set it still logs
 * to syslog, facility {@code daemon}: a daemon's lines must land somewhere. Syslog is reached
 * through one long-lived {@code logger} process, started on the first line, so logging costs no
 * process per line.
 */
final class Log {
    enum Level { DEBUG, INFO, WARN, ERROR }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT);
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog",
            "lpr", "news", "uucp", "cron", "authpriv", "ftp");

    private static volatile Log current = new Log("azevents", false, Map.of());

    private final String tag;
    private final boolean debug;
    private final boolean stderr;
    private final String logFile;
    private final String debugFile;
    private final Syslog syslog;

    /** An operation's log: stderr plus the files. */
    Log(String tag, boolean debug, Map<String, String> env) {
        this(tag, debug, env, true, null);
    }

    private Log(String tag, boolean debug, Map<String, String> env, boolean stderr, Syslog syslog) {
        this.tag = tag;
        this.debug = debug;
        this.stderr = stderr;
        this.logFile = blankToNull(env.get("HA_LOGFILE"));
        this.debugFile = blankToNull(env.get("HA_DEBUGLOG"));
        this.syslog = syslog;
    }

    static void configure(String tag, boolean verbose, Map<String, String> env) {
        current = new Log(tag, verbose, env);
    }

    /** The resident poller's log: syslog and {@code HA_LOGFILE}, see the class comment. */
    static void configureDaemon(String agent, boolean verbose, Map<String, String> env) {
        String facility = blankToNull(env.get("HA_LOGFACILITY"));
        Syslog syslog = null;
        if (facility == null || !facility.trim().equalsIgnoreCase("none")) {
            String instance = env.getOrDefault("OCF_RESOURCE_INSTANCE", "");
            String tag = (agent + (instance.isBlank() ? "" : "(" + instance + ")")).replaceAll("[^A-Za-z0-9_.:()@-]", "_");
            syslog = new Syslog(tag, facilityCode(facility == null ? "daemon" : facility.trim()));
        }
        current = new Log(agent, verbose, env, false, syslog);
    }

    static Log get() {
        return current;
    }

    boolean debugEnabled() {
        return debug;
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
        String text = oneLine(msg);
        String line = tag + "(" + ProcessHandle.current().pid() + ")[" + level + "]: " + text;
        if (stderr) {
            System.err.println(line);
        }
        if (syslog != null) {
            syslog.send(level, level + ": " + text);
        }
        String file = level == Level.DEBUG ? debugFile : logFile;
        if (file != null) {
            append(file, LocalDateTime.now().format(DATE) + " " + line);
        }
        if (level != Level.DEBUG && debugFile != null && !debugFile.equals(logFile)) {
            append(debugFile, LocalDateTime.now().format(DATE) + " " + line);
        }
    }

    /** A syslog facility's code, {@code daemon}'s for a name syslog does not know. */
    static int facilityCode(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int i = FACILITIES.indexOf(n);
        if (i >= 0) {
            return i;
        }
        if (n.matches("local[0-7]")) {
            return 16 + (n.charAt(5) - '0');
        }
        return 3;
    }

    private static void append(String file, String line) {
        try (FileOutputStream out = new FileOutputStream(file, true)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A log file we cannot write must not fail the agent.
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * Syslog through one {@code logger --prio-prefix} child fed on its stdin (Java cannot open the
     * datagram socket {@code /dev/log} itself). A dead or missing {@code logger} is started again at
     * most once a minute; lines in between are dropped from syslog (the log file still has them).
     */
    private static final class Syslog {
        private static final long RETRY_NANOS = 60_000_000_000L;
        private final String tag;
        private final int facility;
        private Process process;
        private OutputStream in;
        private long lastAttempt = Long.MIN_VALUE;

        Syslog(String tag, int facility) {
            this.tag = tag;
            this.facility = facility;
        }

        void send(Level level, String text) {
            int severity = switch (level) {
                case DEBUG -> 7;
                case INFO -> 6;
                case WARN -> 4;
                case ERROR -> 3;
            };
            byte[] bytes = ("<" + (facility * 8 + severity) + ">" + text + "\n").getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 2; attempt++) {
                if (!ensure()) {
                    return;
                }
                try {
                    in.write(bytes);
                    in.flush();
                    return;
                } catch (IOException e) {
                    close();
                }
            }
        }

        private boolean ensure() {
            if (process != null && process.isAlive()) {
                return true;
            }
            close();
            long now = System.nanoTime();
            if (lastAttempt != Long.MIN_VALUE && now - lastAttempt < RETRY_NANOS) {
                return false;
            }
            lastAttempt = now;
            try {
                process = new ProcessBuilder("logger", "--id=" + ProcessHandle.current().pid(), "-t", tag,
                        "--prio-prefix").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                in = process.getOutputStream();
                return true;
            } catch (IOException e) {
                process = null;
                return false;
            }
        }

        private void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // already gone
                }
            }
            in = null;
            process = null;
        }
    }
}
