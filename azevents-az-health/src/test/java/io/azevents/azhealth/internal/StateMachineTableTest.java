package io.azevents.azhealth.internal;

import io.azevents.core.AttributeUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.Decision;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.spi.CycleInput;
import io.azevents.simulation.InMemoryCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every (state, input) pair of node1's state machine in a 3-node cluster -> (next state, actions). */
class StateMachineTableTest {
    static final String E1 = "11111111-0000-4000-8000-000000000001";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    enum Input {
        /** No event at all. */
        NO_EVENT,
        /** node1's own Reboot, Scheduled. */
        SCHEDULED,
        /** node1's own Reboot, Started. */
        STARTED,
        /** node1's event is gone; only another VM's event remains in the document. */
        EVENT_GONE,
        /** Own Scheduled event; node2 offline and node3 in standby. */
        PEER_UNAVAILABLE,
        /** Own Scheduled event; node1 still runs db and app. */
        RESOURCES_RUNNING,
        /** Own Scheduled event; an operation is pending on node1. */
        PENDING_OPS,
        /** No event; an operation is pending on node1. */
        PENDING_OPS_NO_EVENT,
        /** node1's own Freeze, not in eventTypes. */
        IRRELEVANT,
        /** Own Scheduled event; node1 holds the drain claim. */
        OWN_CLAIM,
        /** Own Scheduled event; node2 holds the drain claim. */
        PEER_CLAIM,
        /** Own Scheduled event; node3's drain claim expired. */
        EXPIRED_PEER_CLAIM
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            AVAILABLE | NO_EVENT             | AVAILABLE | -
            AVAILABLE | SCHEDULED            | AVAILABLE | claim
            AVAILABLE | STARTED              | AVAILABLE | claim
            AVAILABLE | EVENT_GONE           | AVAILABLE | -
            AVAILABLE | PEER_UNAVAILABLE     | ON_HOLD   | write
            AVAILABLE | RESOURCES_RUNNING    | AVAILABLE | claim
            AVAILABLE | PENDING_OPS          | AVAILABLE | claim
            AVAILABLE | PENDING_OPS_NO_EVENT | AVAILABLE | -
            AVAILABLE | IRRELEVANT           | AVAILABLE | -
            AVAILABLE | OWN_CLAIM            | STOPPING  | write release
            AVAILABLE | PEER_CLAIM           | AVAILABLE | -
            AVAILABLE | EXPIRED_PEER_CLAIM   | AVAILABLE | release claim
            ON_HOLD   | NO_EVENT             | AVAILABLE | write
            ON_HOLD   | SCHEDULED            | ON_HOLD   | claim
            ON_HOLD   | STARTED              | ON_HOLD   | claim
            ON_HOLD   | EVENT_GONE           | AVAILABLE | write
            ON_HOLD   | PEER_UNAVAILABLE     | ON_HOLD   | -
            ON_HOLD   | RESOURCES_RUNNING    | ON_HOLD   | claim
            ON_HOLD   | PENDING_OPS          | ON_HOLD   | claim
            ON_HOLD   | PENDING_OPS_NO_EVENT | AVAILABLE | write
            ON_HOLD   | IRRELEVANT           | AVAILABLE | write
            ON_HOLD   | OWN_CLAIM            | STOPPING  | write release
            ON_HOLD   | PEER_CLAIM           | ON_HOLD   | -
            ON_HOLD   | EXPIRED_PEER_CLAIM   | ON_HOLD   | release claim
            STOPPING  | NO_EVENT             | AVAILABLE | write
            STOPPING  | SCHEDULED            | IN_EVENT  | write approve write
            STOPPING  | STARTED              | IN_EVENT  | write
            STOPPING  | EVENT_GONE           | AVAILABLE | write
            STOPPING  | PEER_UNAVAILABLE     | IN_EVENT  | write approve write
            STOPPING  | RESOURCES_RUNNING    | STOPPING  | -
            STOPPING  | PENDING_OPS          | STOPPING  | -
            STOPPING  | PENDING_OPS_NO_EVENT | STOPPING  | -
            STOPPING  | IRRELEVANT           | AVAILABLE | write
            STOPPING  | OWN_CLAIM            | IN_EVENT  | write approve write release
            STOPPING  | PEER_CLAIM           | IN_EVENT  | write approve write
            STOPPING  | EXPIRED_PEER_CLAIM   | IN_EVENT  | write approve write
            IN_EVENT  | NO_EVENT             | AVAILABLE | write
            IN_EVENT  | SCHEDULED            | IN_EVENT  | approve write
            IN_EVENT  | STARTED              | IN_EVENT  | -
            IN_EVENT  | EVENT_GONE           | AVAILABLE | write
            IN_EVENT  | PEER_UNAVAILABLE     | IN_EVENT  | approve write
            IN_EVENT  | RESOURCES_RUNNING    | IN_EVENT  | -
            IN_EVENT  | PENDING_OPS          | IN_EVENT  | -
            IN_EVENT  | PENDING_OPS_NO_EVENT | IN_EVENT  | -
            IN_EVENT  | IRRELEVANT           | AVAILABLE | write
            IN_EVENT  | OWN_CLAIM            | IN_EVENT  | approve write release
            IN_EVENT  | PEER_CLAIM           | IN_EVENT  | approve write
            IN_EVENT  | EXPIRED_PEER_CLAIM   | IN_EVENT  | approve write
            """)
    void transition(NodeState state, Input input, NodeState expectedState, String expectedActions) {
        CycleInput in = fixture(state, input);

        Decision d = new Harness(InMemoryCluster.of("x")).strategy.decide(in);

        assertThat(d.state()).as("next state; notes: %s", d.notes()).isEqualTo(expectedState);
        assertThat(kinds(d)).as("actions of %s", d.actions()).isEqualTo(expectedActions);
        assertThat(d.notes()).isNotEmpty();
        assertThat(d.actions()).allSatisfy(a -> assertThat(a.reason()).isNotBlank());
        // A node only ever writes its own attributes.
        assertThat(d.updates()).allSatisfy(u -> assertThat(u.node()).isEqualTo(Optional.of("node1")));
        // A drain and a restore are each one write of state, pending ids and health together.
        if (expectedState != state && (expectedState == NodeState.STOPPING || expectedState == NodeState.AVAILABLE)) {
            assertThat(d.lastUpdate("node1", Keys.STATE).map(AttributeUpdate::value)).contains(Optional.of(expectedState.name()));
        }
        if (expectedState == NodeState.STOPPING && state != NodeState.STOPPING) {
            assertThat(d.lastUpdate("node1", Keys.HEALTH).map(AttributeUpdate::value)).contains(Optional.of(Keys.DRAINED));
            assertThat(d.lastUpdate("node1", Keys.PENDING).map(AttributeUpdate::value)).contains(Optional.of(E1));
        }
        if (expectedState == NodeState.AVAILABLE && (state == NodeState.STOPPING || state == NodeState.IN_EVENT)) {
            assertThat(d.lastUpdate("node1", Keys.HEALTH).map(AttributeUpdate::value)).contains(Optional.of("0"));
            assertThat(d.lastUpdate("node1", Keys.PENDING).map(AttributeUpdate::value)).contains(Optional.empty());
        }
        if (expectedState == NodeState.AVAILABLE && state == NodeState.ON_HOLD) {
            assertThat(d.lastUpdate("node1", Keys.HEALTH)).as("nothing was drained").isEmpty();
        }
        if (expectedActions.contains("approve")) {
            assertThat(d.approvals()).singleElement().satisfies(a -> assertThat(a.eventIds()).containsExactly(E1));
        }
    }

    static String kinds(Decision d) {
        if (d.actions().isEmpty()) {
            return "-";
        }
        return d.actions().stream().map(a -> {
            if (a instanceof PlannedAction.WriteAttributes) {
                return "write";
            } else if (a instanceof PlannedAction.AcquireClaim) {
                return "claim";
            } else if (a instanceof PlannedAction.ReleaseClaim) {
                return "release";
            }
            return "approve";
        }).collect(Collectors.joining(" "));
    }

    static CycleInput fixture(NodeState state, Input input) {
        InMemoryCluster c = Harness.cluster("node1", "node2", "node3");
        Harness.recordVms(c);
        c.setAttribute("node1", Keys.STATE, state.name());
        boolean drained = state == NodeState.STOPPING || state == NodeState.IN_EVENT;
        if (drained) {
            c.setAttribute("node1", Keys.PENDING, E1);
            c.setAttribute("node1", Keys.HEALTH, Keys.DRAINED);
        }
        if (state == NodeState.IN_EVENT) {
            c.setAttribute("node1", Keys.LAST_DOC, "4");
        }
        if (input != Input.RESOURCES_RUNNING) {
            c.settle();
        }
        switch (input) {
            case PEER_UNAVAILABLE -> {
                c.setOnline("node2", false);
                c.setAttribute("node3", "standby", "on");
            }
            case PENDING_OPS, PENDING_OPS_NO_EVENT -> c.setPendingOperations("node1", 1);
            case OWN_CLAIM -> c.putClaim(new Claim(Keys.CLAIM_ID, "node1", NOW.plusSeconds(110)));
            case PEER_CLAIM -> c.putClaim(new Claim(Keys.CLAIM_ID, "node2", NOW.plusSeconds(110)));
            case EXPIRED_PEER_CLAIM -> c.putClaim(new Claim(Keys.CLAIM_ID, "node3", NOW.minusSeconds(5)));
            default -> {
            }
        }
        ScheduledEvent reboot = ScheduledEvent.of(E1, EventType.REBOOT,
                Optional.of(NOW.plus(Duration.ofMinutes(15))), "node1-vm");
        List<ScheduledEvent> events = switch (input) {
            case NO_EVENT, PENDING_OPS_NO_EVENT -> List.of();
            case STARTED -> List.of(reboot.withStatus(EventStatus.STARTED));
            case EVENT_GONE -> List.of(ScheduledEvent.of("22222222-0000-4000-8000-000000000002", EventType.REBOOT,
                    Optional.of(NOW.plusSeconds(900)), "node2-vm"));
            case IRRELEVANT -> List.of(ScheduledEvent.of("33333333-0000-4000-8000-000000000003", EventType.FREEZE,
                    Optional.of(NOW.plusSeconds(900)), "node1-vm"));
            default -> List.of(reboot);
        };
        ClusterNode n1 = c.view("node1").local();
        assertThat(n1.name()).isEqualTo("node1");
        return new CycleInput("node1-vm", new ScheduledEventsDocument(7, events), c.view("node1"), NOW);
    }
}
