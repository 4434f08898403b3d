package io.azevents.azhealth.internal;

import io.azevents.core.AttributeUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.AgentConfig;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One test per cluster shape the issue found unsafe, each on a view built by hand (Pacemaker's reading
 * of the shape) and, where the scheduler decides, a forecast as {@code crm_simulate} gives it. The
 * generated-shapes suite runs the same questions against Pacemaker itself.
 */
class ClusterShapeRegressionTest {
    private static final String E1 = "11111111-0000-4000-8000-000000000001";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final AzHealthStrategy STRATEGY = AzHealthStrategy.create(AgentConfig.of(Map.of()));

    private static ClusterNode.Builder node(String name, String... attributes) {
        Map<String, String> a = new HashMap<>(Map.of("#health-azure", "0", "azName", name + "-vm"));
        for (int i = 0; i < attributes.length; i += 2) {
            a.put(attributes[i], attributes[i + 1]);
        }
        return ClusterNode.builder(name).attributes(a);
    }

    private static CycleInput input(DrainForecaster scheduler, ScheduledEvent event, ClusterNode... nodes) {
        ClusterView v = new ClusterView("node1", List.of(nodes), Map.of(), Map.of(), "1", false);
        return new CycleInput("node1-vm", new ScheduledEventsDocument(2, List.of(event)), v, NOW, scheduler);
    }

    private static ScheduledEvent reboot(String... vms) {
        return ScheduledEvent.of(E1, EventType.REBOOT, Optional.of(NOW.plusSeconds(900)), vms);
    }

    private static boolean drains(Decision d) {
        return d.lastUpdate("node1", Keys.HEALTH).map(AttributeUpdate::value).equals(Optional.of(Optional.of(Keys.DRAINED)))
                || d.actions().stream().anyMatch(PlannedAction.AcquireClaim.class::isInstance);
    }

