package io.azevents.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelTest {
    private static final String ID = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";

    @Test
    @DisplayName("unknown event types and statuses are carried, known ones are matched whatever the case")
    void openValues() {
        assertThat(EventType.of("reboot")).isSameAs(EventType.REBOOT);
        assertThat(EventType.of("LiveMigrate").isKnown()).isFalse();
        assertThat(EventStatus.of("Canceled").isKnown()).isFalse();
        assertThat(EventInitiator.of("")).isEqualTo(EventInitiator.UNKNOWN);
    }

    @ParameterizedTest(name = "event id {0} is refused")
    @ValueSource(strings = {"", "1234", "0c3a4c4d-1111-4a4a-9b9b-0123456789ab,x", "0c3a4c4d-1111-4a4a-9b9b-0123456789a<"})
    void badIds(String id) {
        assertThatThrownBy(() -> ScheduledEvent.of(id, EventType.REBOOT, Optional.empty(), "vm1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EventId");
    }

    @ParameterizedTest(name = "resource {0} is refused")
    @ValueSource(strings = {"vm,2", "vm\"x", "<vm>", "vm\nnode", " vm", "-vm"})
    void hostileResources(String vm) {
        assertThatThrownBy(() -> ScheduledEvent.of(ID, EventType.REBOOT, Optional.empty(), vm))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid VM name");
    }

    @Test
    @DisplayName("a very long resource name is refused")
    void longName() {
        assertThatThrownBy(() -> ScheduledEvent.of(ID, EventType.REBOOT, Optional.empty(), "v".repeat(200)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a document may not list one event twice")
    void duplicateEvents() {
        ScheduledEvent e = ScheduledEvent.of(ID, EventType.REBOOT, Optional.empty(), "vm1");
        assertThatThrownBy(() -> new ScheduledEventsDocument(1, List.of(e, e)))
                .hasMessageContaining("twice");
    }

    @Test
    @DisplayName("quarantined events: kept apart from the events, found by VM name; the 2-argument document has none")
    void quarantined() {
        ScheduledEvent e = ScheduledEvent.of(ID, EventType.REBOOT, Optional.empty(), "vm1");
        QuarantinedEvent bad = new QuarantinedEvent("'abc'", List.of("vm1", "vm2"), "Events[1].EventId is not a GUID: 'abc'");
        QuarantinedEvent nameless = new QuarantinedEvent(QuarantinedEvent.UNKNOWN_ID, List.of(), "Events[2] must be an object");

        ScheduledEventsDocument doc = new ScheduledEventsDocument(4, List.of(e), List.of(bad, nameless));

        assertThat(doc.eventsFor("vm1")).containsExactly(e);
        assertThat(doc.quarantinedFor("vm1")).containsExactly(bad);
        assertThat(doc.quarantinedFor("vm2")).containsExactly(bad);
        assertThat(doc.quarantinedFor("vm3")).isEmpty();
        assertThat(doc.quarantined()).containsExactly(bad, nameless);
        assertThat(new ScheduledEventsDocument(4, List.of(e)).quarantined()).isEmpty();
        assertThat(ScheduledEventsDocument.empty(4).quarantined()).isEmpty();
        assertThat(bad.concerns("vm2")).isTrue();
    }

    @Test
    @DisplayName("a quarantined event holds only valid VM names and one printable line of id and reason")
    void quarantinedIsSafe() {
        assertThatThrownBy(() -> new QuarantinedEvent("'x'", List.of("vm1,vm2"), "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid VM names");
        assertThatThrownBy(() -> new QuarantinedEvent("a\nb", List.of(), "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rawId");
        assertThatThrownBy(() -> new QuarantinedEvent("'x'", List.of(), "line\nbreak"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> new QuarantinedEvent("'x'", List.of(), " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuarantinedEvent(null, List.of(), "r")).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("attribute values with newlines or control characters never reach a write")
    void hostileValues() {
        assertThatThrownBy(() -> AttributeUpdate.set("node1", "azure-events-az_pendingEventIDs", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttributeUpdate.set("node1", "bad name", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttributeUpdate.set("node;1", "x", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("health: transient values win, red and -INFINITY are -1000000, any negative #health-* makes a node unhealthy")
    void health() {
        ClusterNode n = new ClusterNode("node1", true, false, Map.of("#health-azure", "0", "#health-disk", "green"),
                Map.of("#health-azure", "-INFINITY"), List.of(), 0);
        assertThat(n.healthValue("#health-azure")).hasValue(-1_000_000L);
        assertThat(n.permanentAttribute("#health-azure")).contains("0");
        assertThat(n.healthy()).isFalse();
        assertThat(n.canRunResources()).isFalse();

        ClusterNode ok = new ClusterNode("node2", true, false, Map.of("#health-azure", "0"), Map.of(), List.of(), 0);
        assertThat(ok.canRunResources()).isTrue();
        ClusterNode standby = new ClusterNode("node3", true, true, Map.of(), Map.of(), List.of(), 0);
        assertThat(standby.canRunResources()).isFalse();
    }

    @Test
    @DisplayName("node states parse only their exact upstream names")
    void states() {
        assertThat(NodeState.parse("IN_EVENT")).contains(NodeState.IN_EVENT);
        assertThat(NodeState.parse("in_event")).isEmpty();
        assertThat(NodeState.parse(null)).isEmpty();
    }
}
