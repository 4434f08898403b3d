package io.azevents.legacy;

import static io.azevents.legacy.Fixture.CLAIM;
import static io.azevents.legacy.Fixture.PULL_STATE;
import static io.azevents.legacy.Fixture.STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ActionOutcome;
import io.azevents.core.AgentConfig;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.Decision;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventType;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.internal.PlanExecutor;
import io.azevents.core.spi.CycleInput;
import io.azevents.simulation.ClusterSimulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per weakness of the upstream agent (the list in docs/fault-matrix.md) that applies to this strategy. */
class LegacyPullStateWeaknessTest {

    @Test
    @DisplayName("1: two nodes with events in the same tick never both drain; they take turns")
    void twoNodesWithEventsInTheSameTickNeverBothDrain() {
        Fixture fx = Fixture.of("node1", "node2");
        ScheduledEvent e1 = fx.reboot("node1");
        ScheduledEvent e2 = fx.reboot("node2");

        fx.sim.round();

        assertThat(fx.standby("node1") && fx.standby("node2")).isFalse();
        assertThat(fx.state("node1")).isEqualTo("STOPPING");
        assertThat(fx.state("node2")).isEqualTo("ON_HOLD");

        // They take turns: node1's event is approved by node2, then node2's by node1.
        assertThat(fx.sim.runUntil(() -> fx.started(e1), 10)).isNotNegative();
        fx.azure.complete(e1.id());
        assertThat(fx.sim.runUntil(() -> fx.started(e2), 15)).isNotNegative();
        assertThat(fx.state("node1")).isEqualTo("AVAILABLE");
        assertThat(fx.standby("node1")).isFalse();
        fx.azure.complete(e2.id());
        fx.rounds(4);
        assertThat(fx.state("node2")).isEqualTo("AVAILABLE");
        assertThat(fx.standby("node2")).isFalse();
        assertThat(fx.sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("1: two nodes that read the cluster at the same moment cannot both drain: the claim serialises them")
    void twoNodesReadingTheSameSnapshotCannotBothDrain() {
        Fixture fx = Fixture.of("node1", "node2");
        fx.reboot("node1");
        fx.reboot("node2");
        ClusterView seenBy1 = fx.cluster.view("node1");
        ClusterView seenBy2 = fx.cluster.view("node2");

        CycleReport r1 = staleAgent(fx, "node1", seenBy1).runCycle();
        CycleReport r2 = staleAgent(fx, "node2", seenBy2).runCycle();

        // node1 takes the lock, reads again and drains in the same cycle.
        assertThat(r1.decisions()).anyMatch(d -> d.lastUpdate("node1", STANDBY).map(AttributeUpdate::value).equals(java.util.Optional.of(
                java.util.Optional.of("on"))));
        // node2's plan, made on the stale view, holds no write at all: only the taking of the lock,
        // after which it would decide again on a fresh read. It loses the lock.
        assertThat(r2.decision().lastUpdate("node2", STANDBY)).as("no write is planned on a stale view").isEmpty();
        assertThat(r2.outcomes()).anyMatch(o -> o.result() == ActionOutcome.Result.CLAIM_LOST);
        assertThat(fx.standby("node1")).isTrue();
        assertThat(fx.standby("node2")).as("node2 must not drain").isFalse();
        assertThat(fx.state("node2")).isEqualTo("AVAILABLE");
    }

    @Test
    @DisplayName("2: a peer that is offline, in standby or unhealthy does not count as available")
    void offlineStandbyOrUnhealthyPeersAreNotAvailable() {
        Fixture fx = Fixture.of("node1", "node2", "node3", "node4");
        fx.cluster.setOnline("node2", false);
        fx.cluster.setAttribute("node3", STANDBY, "on");
        fx.cluster.setAttribute("node4", "#health-azure", "-1000000");
        fx.cluster.settle();
        ScheduledEvent e = fx.reboot("node1");

        fx.rounds(3);

        assertThat(fx.state("node1")).isEqualTo("ON_HOLD");
        assertThat(fx.standby("node1")).isFalse();
        assertThat(fx.cluster.resourcesOn("node1")).isNotEmpty();
        assertThat(fx.started(e)).isFalse();
        assertThat(fx.dryRun("node1").notes()).anyMatch(n -> n.contains("no other node is online, out of standby, "
                + "healthy and not draining"));
        assertThat(fx.sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("3: ON_HOLD is re-examined every cycle and ends when a peer becomes available")
    void onHoldEndsWhenAPeerBecomesAvailable() {
        Fixture fx = Fixture.of("node1", "node2");
        fx.cluster.setOnline("node2", false);
        fx.cluster.settle();
        ScheduledEvent e = fx.reboot("node1");
        fx.rounds(3);
        assertThat(fx.state("node1")).isEqualTo("ON_HOLD");

        fx.cluster.setOnline("node2", true);
        fx.cluster.settle();
        fx.sim.round();

        assertThat(fx.state("node1")).isEqualTo("STOPPING");
        assertThat(fx.sim.runUntil(() -> fx.started(e), 10)).isNotNegative();
        assertThat(fx.sim.violations()).isEmpty();
    }

    @Test
    @DisplayName("3: ON_HOLD in a one-node cluster ends when the event is gone")
    void onHoldEndsWhenTheEventIsGone() {
        Fixture fx = Fixture.of("node1");
        ScheduledEvent e = fx.reboot("node1");
        fx.rounds(2);
        assertThat(fx.state("node1")).isEqualTo("ON_HOLD");

        fx.azure.cancel(e.id());
        fx.rounds(3);

        assertThat(fx.state("node1")).isEqualTo("AVAILABLE");
        assertThat(fx.cluster.claims()).isEmpty();
        assertThat(fx.cluster.property(PULL_STATE)).isNotEqualTo(java.util.Optional.of("PULLING"));
    }

    @Test
    @DisplayName("4: a lastDocVersion equal to the incarnation (after a reboot or a reset) does not make the agent skip")
    void aStaleLastDocVersionIsNotTrusted() {
        Fixture fx = Fixture.of("node1", "node2");
        ScheduledEvent e = fx.reboot("node1");
        fx.cluster.setAttribute("node1", "azure-events_lastDocVersion", Long.toString(fx.azure.incarnation()));

        fx.sim.round();

        assertThat(fx.state("node1")).isEqualTo("STOPPING");
        assertThat(fx.sim.runUntil(() -> fx.started(e), 10)).isNotNegative();
    }

    @Test
    @DisplayName("5: a cycle killed after any of its actions (or a failed write) converges on the next cycles")
    void aCycleKilledAtAnyPointConverges() {
        for (int cycle = 0; cycle < 8; cycle++) {
            for (int kept = 0; kept < 5; kept++) {
                String label = "cycle #" + cycle + " killed after " + kept + " actions";
                Fixture fx = Fixture.of("node1", "node2", "node3");
                ScheduledEvent e = fx.reboot("node1");
                int[] count = {0};
                boolean approved = false;
                for (int round = 0; round < 20 && !approved; round++) {
                    killingRound(fx, cycle, kept, count);
                    approved = fx.started(e);
                }
                assertThat(approved).as(label + ": approved").isTrue();
                fx.azure.complete(e.id());
                fx.rounds(6);
                assertThat(fx.state("node1")).as(label).isEqualTo("AVAILABLE");
                assertThat(fx.standby("node1")).as(label).isFalse();
                assertThat(fx.cluster.resourcesOn("node1")).as(label).containsExactly("rsc-node1");
                assertThat(fx.cluster.claims()).as(label).isEmpty();
                assertThat(fx.cluster.property(PULL_STATE).orElse("IDLE")).as(label).isEqualTo("IDLE");
            }
        }
    }

    @Test
    @DisplayName("5: a write that fails after the lock was taken is completed by the next cycle")
    void aFailedWriteIsRepairedNextCycle() {
        Fixture fx = Fixture.of("node1", "node2");
        ScheduledEvent e = fx.reboot("node1");
        fx.cluster.failNextWrite(new ClusterStoreException("cibadmin was killed"));

        CycleReport failed = fx.sim.agent("node1").runCycle();

        assertThat(failed.succeeded()).isFalse();
        assertThat(fx.state("node1")).isEqualTo("AVAILABLE");
        assertThat(fx.cluster.claims()).containsKey(CLAIM);
        fx.sim.round();
        assertThat(fx.state("node1")).isEqualTo("STOPPING");
        assertThat(fx.standby("node1")).isTrue();
        assertThat(fx.sim.runUntil(() -> fx.started(e), 10)).isNotNegative();
    }

    @Test
    @DisplayName("6: a lock holder that dies mid-pull blocks the others only until its lease runs out")
    void aDeadLockHolderBlocksOnlyUntilItsLeaseExpires() {
        Fixture fx = Fixture.of("node1", "node2", "node3");
        Instant expiry = fx.clock.instant().plus(Duration.ofSeconds(LegacyPullStateStrategyProvider
                .DEFAULT_PULL_LOCK_LEASE_SECONDS));
        fx.cluster.putClaim(new Claim(CLAIM, "node3", expiry));
        fx.cluster.store("node3").write(List.of(AttributeUpdate.setProperty(PULL_STATE, "PULLING")));
        fx.cluster.setOnline("node3", false);
        fx.cluster.settle();
        ScheduledEvent e = fx.reboot("node1");

        while (fx.clock.instant().isBefore(expiry)) {
            fx.sim.round();
            assertThat(fx.state("node1")).as("at " + fx.clock.instant()).isEqualTo("AVAILABLE");
            assertThat(fx.standby("node1")).isFalse();
        }
        assertThat(fx.dryRun("node2").notes()).anyMatch(n -> n.contains("node3's pull lock is abandoned"));
        fx.sim.round();

        assertThat(fx.state("node1")).isEqualTo("STOPPING");
        assertThat(fx.standby("node1")).isTrue();
        assertThat(fx.sim.runUntil(() -> fx.started(e), 6)).isNotNegative();
        fx.rounds(2);
        assertThat(fx.cluster.claims()).isEmpty();
        assertThat(fx.cluster.property(PULL_STATE)).contains("IDLE");
    }

    @Test
    @DisplayName("6: a PULLING left with no claim behind it is reset to IDLE, once")
    void aStalePullingWithNoClaimIsReset() {
        Fixture fx = Fixture.of("node1", "node2");
        fx.cluster.store("node2").write(List.of(AttributeUpdate.setProperty(PULL_STATE, "PULLING")));

        fx.sim.round();
        int writes = fx.cluster.writes();
        fx.rounds(3);

        assertThat(fx.cluster.property(PULL_STATE)).contains("IDLE");
        assertThat(fx.cluster.writes()).isEqualTo(writes);
    }

    @Test
    @DisplayName("10: notes give NotBefore, the expected duration and who initiated the event; bad ids are reported")
    void notesTellWhenForHowLongAndWho() {
        Fixture fx = Fixture.of("node1", "node2");
        ScheduledEvent e = fx.reboot("node1");
        fx.azure.add(e.withInitiator(EventInitiator.USER).withDurationSeconds(600).withDescription("Restart from the portal"));
        fx.cluster.setAttribute("node2", "azure-events_pendingEventIDs", "not-a-guid");

        Decision d = fx.dryRun("node1");

        assertThat(d.notes()).anyMatch(n -> n.contains(e.id()) && n.contains("started by a user")
                && n.contains("due at " + e.notBefore().orElseThrow()) && n.contains("in 15m 0s")
                && n.contains("expected to last 10m 0s") && n.contains("Restart from the portal"));
        assertThat(d.warnings()).anyMatch(w -> w.contains("'not-a-guid'") && w.contains("not an event id"));
    }

    @Test
    @DisplayName("11: an event arriving while a drain is under way joins the pending set and is waited for")
    void eventsArrivingDuringADrainAreTracked() {
        Fixture fx = Fixture.of("node1", "node2", "node3");
        ScheduledEvent first = fx.reboot("node1");
        fx.sim.round();
        assertThat(fx.state("node1")).isEqualTo("STOPPING");
        ScheduledEvent second = fx.schedule(EventType.REDEPLOY, "node1");

        fx.rounds(3);

        assertThat(fx.pending("node1")).contains(first.id()).contains(second.id());
        assertThat(fx.started(first) && fx.started(second)).isTrue();
        fx.azure.complete(first.id());
        fx.rounds(3);
        assertThat(fx.standby("node1")).as("still in its second event").isTrue();
        assertThat(fx.state("node1")).isEqualTo("IN_EVENT");
        assertThat(fx.pending("node1")).isEqualTo(second.id());
        fx.azure.complete(second.id());
        fx.rounds(3);
        assertThat(fx.state("node1")).isEqualTo("AVAILABLE");
        assertThat(fx.standby("node1")).isFalse();
    }

    @Test
    @DisplayName("15: an idle cluster takes no lock and writes nothing")
    void anIdleClusterTakesNoLockAndWritesNothing() {
        Fixture fx = Fixture.of("node1", "node2", "node3");
        long epoch = fx.cluster.epoch();

        fx.rounds(5);

        assertThat(fx.cluster.epoch()).isEqualTo(epoch);
        assertThat(fx.sim.reports().subList(3, fx.sim.reports().size())).allMatch(r -> r.decision().idle());
        assertThat(fx.cluster.property(PULL_STATE)).isEmpty();
    }

    @Test
    @DisplayName("16: an administrator's standby is never lifted, nor taken over for an event")
    void anAdministratorsStandbyStays() {
        Fixture fx = Fixture.of("node1", "node2", "node3");
        fx.cluster.setAttribute("node3", STANDBY, "on");
        fx.cluster.settle();
        ScheduledEvent onAdminNode = fx.reboot("node3");
        ScheduledEvent onNode1 = fx.reboot("node1");

        assertThat(fx.sim.runUntil(() -> fx.started(onNode1), 10)).isNotNegative();
        fx.azure.complete(onNode1.id());
        fx.rounds(4);

        assertThat(fx.state("node1")).isEqualTo("AVAILABLE");
        assertThat(fx.standby("node1")).isFalse();
        assertThat(fx.started(onAdminNode)).as("not approved on the administrator's behalf").isFalse();
        assertThat(fx.cluster.attribute("node3", STANDBY)).contains("on");
        assertThat(fx.state("node3")).isEqualTo("AVAILABLE");
        fx.azure.complete(onAdminNode.id());
        fx.rounds(3);
        assertThat(fx.cluster.attribute("node3", STANDBY)).contains("on");
    }

    @Test
    @DisplayName("17: Preempt and Terminate are valid event types and are handled")
    void preemptAndTerminateAreAccepted() {
        Map<String, String> config = Map.of("eventTypes", "Reboot,Redeploy,Preempt,Terminate");
        assertThat(AgentConfig.of(config).problems()).isEmpty();
        assertThat(new LegacyPullStateStrategyProvider().problems(AgentConfig.of(config))).isEmpty();
        Fixture fx = Fixture.withConfig(config, "node1", "node2", "node3");
        ScheduledEvent terminate = fx.schedule(EventType.TERMINATE, "node1");
        ScheduledEvent preempt = fx.schedule(EventType.PREEMPT, "node2");

        assertThat(fx.sim.runUntil(() -> fx.started(terminate), 10)).isNotNegative();
        fx.azure.complete(terminate.id());
        assertThat(fx.sim.runUntil(() -> fx.started(preempt), 10)).isNotNegative();
        assertThat(fx.sim.violations()).isEmpty();
    }

    /** An agent on {@code node} that reads {@code snapshot} instead of the live cluster. */
    private static AzEventsAgent staleAgent(Fixture fx, String node, ClusterView snapshot) {
        ClusterAttributeStore real = fx.cluster.store(node);
        ClusterAttributeStore stale = new ClusterAttributeStore() {
            @Override
            public String localNodeName() {
                return node;
            }

            private boolean first = true;

            /** The snapshot on the first read (the view the plan is made on); the real cluster after. */
            @Override
            public ClusterView readView() {
                if (first) {
                    first = false;
                    return snapshot;
                }
                return real.readView();
            }

            @Override
            public void write(List<AttributeUpdate> updates) {
                real.write(updates);
            }

            @Override
            public boolean tryAcquire(Claim claim) {
                return real.tryAcquire(claim);
            }

            @Override
            public boolean release(Claim claim) {
                return real.release(claim);
            }
        };
        return new AzEventsAgent(fx.azure.sourceFor(ClusterSimulation.vmName(node)), stale, fx.strategy, fx.clock,
                CycleListener.NONE);
    }

    /** A round in which the {@code victim}-th cycle that has actions is killed after {@code kept} of them. */
    private static void killingRound(Fixture fx, int victim, int kept, int[] count) {
        for (String node : fx.cluster.nodeNames()) {
            ClusterNode n = fx.cluster.view(node).local();
            if (!n.online() || n.standby()) {
                continue;
            }
            AzEventsAgent agent = fx.sim.agent(node);
            CycleInput in = agent.read();
            Decision d = fx.strategy.decide(in);
            List<PlannedAction> actions = new ArrayList<>(d.actions());
            if (!actions.isEmpty() && count[0]++ == victim) {
                actions = actions.subList(0, Math.min(kept, actions.size()));
            }
            Decision cut = new Decision(d.strategy(), d.localNode(), d.state(), d.notes(), d.warnings(), actions);
            new PlanExecutor(fx.cluster.store(node), fx.azure.sourceFor(ClusterSimulation.vmName(node)),
                    CycleListener.NONE, fx.clock).execute(cut, in.view());
        }
        fx.cluster.settle();
        fx.clock.advance(Duration.ofSeconds(10));
    }
}