    @Test
    @DisplayName("an event naming a remote node that runs db is not approved, though its node_state has no crmd")
    void remoteNodeRunningDbBlocksApproval() {
        ClusterNode me = node("node1", Keys.STATE, "STOPPING", Keys.PENDING, E1, Keys.HEALTH, Keys.DRAINED)
                .runningResources(List.of("health-azure-events")).build();
        ClusterNode remote = node("remote1").status(new NodeStatus(NodeKind.REMOTE, false, false, false))
                .runningResources(List.of("db")).build();
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, reboot("node1-vm", "remote1-vm"), me,
                node("node2").build(), remote));
        assertThat(d.approvals()).isEmpty();
        assertThat(d.notes()).anyMatch(n -> n.contains("remote1 (VM remote1-vm) still runs db"));
    }

    @Test
    @DisplayName("an event naming a node that is offline but unclean (its resources not yet fenced) is not approved")
    void uncleanNodeBlocksApproval() {
        ClusterNode me = node("node1", Keys.STATE, "STOPPING", Keys.PENDING, E1, Keys.HEALTH, Keys.DRAINED).build();
        ClusterNode unclean = node("node2").online(false).status(new NodeStatus(NodeKind.MEMBER, false, true, false))
                .runningResources(List.of("db")).build();
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, reboot("node1-vm", "node2-vm"), me, unclean,
                node("node3").build()));
        assertThat(d.approvals()).isEmpty();
    }

    @Test
    @DisplayName("the only peer in maintenance (maintenance=on): node1 is held, nothing drains")
    void peerInMaintenance() {
        Decision d = STRATEGY.decide(input(DrainForecaster.NONE, reboot("node1-vm"),
                node("node1").runningResources(List.of("db")).build(),
                node("node2").status(NodeStatus.MEMBER.withMaintenance(true)).build()));
        assertThat(drains(d)).isFalse();
        assertThat(d.state()).isEqualTo(NodeState.ON_HOLD);
        assertThat(d.notes()).anyMatch(n -> n.contains("node2 is in maintenance"));
    }

    @Test
    @DisplayName("cluster maintenance-mode: node1 is held")
    void clusterMaintenanceMode() {
        ClusterView v = new ClusterView("node1", List.of(node("node1").build(), node("node2").build()),
                Map.of("maintenance-mode", "true"), Map.of(), "1");
        Decision d = STRATEGY.decide(new CycleInput("node1-vm", new ScheduledEventsDocument(2, List.of(reboot("node1-vm"))),
                v, NOW));
        assertThat(v.maintenanceMode()).isTrue();
        assertThat(drains(d)).isFalse();
        assertThat(d.state()).isEqualTo(NodeState.ON_HOLD);
    }

    @Test
    @DisplayName("db banned from node3: the scheduler finds no place for db, so node2... node1 is not drained")
    void perResourceConstraintsAreTheSchedulers() {
        List<List<?>> asked = new ArrayList<>();
        DrainForecaster scheduler = (view, drain) -> {
            asked.add(drain);
            return DrainForecast.of(new Placement(Map.of("db", Set.of("node2"), "app", Set.of("node1")), Map.of()),
                    new Placement(Map.of("app", Set.of("node3")), Map.of()), "crm_simulate");
        };
        Decision d = STRATEGY.decide(input(scheduler, reboot("node1-vm"),
                node("node1").runningResources(List.of("db")).build(), node("node2").build(), node("node3").build()));
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).asString().contains("#health-azure=-1000000");
        assertThat(drains(d)).isFalse();
        assertThat(d.state()).isEqualTo(NodeState.ON_HOLD);
        assertThat(d.warnings()).anyMatch(w -> w.contains("no other place for db"));
    }

    @Test
    @DisplayName("an agent clone without allow-unhealthy-nodes: the drain would stop the agent, so it is refused")
    void agentWouldStopItself() {
        DrainForecaster scheduler = (view, drain) -> DrainForecast.of(
                new Placement(Map.of("health-azure-events", Set.of("node1", "node2")), Map.of()),
                new Placement(Map.of("health-azure-events", Set.of("node2")), Map.of()), "crm_simulate");
        Decision d = STRATEGY.decide(input(scheduler, reboot("node1-vm"), node("node1").build(), node("node2").build()));
        assertThat(drains(d)).isFalse();
        assertThat(d.warnings()).anyMatch(w -> w.contains("allow-unhealthy-nodes"));
    }

    @Test
    @DisplayName("a scheduler that fails: no drain on a guess")
    void failedForecast() {
        Decision d = STRATEGY.decide(input((v, u) -> DrainForecast.failed("crm_simulate exited 2"), reboot("node1-vm"),
                node("node1").build(), node("node2").build()));
        assertThat(drains(d)).isFalse();
        assertThat(d.notes()).anyMatch(n -> n.contains("crm_simulate exited 2"));
    }

    @Test
    @DisplayName("the drain decided under the claim is a write fenced by that claim")
    void drainIsFenced() {
        Claim mine = new Claim(Keys.CLAIM_ID, "node1", NOW.plusSeconds(3600));
        ClusterView v = new ClusterView("node1", List.of(node("node1").build(), node("node2").build()), Map.of(),
                Map.of(Keys.CLAIM_ID, mine), "1", false);
        Decision d = STRATEGY.decide(new CycleInput("node1-vm",
                new ScheduledEventsDocument(2, List.of(reboot("node1-vm"))), v, NOW));
        PlannedAction.WriteAttributes drain = d.actions().stream().filter(PlannedAction.WriteAttributes.class::isInstance)
                .map(PlannedAction.WriteAttributes.class::cast)
                .filter(w -> w.updates().toString().contains(Keys.DRAINED)).findFirst().orElseThrow();
        assertThat(drain.fence()).contains(mine);
    }

    @Test
    @DisplayName("an administrator's drain beside a stale lastDocVersion is not the agent's: never restored")
    void administratorsDrainIsKept() {
        ClusterNode me = node("node1", Keys.HEALTH, "-1000000", Keys.LAST_DOC, "2").build();
        ClusterView v = new ClusterView("node1", List.of(me, node("node2").build()), Map.of(), Map.of(), "1", false);
        Decision d = STRATEGY.decide(new CycleInput("node1-vm", ScheduledEventsDocument.empty(2), v, NOW));
        assertThat(d.lastUpdate("node1", Keys.HEALTH)).isEmpty();
        assertThat(d.lastUpdate("node1", Keys.LAST_DOC).map(AttributeUpdate::value)).contains(Optional.empty());
    }
}
