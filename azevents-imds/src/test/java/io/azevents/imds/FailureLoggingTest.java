package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What reaches the log (System.Logger, backed by java.util.logging in tests) when IMDS keeps failing. */
class FailureLoggingTest {
    final Logger jul = Logger.getLogger("io.azevents.imds");
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    Level savedLevel;
    ImdsSimulator sim;

    @BeforeEach
    void start() throws Exception {
        savedLevel = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(handler);
        sim = ImdsSimulator.start("vm-log-1");
    }

    @AfterEach
    void stop() {
        jul.removeHandler(handler);
        jul.setLevel(savedLevel);
        sim.close();
    }

    List<Level> levelsAbove(Level min) {
        return records.stream().map(LogRecord::getLevel).filter(l -> l.intValue() >= min.intValue()).toList();
    }

    @Test
    @DisplayName("the same failure every cycle is a WARNING once, then quiet; recovery is an INFO")
    void warnOnceThenQuiet() {
        ImdsScheduledEventSource src = new ImdsScheduledEventSource(ImdsConfig.builder().baseUrl(sim.baseUrl())
                .retryCount(0).requestTimeout(Duration.ofSeconds(5)).build());
        sim.failNext(3, Fault.status(503));

        for (int cycle = 0; cycle < 3; cycle++) {
            assertThatThrownBy(src::fetch).isInstanceOf(ImdsHttpException.class);
        }
        src.fetch();

        assertThat(levelsAbove(Level.INFO)).containsExactly(Level.WARNING, Level.INFO);
        assertThat(records.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst().orElseThrow()
                .getMessage()).contains("HTTP 503");
        assertThat(records.stream().filter(r -> r.getLevel() == Level.FINE).count()).isGreaterThanOrEqualTo(2);
    }
}
