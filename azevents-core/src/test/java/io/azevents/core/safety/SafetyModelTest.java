package io.azevents.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import io.azevents.core.EventType;
import io.azevents.core.NodeKind;
import io.azevents.core.NodeState;
import io.azevents.core.NodeStatus;
import io.azevents.core.Placement;
import io.azevents.core.ScheduledEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SafetyModelTest {
    private static final AgentAttributes NAMES = new AgentAttributes("azure-events-az_");
    private static final String ID = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";

    private static ClusterNode.Builder node(String name) {
        return ClusterNode.builder(name).attributes(Map.of("#health-azure", "0"));
    }

    private static ClusterView view(boolean maintenanceMode, Map<String, String> props, ClusterNode... nodes) {
        return new ClusterView("node1", List.of(nodes), props, Map.of(), "1", maintenanceMode);
    }

    private static ClusterSafety safety(ClusterView v) {
        return new ClusterSafety(v, NAMES, r -> r.startsWith("health-"), List.of("#health-azure"));
    }

    @Test
    @DisplayName("a peer in maintenance, standby, unclean, shutting down, offline, unhealthy or draining takes nothing over")
    void peersThatCannotTakeOver() {
        ClusterView v = view(false, Map.of(),
                node("node1").build(),
                node("node2").status(NodeStatus.MEMBER.withMaintenance(true)).build(),
                node("node3").standby(true).build(),
                node("node4").status(new NodeStatus(NodeKind.MEMBER, false, true, false)).build(),
                node("node5").status(new NodeStatus(NodeKind.MEMBER, false, false, true)).build(),
                node("node6").online(false).build(),
                node("node7").attributes(Map.of("#health-azure", "-1000000")).build(),
                ClusterNode.builder("node8").build(),
                node("node9").attributes(Map.of("#health-azure", "0", NAMES.state(), "IN_EVENT")).build());
        ClusterSafety.Takers t = safety(v).takers("node1");
        assertThat(t.none()).isTrue();
        assertThat(String.join("\n", t.reasons())).contains("node2 is in maintenance", "node3 is in standby",
                "node4 is unclean", "node5 is shutting down", "node6 is offline", "node7 is unhealthy",
                "node8 has no #health-azure", "node9 is draining for its own event (IN_EVENT)");
    }

    @Test
    @DisplayName("cluster-wide maintenance mode leaves no taker; a remote node can take over like a member")
    void maintenanceModeAndRemoteNodes() {
        ClusterNode remote = node("remote1").status(new NodeStatus(NodeKind.REMOTE, false, false, false)).build();
        assertThat(safety(view(true, Map.of(), node("node1").build(), remote)).takers("node1").reasons())
                .singleElement().asString().contains("maintenance mode");
        assertThat(safety(view(false, Map.of(), node("node1").build(), remote)).takers("node1").nodes())
                .containsExactly("remote1");
    }

    @Test
    @DisplayName("a remote or guest node reached through the draining node goes with it: no taker")
    void remoteThroughTheDrainingNode() {
        ClusterNode remote = node("remote1").status(new NodeStatus(NodeKind.REMOTE, false, false, false)).build();
        ClusterNode guest = node("guest1").status(new NodeStatus(NodeKind.GUEST, false, false, false)
                .withProvidedBy("guest1-vm")).build();
        ClusterNode host = node("node1").runningResources(List.of("remote1", "guest1-vm")).build();
        ClusterSafety.Takers t = safety(view(false, Map.of(), host, remote, guest)).takers("node1");
        assertThat(t.none()).isTrue();
        assertThat(String.join("\n", t.reasons())).contains("remote1 runs through remote1, which runs on node1",
                "guest1 runs through guest1-vm");
        assertThat(safety(view(false, Map.of(), node("node1").build(), remote, guest)).takers("node1").nodes())
                .containsExactly("remote1", "guest1");
    }

    @Test
    @DisplayName("a node's work: everything but the agent's resource, and pending operations; a guest's host counts its container")
    void work() {
        ClusterNode n = node("node1").runningResources(List.of("health-azure-events", "db", "guest1-vm"))
                .pendingOperations(2).build();
        ClusterSafety s = safety(view(false, Map.of(), n));
        assertThat(s.work(n)).containsExactly("db", "guest1-vm", "2 pending operation(s)");
        assertThat(s.empty(node("node1").runningResources(List.of("health-azure-events")).build())).isTrue();
    }

    @Test
    @DisplayName("the VM directory: azName first, hostName_ only for nodes without azName, unmapped nodes explicit")
    void vmDirectory() {
        ClusterView v = view(false, Map.of("hostName_vm-a", "node2", "hostName_vm-b", "node3", "hostName_vm-x", "nodeX"),
                node("node1").build(),
                node("node2").attributes(Map.of("azName", "vm-2")).build(),
                node("node3").build(),
                node("node4").build());
        VmDirectory d = VmDirectory.read(v, "vm-1");
        assertThat(d.nodeOf("vm-1")).contains("node1");
        assertThat(d.nodeOf("vm-2")).contains("node2");
        assertThat(d.nodeOf("vm-a")).as("stale property: node2 says it is vm-2").isEmpty();
        assertThat(d.nodeOf("vm-b")).contains("node3");
        assertThat(d.nodeOf("vm-x")).as("names no node").isEmpty();
        assertThat(d.unmappedNodes()).containsExactly("node4");
        assertThat(d.problems()).singleElement().asString().contains("hostName_vm-a", "stale");
        VmDirectory.Resolution r = d.resolve(ScheduledEvent.of(ID, EventType.REBOOT, Optional.empty(),
                "vm-2", "vm-b", "vm-9"));
        assertThat(r.nodes()).containsExactly("node2", "node3");
        assertThat(r.unknownVms()).containsExactly("vm-9");
    }

    @Test
    @DisplayName("two nodes claiming one VM: the first keeps it, the conflict is reported")
    void conflictingAzNames() {
        ClusterView v = view(false, Map.of(), node("node1").build(),
                node("node2").attributes(Map.of("azName", "vm-1")).build());
        VmDirectory d = VmDirectory.read(v, "vm-1");
        assertThat(d.nodeOf("vm-1")).contains("node1");
        assertThat(d.unmappedNodes()).containsExactly("node2");
        assertThat(d.problems()).singleElement().asString().contains("both say they are VM vm-1");
    }

    @Test
    @DisplayName("node records: unknown states and bad ids are reported, never trusted")
    void records() {
        NodeRecord r = NodeRecord.read(node("node1").attributes(Map.of(NAMES.state(), "HALF", NAMES.pending(),
                "x," + ID + "," + ID)).build(), NAMES);
        assertThat(r.current()).isEqualTo(NodeState.AVAILABLE);
        assertThat(r.pending()).containsExactly(ID);
        assertThat(r.problems()).hasSize(2);
    }

    @Test
    @DisplayName("a forecast refuses a drain that strands a resource, loses the promoted role, or stops the agent that must stay")
    void refusals() {
        ClusterSafety s = safety(view(false, Map.of(), node("node1").build()));
        Placement base = new Placement(Map.of("db", Set.of("node2"), "ms", Set.of("node1", "node2"),
                "health-azure-events", Set.of("node1", "node2")), Map.of("ms", Set.of("node2")));
        Placement ok = new Placement(Map.of("db", Set.of("node3"), "ms", Set.of("node3"),
                "health-azure-events", Set.of("node1", "node2", "node3")), Map.of("ms", Set.of("node3")));
        assertThat(s.refusal("node2", DrainForecast.of(base, ok, "test"), ClusterSafety.AgentOnDrainedNode.STAYS))
                .isEmpty();
        Placement stranded = new Placement(Map.of("ms", Set.of("node3"), "health-azure-events", Set.of("node1")),
                Map.of());
        assertThat(s.refusal("node2", DrainForecast.of(base, stranded, "test"),
                ClusterSafety.AgentOnDrainedNode.STOPS)).get().asString().contains("db, ms (promoted)");
        Placement agentGone = new Placement(Map.of("db", Set.of("node3"), "ms", Set.of("node3"),
                "health-azure-events", Set.of("node1")), Map.of("ms", Set.of("node3")));
        assertThat(s.refusal("node2", DrainForecast.of(base, agentGone, "test"),
                ClusterSafety.AgentOnDrainedNode.STAYS)).get().asString().contains("allow-unhealthy-nodes");
        assertThat(s.refusal("node2", DrainForecast.of(base, agentGone, "test"),
                ClusterSafety.AgentOnDrainedNode.STOPS)).isEmpty();
        assertThat(s.refusal("node2", DrainForecast.failed("crm_simulate exited 1"),
                ClusterSafety.AgentOnDrainedNode.STAYS)).get().asString().contains("crm_simulate exited 1");
        assertThat(s.refusal("node2", DrainForecast.unknown("none"), ClusterSafety.AgentOnDrainedNode.STAYS)).isEmpty();
    }
}
