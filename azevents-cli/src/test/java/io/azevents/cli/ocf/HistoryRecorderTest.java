package io.azevents.cli.ocf;

import io.azevents.cli.history.HistoryFiles;
import io.azevents.cli.history.HistoryView;
import io.azevents.cli.history.Metrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.azevents.core.ActionOutcome;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.CycleReport;
import io.azevents.core.Decision;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRecorderTest {
    private static final String ID = "445b007d-d545-4216-9554-09749e12c60f";
    @TempDir
    Path dir;
    Instant now = Instant.parse("2026-11-22T03:50:00Z");
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private HistoryRecorder recorder(boolean observeOnly) {
        return new HistoryRecorder(new HistoryFiles(dir.resolve("h")), observeOnly, List.of("#health-azure"),
                Optional.empty(), clock, false);
    }

    private CycleReport report(List<ScheduledEvent> events, List<ActionOutcome> outcomes) {
        Decision d = Decision.builder("az-health", "node1").state(NodeState.AVAILABLE).build();
        return new CycleReport(now, Duration.ofMillis(120), new ScheduledEventsDocument(1, events), d, outcomes,
                Optional.empty());
    }

    private static ScheduledEvent reboot() {
        return ScheduledEvent.of(ID, EventType.REBOOT, Optional.of(Instant.parse("2026-11-22T04:05:38Z")), "node1-vm");
    }

    private static ActionOutcome done(PlannedAction a) {
        return new ActionOutcome(a, ActionOutcome.Result.DONE, Optional.empty());
    }

    private static PlannedAction drain() {
        return new PlannedAction.WriteAttributes(List.of(
                AttributeUpdate.set("node1", "azure-events-az_curNodeState", "STOPPING"),
                AttributeUpdate.set("node1", "azure-events-az_pendingEventIDs", ID),
                AttributeUpdate.set("node1", "#health-azure", "-1000000")), "draining node1");
    }

    private List<String> kinds() {
        return HistoryView.entries(new HistoryFiles(dir.resolve("h")), Optional.empty(), Optional.empty()).stream()
                .map(e -> (String) e.get("kind")).toList();
    }

    @Test
    @DisplayName("an idle cycle appends nothing; at rest only the last-success time, at most once a minute")
    void idle() throws IOException {
        HistoryRecorder r = recorder(false);
        r.finished(report(List.of(), List.of()));
        Path counters = dir.resolve("h/counters.properties");
        String first = Files.readString(counters);
        now = now.plusSeconds(10);
        r.finished(report(List.of(), List.of()));

        assertThat(dir.resolve("h/history.jsonl")).doesNotExist();
        assertThat(Files.readString(counters)).as("not rewritten within a minute").isEqualTo(first);
        now = now.plusSeconds(60);
        recorder(false).finished(report(List.of(), List.of()));
        assertThat(Metrics.of(new HistoryFiles(dir.resolve("h"))).get("azevents_last_successful_cycle_timestamp_seconds"))
                .isEqualTo(now.getEpochSecond());
    }

    @Test
    @DisplayName("an event is seen once, however many cycles see it, and gone once; each process reads what the last saw")
    void seenOnce() {
        recorder(false).finished(report(List.of(reboot()), List.of(done(drain()))));
        recorder(false).finished(report(List.of(reboot()), List.of()));
        recorder(false).finished(report(List.of(), List.of()));

        assertThat(kinds()).containsExactly("seen", "drain", "gone");
        Metrics m = Metrics.of(new HistoryFiles(dir.resolve("h")));
        assertThat(m.get("azevents_drains_total")).isEqualTo(1);
        assertThat(m.get("azevents_events_seen_total", "type", "Reboot", "source", "Platform")).isEqualTo(1);
    }

    @Test
    @DisplayName("a strategy that writes no agent state (a plugin's) still shows its standby drain and return")
    void pluginDrain() {
        PlannedAction standby = new PlannedAction.WriteAttributes(List.of(
                AttributeUpdate.set("node1", "standby", "on")), "plugin: standby for the reboot");
        PlannedAction back = new PlannedAction.WriteAttributes(List.of(
                AttributeUpdate.delete("node1", "standby")), "plugin: the reboot is over");
        PlannedAction note = new PlannedAction.WriteAttributes(List.of(
                AttributeUpdate.set("node1", "plugin_seen", "1")), "plugin: its own bookkeeping");
        recorder(false).finished(report(List.of(reboot()), List.of(done(note))));
        recorder(false).finished(report(List.of(reboot()), List.of(done(standby))));
        now = now.plusSeconds(90);
        recorder(false).finished(report(List.of(), List.of(done(back))));

        assertThat(kinds()).containsExactly("seen", "attributes", "drain", "gone", "restored");
        List<java.util.Map<String, Object>> entries = HistoryView.entries(new HistoryFiles(dir.resolve("h")),
                Optional.empty(), Optional.empty());
        assertThat(entries.get(2)).containsEntry("subject", "node1").containsEntry("events", List.of(ID));
        assertThat(entries.get(4)).containsEntry("durationSeconds", 90.0);
        Metrics m = Metrics.of(new HistoryFiles(dir.resolve("h")));
        assertThat(m.get("azevents_drains_total")).isEqualTo(1);
        assertThat(m.get("azevents_restores_total")).isEqualTo(1);
    }

    @Test
    @DisplayName("a plugin's health write counts as Pacemaker scores it: red is a drain, 0 after it a restore")
    void pluginHealthDrain() {
        recorder(false).finished(report(List.of(reboot()), List.of(done(new PlannedAction.WriteAttributes(List.of(
                AttributeUpdate.set("node2", "#health-azure", "red")), "plugin: node2 out")))));
        recorder(false).finished(report(List.of(), List.of(done(new PlannedAction.WriteAttributes(List.of(
                AttributeUpdate.set("node2", "#health-azure", "0")), "plugin: node2 back")))));

        assertThat(kinds()).containsExactly("seen", "drain", "gone", "restored");
    }

    @Test
    @DisplayName("observe_only records each decision once, though it is decided again every cycle")
    void shadowOnce() {
        for (int i = 0; i < 3; i++) {
            recorder(true).finished(report(List.of(reboot()), List.of(done(drain()))));
        }
        assertThat(kinds()).containsExactly("seen", "drain");
        Metrics m = Metrics.of(new HistoryFiles(dir.resolve("h")));
        assertThat(m.get("azevents_drains_total")).isZero();
        assertThat(m.get("azevents_shadow_decisions_total", "kind", "drain")).isEqualTo(1);
    }

    @Test
    @DisplayName("IMDS failures count by kind; the history says when they start and end, not each one")
    void imdsFailures() {
        HistoryRecorder r = recorder(false);
        r.imdsFailed("timeout", "no answer within 5 s");
        r.imdsFailed("timeout", "no answer within 5 s");
        r.finished(report(List.of(), List.of()));

        assertThat(kinds()).containsExactly("imds-failing", "imds-recovered");
        assertThat(Metrics.of(new HistoryFiles(dir.resolve("h"))).get("azevents_imds_failures_total", "kind", "timeout"))
                .isEqualTo(2);
    }

    @Test
    @DisplayName("a history that cannot be written never breaks a cycle")
    void unwritable() throws IOException {
        Files.writeString(dir.resolve("h"), "a file where the directory should be");
        assertThatCode(() -> recorder(false).finished(report(List.of(reboot()), List.of(done(drain())))))
                .doesNotThrowAnyException();
    }

    @Nested
    @DisplayName("the history files")
    class Files_ {
        @Test
        @DisplayName("are rotated at 256 KiB, four old files kept, read back oldest first, all owner-only")
        void rotation() throws IOException {
            HistoryFiles h = new HistoryFiles(dir.resolve("r"));
            String pad = "x".repeat(1000);
            for (int i = 0; i < 1600; i++) {
                h.append(List.of("{\"n\":" + i + ",\"pad\":\"" + pad + "\"}"));
            }
            try (Stream<Path> files = Files.list(dir.resolve("r"))) {
                List<Path> all = files.toList();
                assertThat(all).hasSize(HistoryFiles.KEEP + 1);
                for (Path f : all) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
                    assertThat(Files.size(f)).isLessThanOrEqualTo(HistoryFiles.ROTATE_BYTES + 1100);
                }
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("r")))).isEqualTo("rwx------");
            List<String> lines = h.lines();
            assertThat(lines.get(lines.size() - 1)).startsWith("{\"n\":1599,");
            assertThat(lines).isSortedAccordingTo(java.util.Comparator.comparingInt(
                    l -> Integer.parseInt(l.substring(5, l.indexOf(',')))));
        }
    }

    @Test
    @DisplayName("metrics follow the text exposition format: HELP, TYPE, sorted labels, escaped values")
    void exposition() {
        Metrics m = new Metrics();
        m.add("azevents_imds_failures_total", 3, "kind", "http_429");
        m.add("azevents_events_seen_total", 1, "type", "Reboot", "source", "Us\"er");
        m.observe("azevents_drain_duration_seconds", 12.5);

        String text = m.exposition();
        assertThat(text).contains("# TYPE azevents_imds_failures_total counter\nazevents_imds_failures_total{kind=\"http_429\"} 3\n")
                .contains("azevents_events_seen_total{source=\"Us\\\"er\",type=\"Reboot\"} 1\n")
                .contains("# TYPE azevents_drain_duration_seconds summary\nazevents_drain_duration_seconds_count 1\n"
                        + "azevents_drain_duration_seconds_sum 12.5\n")
                .contains("azevents_drains_total 0\n")
                .doesNotContain("azevents_last_successful_cycle_timestamp_seconds ");
        assertThat(Metrics.parse(m.store()).exposition()).isEqualTo(text);
        assertThat(text.lines()).allMatch(l -> l.startsWith("# HELP ") || l.startsWith("# TYPE ")
                || l.matches("azevents_[a-z_]+(\\{.*})? -?[0-9.]+"));
    }

    @Test
    @DisplayName("--since takes an instant, a date or an age")
    void since() {
        Instant t = Instant.parse("2026-11-22T12:00:00Z");
        assertThat(HistoryView.since("2026-11-22T03:00:00Z", t)).isEqualTo(Instant.parse("2026-11-22T03:00:00Z"));
        assertThat(HistoryView.since("2026-11-21", t)).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(HistoryView.since("12h", t)).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(HistoryView.since("7d", t)).isEqualTo(Instant.parse("2026-11-15T12:00:00Z"));
        assertThatCode(() -> HistoryView.since("yesterday", t)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("observe_only: no write, claim or approval reaches the real store or source")
    void shadowSuppresses() {
        Shadow shadow = new Shadow();
        io.azevents.simulation.InMemoryCluster cluster = io.azevents.simulation.InMemoryCluster.of("node1", "node2");
        var store = shadow.store(cluster.store("node1"));
        store.write(List.of(AttributeUpdate.set("node1", "#health-azure", "-1000000")));
        var claim = new io.azevents.core.Claim("azevents-az-drain", "node1", now.plusSeconds(120));
        assertThat(store.tryAcquire(claim)).isTrue();
        assertThat(store.readView().claims()).as("the cycle reads its own suppressed claim").containsKey("azevents-az-drain");
        shadow.endCycle();

        assertThat(cluster.store("node2").readView().claims()).isEmpty();
        assertThat(cluster.store("node2").readView().node("node1").orElseThrow().attribute("#health-azure")).isEmpty();
        assertThat(store.readView().claims()).as("the next cycle reads the real cluster").isEmpty();
        assertThat(shadow.suppressed()).hasSize(2);
    }
}
