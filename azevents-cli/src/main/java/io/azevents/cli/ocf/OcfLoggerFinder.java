package io.azevents.cli.ocf;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Routes the adapters' {@link System.Logger} output to the agent's log ({@link Log}): the CLI is the
 * one place that picks the logging backend. Registered as a {@link System.LoggerFinder} service, so no
 * logging framework (and not java.util.logging) is loaded at start-up.
 */
public final class OcfLoggerFinder extends System.LoggerFinder {

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Bridge(name);
    }

    private static final class Bridge implements System.Logger {
        private final String name;

        private final boolean jdkInternal;

        Bridge(String name) {
            this.name = name;
            this.jdkInternal = name.startsWith("sun.") || name.startsWith("jdk.") || name.startsWith("java.");
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            if (level.getSeverity() >= Level.INFO.getSeverity()) {
                return true;
            }
            // verbose=true adds the agent's own detail, not the JDK's (its HTTP client logs every header).
            return Log.get().debugEnabled() && !jdkInternal;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                Log.get().write(map(level), thrown == null ? msg : msg + ": " + thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                Log.get().write(map(level), params == null || params.length == 0 ? format
                        : MessageFormat.format(format, params));
            }
        }

        private static Log.Level map(Level level) {
            return switch (level) {
                case ERROR -> Log.Level.ERROR;
                case WARNING -> Log.Level.WARN;
                case INFO -> Log.Level.INFO;
                default -> Log.Level.DEBUG;
            };
        }
    }
}
