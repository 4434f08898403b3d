package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsSimulator;
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
        ImdsScheduledEventsService src = new ImdsScheduledEventsService(ImdsConfig.builder().baseUrl(sim.baseUrl())
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

    @Test
    @DisplayName("a quarantined event is a WARNING once over several fetches; the good event beside it is used")
    void quarantinedEventLoggedOnce() {
        String good = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";
        String doc = "{\"DocumentIncarnation\":4,\"Events\":["
                + "{\"EventId\":\"" + good + "\",\"EventType\":\"Reboot\",\"EventStatus\":\"Scheduled\",\"Resources\":[\"vm-log-1\"]},"
                + "{\"EventId\":\"not-a-guid\",\"EventType\":\"Reboot\",\"EventStatus\":\"Scheduled\",\"Resources\":[\"vm-log-1\"]}]}";
        ImdsScheduledEventsService src = new ImdsScheduledEventsService(ImdsConfig.builder().baseUrl(sim.baseUrl())
                .retryCount(0).requestTimeout(Duration.ofSeconds(5)).build());
        sim.failNext(2, Fault.body("application/json", doc));

        ScheduledEventsDocument first = src.fetch();
        ScheduledEventsDocument second = src.fetch();

        assertThat(List.of(first, second)).allSatisfy(d -> {
            assertThat(d.eventsFor("vm-log-1")).extracting(ScheduledEvent::id).containsExactly(good);
            assertThat(d.quarantinedFor("vm-log-1")).singleElement()
                    .satisfies(q -> assertThat(q.rawId()).isEqualTo("'not-a-guid'"));
        });
        assertThat(levelsAbove(Level.INFO)).containsExactly(Level.WARNING);
        assertThat(records.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst().orElseThrow().getMessage())
                .isEqualTo("IMDS scheduled event 'not-a-guid' is quarantined (never acted on, never approved; the "
                        + "document's other events are used): Events[1].EventId is not a GUID: 'not-a-guid'; "
                        + "its valid resources: vm-log-1");

        // Another source (a new JVM in OCF mode) has not logged it yet.
        sim.failNext(Fault.body("application/json", doc));
        new ImdsScheduledEventsService(ImdsConfig.builder().baseUrl(sim.baseUrl()).retryCount(0).build()).fetch();
        assertThat(levelsAbove(Level.INFO)).containsExactly(Level.WARNING, Level.WARNING);
    }
}
