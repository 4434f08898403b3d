package io.azevents.legacy.internal;

import io.azevents.core.AttributeUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Decision;
import io.azevents.core.DrainForecast;
import io.azevents.core.DrainForecaster;
import io.azevents.core.EventType;
import io.azevents.core.NodeKind;
import io.azevents.core.NodeState;
import io.azevents.core.NodeStatus;
import io.azevents.core.Placement;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.spi.CycleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** legacy-pullstate on the cluster shapes the issue found unsafe, each on a view built by hand. */
class LegacyClusterShapeTest {
    private static final String E1 = "11111111-0000-4000-8000-000000000001";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final LegacyPullStateStrategy STRATEGY = new LegacyPullStateStrategy("legacy-pullstate",
            Set.of(EventType.REBOOT, EventType.REDEPLOY), Duration.ofSeconds(60));
    private static final Claim LOCK = new Claim(LegacyAttributes.CLAIM_ID, "node1", NOW.plusSeconds(60));

    private static ClusterNode.Builder node(String name, String... attributes) {
        Map<String, String> a = new HashMap<>(Map.of("azName", name + "-vm"));
        for (int i = 0; i < attributes.length; i += 2) {
            a.put(attributes[i], attributes[i + 1]);
        }
        return ClusterNode.builder(name).attributes(a);
    }

    private static CycleInput input(DrainForecaster scheduler, Map<String, Claim> claims, ScheduledEvent event,
                                    ClusterNode... nodes) {
        ClusterView v = new ClusterView("node1", List.of(nodes), Map.of(), claims, "1", false);
        return new CycleInput("node1-vm", new ScheduledEventsDocument(2, List.of(event)), v, NOW, scheduler);
    }

    private static ScheduledEvent reboot(String... vms) {
        return ScheduledEvent.of(E1, EventType.REBOOT, Optional.of(NOW.plusSeconds(900)), vms);
    }

    private static boolean standbyOn(Decision d) {
        return d.lastUpdate("node1", LegacyAttributes.STANDBY).map(AttributeUpdate::value).equals(Optional.of(Optional.of("on")));
    }

    @Test
    @DisplayName("the only peer in maintenance: node1 is held, not put in standby")
    void peerInMaintenance() {
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, Map.of(LegacyAttributes.CLAIM_ID, LOCK),
                reboot("node1-vm"), node("node1").runningResources(List.of("db")).build(),
                node("node2").status(NodeStatus.MEMBER.withMaintenance(true)).build()));
        assertThat(standbyOn(d)).isFalse();
        assertThat(d.state()).isEqualTo(NodeState.ON_HOLD);
    }

    @Test
    @DisplayName("the only other node is a remote node reached through node1: node1 is held")
    void remoteThroughTheDrainingNode() {
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, Map.of(LegacyAttributes.CLAIM_ID, LOCK),
                reboot("node1-vm"), node("node1").runningResources(List.of("remote1", "db")).build(),
                node("remote1").status(new NodeStatus(NodeKind.REMOTE, false, false, false)).build()));
        assertThat(standbyOn(d)).isFalse();
        assertThat(d.state()).isEqualTo(NodeState.ON_HOLD);
    }

    @Test
    @DisplayName("the scheduler finds no place for db: node1 is held, with the reason")
    void schedulerStrandsDb() {
        DrainForecaster scheduler = (view, drain) -> DrainForecast.of(
                new Placement(Map.of("db", Set.of("node1")), Map.of()), Placement.EMPTY, "crm_simulate");
        Decision d = STRATEGY.decide(input(scheduler, Map.of(LegacyAttributes.CLAIM_ID, LOCK), reboot("node1-vm"),
                node("node1").runningResources(List.of("db")).build(), node("node2").build()));
        assertThat(standbyOn(d)).isFalse();
        assertThat(d.state()).isEqualTo(NodeState.ON_HOLD);
        assertThat(d.warnings()).anyMatch(w -> w.contains("no other place for db"));
    }

    @Test
    @DisplayName("holding the lock, the drain is a write fenced by the lock")
    void drainIsFencedByTheLock() {
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, Map.of(LegacyAttributes.CLAIM_ID, LOCK),
                reboot("node1-vm"), node("node1").build(), node("node2").build()));
        assertThat(standbyOn(d)).isTrue();
        assertThat(d.actions()).filteredOn(PlannedAction.WriteAttributes.class::isInstance)
                .map(a -> ((PlannedAction.WriteAttributes) a))
                .filteredOn(w -> w.updates().toString().contains("standby=on"))
                .singleElement().satisfies(w -> assertThat(w.fence()).contains(LOCK));
    }

    @Test
    @DisplayName("without the lock, the plan only takes it: nothing is written on a view read before")
    void withoutTheLockOnlyTakeIt() {
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, Map.of(), reboot("node1-vm"),
                node("node1").build(), node("node2").build()));
        assertThat(d.updates()).noneMatch(u -> u.name().equals(LegacyAttributes.STANDBY));
        assertThat(d.actions().get(d.actions().size() - 1)).isInstanceOf(PlannedAction.AcquireClaim.class);
    }

    @Test
    @DisplayName("an event also naming a VM no node is known to run on, while node3 has no VM recorded, is not approved")
    void unmappedNodeBlocksApproval() {
        ClusterNode me = node("node1", LegacyAttributes.STATE, "STOPPING", LegacyAttributes.PENDING, E1)
                .standby(true).build();
        ClusterNode unmapped = ClusterNode.builder("node3").runningResources(List.of("db")).build();
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, Map.of(LegacyAttributes.CLAIM_ID, LOCK),
                reboot("node1-vm", "vm-of-node3"), me, node("node2").build(), unmapped));
        assertThat(d.approvals()).isEmpty();
        assertThat(d.notes()).anyMatch(n -> n.contains("vm-of-node3 may be node3"));
    }
}
