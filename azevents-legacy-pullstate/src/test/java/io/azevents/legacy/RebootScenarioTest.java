package io.azevents.legacy;

import io.azevents.core.AttributeUpdate;
import static io.azevents.legacy.Fixture.PULL_STATE;
import static io.azevents.legacy.Fixture.STANDBY;
import static io.azevents.legacy.Fixture.STATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.CycleReport;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.ClusterSimulation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A Reboot of node1 in a 3-node Availability Set, from its appearance to node1's recovery by a peer. */
class RebootScenarioTest {

    @Test
    @DisplayName("node1 drains itself, a peer approves the Reboot, and a peer brings node1 back after it")
    void rebootOfNode1() {
        Fixture fx = Fixture.of("node1", "node2", "node3");
        ScheduledEvent e = fx.reboot("node1");

        // The event appears: node1 drains itself.
        List<CycleReport> first = fx.sim.round();
        assertThat(fx.state("node1")).isEqualTo("STOPPING");
        assertThat(fx.pending("node1")).isEqualTo(e.id());
        assertThat(fx.cluster.attribute("node1", STANDBY)).contains("on");
        assertThat(first.get(0).decision().notes()).anyMatch(n -> n.contains("standby on (STOPPING)"));
        assertThat(fx.started(e)).isFalse();

        // node1's agent has stopped with standby; once node1 is empty, a peer approves.
        assertThat(fx.cluster.resourcesOn("node1")).isEmpty();
        assertThat(fx.sim.runUntil(() -> fx.started(e), 5)).isNotNegative();
        assertThat(fx.azure.approvals()).hasSize(1);
        assertThat(fx.azure.approvals().get(0).vmName()).isNotEqualTo(ClusterSimulation.vmName("node1"));
        assertThat(fx.state("node1")).isEqualTo("IN_EVENT");

        // The VM reboots: node1 leaves the cluster for a while; nothing changes while the event lives.
        fx.cluster.setOnline("node1", false);
        fx.rounds(3);
        assertThat(fx.state("node1")).isEqualTo("IN_EVENT");
        assertThat(fx.cluster.attribute("node1", STANDBY)).contains("on");

        // The event is over and node1 is back: a peer lifts the standby.
        fx.azure.complete(e.id());
        fx.cluster.setOnline("node1", true);
        int before = fx.sim.reports().size();
        int rounds = fx.sim.runUntil(() -> fx.state("node1").equals("AVAILABLE") && !fx.standby("node1")
                && fx.cluster.resourcesOn("node1").equals(List.of("rsc-node1")), 5);
        assertThat(rounds).isNotNegative();
        List<CycleReport> after = fx.sim.reports().subList(before, fx.sim.reports().size());
        assertThat(after.stream().flatMap(r -> r.decisions().stream()))
                .filteredOn(d -> d.lastUpdate("node1", STATE).map(AttributeUpdate::value).equals(Optional.of(Optional.of("AVAILABLE"))))
                .isNotEmpty().allMatch(d -> !d.localNode().equals("node1"));
        assertThat(fx.cluster.attribute("node1", STANDBY)).contains("off");
        assertThat(fx.cluster.attribute("node1", "azure-events_pendingEventIDs")).isEmpty();

        // Then the cluster settles down: lock given back, nothing more written.
        fx.rounds(2);
        long epoch = fx.cluster.epoch();
        fx.rounds(3);
        assertThat(fx.cluster.epoch()).isEqualTo(epoch);
        assertThat(fx.cluster.claims()).isEmpty();
        assertThat(fx.cluster.property(PULL_STATE)).contains("IDLE");
        assertThat(fx.sim.violations()).isEmpty();
        assertThat(fx.sim.reports()).allSatisfy(r -> r.decision().actions()
                .forEach(a -> assertThat(a.reason()).isNotBlank()));
    }
}
