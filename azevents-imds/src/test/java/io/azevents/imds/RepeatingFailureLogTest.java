package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepeatingFailureLogTest {
    record Line(Level level, String message) { }

    static final class RecordingLogger implements System.Logger {
        final List<Line> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(new Line(level, msg));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(level, format));
        }

        List<Level> levels() {
            return lines.stream().map(Line::level).toList();
        }
    }

    @Test
    @DisplayName("a repeated failure is logged at WARNING once, then at DEBUG, until it changes or ends")
    void warnOnce() {
        RecordingLogger logger = new RecordingLogger();
        RepeatingFailureLog log = new RepeatingFailureLog(() -> logger, Optional.empty());

        log.failure("HTTP 500", "IMDS failed: HTTP 500 (1)");
        log.failure("HTTP 500", "IMDS failed: HTTP 500 (2)");
        log.failure("refused", "IMDS failed: connection refused");
        log.failure("refused", "IMDS failed: connection refused");
        log.success("IMDS answers again");
        log.success("IMDS answers again");
        log.failure("refused", "IMDS failed: connection refused");

        assertThat(logger.levels()).containsExactly(Level.WARNING, Level.DEBUG, Level.WARNING, Level.DEBUG,
                Level.INFO, Level.WARNING);
        assertThat(logger.lines.get(1).message()).contains("HTTP 500 (2)", "repeated");
    }

    @Test
    @DisplayName("with a state file, the next JVM remembers the failure it already warned about")
    void acrossJvms(@TempDir Path dir) {
        Path state = dir.resolve("azevents-imds-failure");
        RecordingLogger first = new RecordingLogger();
        RecordingLogger second = new RecordingLogger();
        RecordingLogger third = new RecordingLogger();

        new RepeatingFailureLog(() -> first, Optional.of(state)).failure("HTTP 500", "m");
        RepeatingFailureLog again = new RepeatingFailureLog(() -> second, Optional.of(state));
        again.failure("HTTP 500", "m");
        again.success("back");
        new RepeatingFailureLog(() -> third, Optional.of(state)).failure("HTTP 500", "m");

        assertThat(first.levels()).containsExactly(Level.WARNING);
        assertThat(second.levels()).containsExactly(Level.DEBUG, Level.INFO);
        assertThat(third.levels()).containsExactly(Level.WARNING);
    }
}
