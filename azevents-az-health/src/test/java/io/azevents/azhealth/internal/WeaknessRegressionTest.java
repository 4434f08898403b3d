package io.azevents.azhealth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.azhealth.AzHealthStrategyProvider;
import io.azevents.core.AgentConfig;
import io.azevents.core.Claim;
import io.azevents.core.Decision;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.CycleInput;
import io.azevents.simulation.ClusterSimulation;
import io.azevents.simulation.FakeAzure;
import io.azevents.simulation.InMemoryCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per upstream weakness (the list in docs/fault-matrix.md) that applies to az-health, named after what it guards. */
class WeaknessRegressionTest {

    private static long drainedCount(Harness h) {
        return h.cluster.nodeNames().stream().filter(n -> h.health(n).equals(Optional.of(Keys.DRAINED))).count();
    }

    // 1 -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"node1,node2", "node2,node1"})
    @DisplayName("1: two nodes with events in the same tick never both drain, whatever the order")
    void twoNodesWithEventsInTheSameTickNeverBothDrain(String order) {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c);
        ClusterSimulation sim = new ClusterSimulation(c, h.azure, h.clock, h.strategy);
        List<String> nodes = List.of(order.split(","));
        sim.round(nodes);
        ScheduledEvent e1 = h.azure.schedule(EventType.REBOOT, "node1-vm");
        ScheduledEvent e2 = h.azure.schedule(EventType.REBOOT, "node2-vm");

        for (int i = 0; i < 30; i++) {
            sim.round(nodes);
            assertThat(drainedCount(h)).as("drained nodes after round %d", i).isLessThanOrEqualTo(1);
            h.azure.events().stream().filter(ScheduledEvent::isStarted).forEach(e -> h.azure.complete(e.id()));
        }

        assertThat(sim.violations()).isEmpty();
        assertThat(h.azure.approvals()).extracting(FakeAzure.Approval::eventIds)
                .containsExactlyInAnyOrder(java.util.Set.of(e1.id()), java.util.Set.of(e2.id()));
        assertThat(h.back("node1")).isTrue();
        assertThat(h.back("node2")).isTrue();
    }

    @Test
    @DisplayName("1: two nodes deciding on the same view both ask for the claim, and only one drains")
    void twoNodesDecidingOnTheSameViewCannotBothDrain() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness.recordVms(c);
        Harness h = new Harness(c);
        h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.azure.schedule(EventType.REBOOT, "node2-vm");

        for (int round = 0; round < 4; round++) {
            // Both read before either writes: the race upstream loses.
            CycleInput in1 = h.read("node1");
            CycleInput in2 = h.read("node2");
            Decision d1 = h.strategy.decide(in1);
            Decision d2 = h.strategy.decide(in2);
            h.execute(round % 2 == 0 ? "node2" : "node1", round % 2 == 0 ? in2 : in1, round % 2 == 0 ? d2 : d1);
            h.execute(round % 2 == 0 ? "node1" : "node2", round % 2 == 0 ? in1 : in2, round % 2 == 0 ? d1 : d2);
            h.endRound();
            assertThat(drainedCount(h)).isLessThanOrEqualTo(1);
        }

        assertThat(drainedCount(h)).isEqualTo(1);
        assertThat(h.violations).isEmpty();
        String drained = h.health("node1").equals(Optional.of(Keys.DRAINED)) ? "node1" : "node2";
        String other = drained.equals("node1") ? "node2" : "node1";
        assertThat(h.state(other)).contains("ON_HOLD");
        assertThat(c.claims()).isEmpty();
    }

    @Test
    @DisplayName("1: a claim left by a crashed node is removed once expired, and not before")
    void aClaimLeftByACrashedNodeExpires() {
        InMemoryCluster c = Harness.cluster("node1", "node2", "node3");
        Harness.recordVms(c);
        Harness h = new Harness(c);
        h.azure.schedule(EventType.REBOOT, "node1-vm");
        Claim stale = new Claim(Keys.CLAIM_ID, "node3", h.clock.instant().plusSeconds(30));
        c.putClaim(stale);

        Decision waiting = h.cycle("node1");
        assertThat(waiting.actions()).isEmpty();
        assertThat(waiting.notes()).anyMatch(n -> n.contains("node3 holds the drain claim"));

        h.clock.advance(Duration.ofSeconds(30));
        h.cycle("node1");
        assertThat(c.claims().get(Keys.CLAIM_ID).owner()).isEqualTo("node1");
        h.cycle("node1");
        assertThat(h.state("node1")).contains("STOPPING");
        assertThat(c.claims()).isEmpty();
    }

    // 2 -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"offline", "standby", "unhealthy", "no-health-attribute", "draining"})
    @DisplayName("2: a peer that is offline, in standby, unhealthy, uninitialised or draining is not counted")
    void unavailablePeersAreNotCounted(String condition) {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness.recordVms(c);
        switch (condition) {
            case "offline" -> c.setOnline("node2", false);
            case "standby" -> c.setAttribute("node2", "standby", "on");
            case "unhealthy" -> c.setAttribute("node2", "#health-other", "-1000000");
            case "no-health-attribute" -> c.setAttribute("node2", Keys.HEALTH, null);
            default -> c.setAttribute("node2", Keys.STATE, "STOPPING");
        }
        c.settle();
        Harness h = new Harness(c);
        h.azure.schedule(EventType.REBOOT, "node1-vm");

        for (int i = 0; i < 3; i++) {
            h.cycle("node1");
            h.endRound();
        }

        assertThat(h.state("node1")).contains("ON_HOLD");
        assertThat(h.health("node1")).contains("0");
        assertThat(c.claims()).isEmpty();
        assertThat(h.decisions.get(h.decisions.size() - 1).notes()).anyMatch(n -> n.contains("node2"));
    }

    // 3 -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("3: ON_HOLD ends in a one-node cluster when the event is gone")
    void onHoldEndsInAOneNodeCluster() {
        InMemoryCluster c = Harness.cluster("node1");
        Harness h = new Harness(c);
        ScheduledEvent e = h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.round();
        assertThat(h.state("node1")).contains("ON_HOLD");
        h.azure.start(e.id());
        h.round();
        assertThat(h.state("node1")).as("a started event is still under way").contains("ON_HOLD");

        h.azure.complete(e.id());
        h.round();

        assertThat(h.state("node1")).contains("AVAILABLE");
        assertThat(h.back("node1")).isTrue();
    }

    @Test
    @DisplayName("3: ON_HOLD ends when a peer comes back, without anyone releasing it")
    void onHoldEndsWhenAPeerComesBack() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        c.setOnline("node2", false);
        c.settle();
        Harness h = new Harness(c);
        ScheduledEvent e = h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.round();
        assertThat(h.state("node1")).contains("ON_HOLD");

        c.setOnline("node2", true);
        for (int i = 0; i < 4; i++) {
            h.round();
        }

        assertThat(h.azure.event(e.id()).orElseThrow().isStarted()).isTrue();
        assertThat(h.state("node1")).contains("IN_EVENT");
        assertThat(h.violations).isEmpty();
    }

    @Test
    @DisplayName("3: two nodes on hold do not wait for each other: a node on hold still runs resources")
    void twoNodesOnHoldDoNotWaitForEachOther() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness.recordVms(c);
        c.setAttribute("node1", Keys.STATE, "ON_HOLD");
        c.setAttribute("node2", Keys.STATE, "ON_HOLD");
        Harness h = new Harness(c);
        h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.azure.schedule(EventType.REBOOT, "node2-vm");

        for (int i = 0; i < 3; i++) {
            h.round();
        }

        assertThat(drainedCount(h)).isEqualTo(1);
        assertThat(h.violations).isEmpty();
    }

    // 4 -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("4: a stale lastDocVersion equal to the incarnation after a reset does not leave the node drained")
    void staleLastDocVersionAfterAResetDoesNotLeaveTheNodeDrained() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c);
        ScheduledEvent e = h.azure.schedule(EventType.REBOOT, "node1-vm");
        for (int i = 0; i < 4; i++) {
            h.round();
        }
        assertThat(h.state("node1")).contains("IN_EVENT");
        String recorded = c.attribute("node1", Keys.LAST_DOC).orElseThrow();

        // The VM reboots, the event disappears, and Azure resets the incarnation to the recorded value.
        h.azure.complete(e.id());
        h.azure.resetIncarnation(Long.parseLong(recorded));
        h.round();

        assertThat(h.back("node1")).isTrue();
        assertThat(c.attribute("node1", Keys.LAST_DOC)).isEmpty();
        assertThat(c.resourcesOn("node1")).containsExactlyInAnyOrder("db", "app");
    }

    @Test
    @DisplayName("4: an event still scheduled is approved again even when the incarnation equals lastDocVersion")
    void repeatedIncarnationDoesNotStopApproval() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c);
        h.round();
        ScheduledEvent e = h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.round();
        h.round();
        assertThat(h.state("node1")).contains("STOPPING");
        c.setAttribute("node1", Keys.LAST_DOC, Long.toString(h.azure.incarnation()));

        h.round();

        assertThat(h.azure.event(e.id()).orElseThrow().isStarted()).isTrue();
    }

    // 5 -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("5: a cycle killed between any two of its actions, or whose write fails, converges next cycle")
    void aKilledCycleConvergesOnTheNext() {
        // The reference run: how many actions node1 plans in each of its cycles.
        List<Integer> plan = new ArrayList<>();
        scenario(-1, -1, false, plan);
        assertThat(plan).anyMatch(n -> n >= 2);

        for (int cycle = 0; cycle < plan.size(); cycle++) {
            for (int k = 0; k < plan.get(cycle); k++) {
                scenario(cycle, k, false, new ArrayList<>());
            }
            if (plan.get(cycle) > 0) {
                scenario(cycle, 0, true, new ArrayList<>());
            }
        }
    }

    /** The Reboot of node1 from appearance to recovery, with node1's cycle {@code killAt} cut after k actions. */
    private static void scenario(int killAt, int k, boolean failWrite, List<Integer> plan) {
        InMemoryCluster c = Harness.cluster("node1", "node2", "node3");
        Harness h = new Harness(c);
        ScheduledEvent e = h.azure.schedule(EventType.REBOOT, "node1-vm");
        String label = "killed in cycle " + killAt + " after " + k + " action(s), failed write " + failWrite;
        boolean completed = false;
        for (int round = 0; round < 20; round++) {
            if (round == killAt && failWrite) {
                c.failNextWrite(new io.azevents.core.ClusterStoreException("injected failure"));
            }
            Decision d = round == killAt && !failWrite ? h.killedCycle("node1", k) : h.cycle("node1");
            plan.add(d.actions().size());
            h.cycle("node2");
            h.cycle("node3");
            h.endRound();
            if (h.azure.event(e.id()).map(ScheduledEvent::isStarted).orElse(false)) {
                h.azure.complete(e.id());
                completed = true;
            }
            if (completed && h.back("node1") && c.resourcesOn("node1").size() == 2) {
                break;
            }
        }
        assertThat(completed).as(label).isTrue();
        assertThat(h.back("node1")).as(label).isTrue();
        assertThat(c.claims()).as(label).isEmpty();
        assertThat(h.violations).as(label).isEmpty();
    }

    @Test
    @DisplayName("5: an upstream restore killed half-way (AVAILABLE, pending ids, health -1000000) is finished")
    void anInterruptedUpstreamRestoreIsFinished() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        c.setAttribute("node1", Keys.STATE, "AVAILABLE");
        c.setAttribute("node1", Keys.PENDING, "11111111-0000-4000-8000-000000000001");
        c.setAttribute("node1", Keys.LAST_DOC, "3");
        c.setAttribute("node1", Keys.HEALTH, Keys.DRAINED);
        Harness h = new Harness(c);

        h.round();

        assertThat(h.back("node1")).isTrue();
        assertThat(c.attribute("node1", Keys.LAST_DOC)).isEmpty();
    }

    // 10 ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("10: NotBefore, DurationInSeconds and EventSource are reported, and a late drain is warned of")
    void notBeforeDurationAndSourceAreUsed() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c, Visibility.ZONES, AgentConfig.of(Map.of("eventTypes", "Reboot,Preempt")));
        ScheduledEvent reboot = h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.azure.add(reboot.withDurationSeconds(300).withInitiator(EventInitiator.USER));

        Decision d = h.decide("node1");

        assertThat(String.join("\n", d.notes()))
                .contains("a Reboot (event " + reboot.id().substring(0, 8))
                .contains("due at 2026-01-01T00:15:00Z, in 15m 0s")
                .contains("expected to last 5m 0s")
                .contains("started by a user");
        assertThat(d.warnings()).isEmpty();

        h.azure.complete(reboot.id());
        h.azure.schedule(EventType.PREEMPT, "node1-vm");
        Decision preempt = h.decide("node1");
        assertThat(preempt.warnings()).anyMatch(w -> w.contains("starts in 30s") && w.contains("not drained yet"));
    }

    @Test
    @DisplayName("10: user events can be ignored by policy, and invalid pending ids are dropped")
    void userEventsCanBeIgnored() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c, Visibility.ZONES, AgentConfig.of(Map.of("ignoreUserEvents", "true")));
        ScheduledEvent reboot = h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.azure.add(reboot.withInitiator(EventInitiator.USER));

        Decision d = h.cycle("node1");

        assertThat(d.notes()).anyMatch(n -> n.contains("started by a user and ignoreUserEvents is true"));
        assertThat(c.claims()).isEmpty();
        c.setAttribute("node1", Keys.PENDING, "not-an-id," + reboot.id());
        assertThat(io.azevents.core.safety.NodeRecord.read(c.view("node1").local(), Keys.NAMES).pending())
                .containsExactly(reboot.id());
    }

    // 11 ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("11: an event arriving while a drain is under way joins the pending set and holds the node")
    void anEventArrivingDuringADrainJoinsThePendingSet() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c);
        ScheduledEvent first = h.azure.schedule(EventType.REBOOT, "node1-vm");
        h.round();
        h.round();
        assertThat(h.state("node1")).contains("STOPPING");

        ScheduledEvent second = h.azure.schedule(EventType.REDEPLOY, "node1-vm");
        h.round();
        assertThat(c.attribute("node1", Keys.PENDING)).contains(first.id() + "," + second.id());
        assertThat(h.azure.event(second.id()).orElseThrow().isStarted()).isTrue();

        h.azure.complete(first.id());
        h.round();
        assertThat(h.state("node1")).contains("IN_EVENT");
        assertThat(c.attribute("node1", Keys.PENDING)).contains(second.id());
        assertThat(h.health("node1")).contains(Keys.DRAINED);

        h.azure.complete(second.id());
        h.round();
        assertThat(h.back("node1")).isTrue();
        assertThat(h.violations).isEmpty();
    }

    // 12 ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("12: a short Freeze is approved at once without a drain when freezeMaxSeconds allows it")
    void aShortFreezeIsApprovedWithoutADrain() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c, Visibility.ZONES,
                AgentConfig.of(Map.of("eventTypes", "Freeze,Reboot", "freezeMaxSeconds", "10")));
        ScheduledEvent freeze = h.azure.schedule(EventType.FREEZE, "node1-vm");
        h.azure.add(freeze.withDurationSeconds(5));

        h.round();

        assertThat(h.azure.event(freeze.id()).orElseThrow().isStarted()).isTrue();
        assertThat(h.health("node1")).contains("0");
        assertThat(c.resourcesOn("node1")).hasSize(2);
        assertThat(c.claims()).isEmpty();
    }

    @Test
    @DisplayName("12: by default, a Freeze in eventTypes drains as upstream does; a long one too")
    void aFreezeDrainsByDefault() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c, Visibility.ZONES,
                AgentConfig.of(Map.of("eventTypes", "Freeze,Reboot", "freezeMaxSeconds", "10")));
        ScheduledEvent freeze = h.azure.schedule(EventType.FREEZE, "node1-vm");
        h.azure.add(freeze.withDurationSeconds(30));

        h.round();
        h.round();

        assertThat(h.state("node1")).contains("STOPPING");
        assertThat(new AzHealthStrategyProvider().problems(
                AgentConfig.of(Map.of("freezeMaxSeconds", "10")))).singleElement()
                .satisfies(p -> assertThat(p).contains("Freeze is not in eventTypes"));
    }

    // 16 ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("16: an administrator's own #health-azure on an idle node is left alone")
    void anAdministratorsOwnHealthIsLeftAlone() {
        InMemoryCluster c = Harness.cluster("node1", "node2", "node3");
        Harness h = new Harness(c);
        h.round();
        c.setAttribute("node3", Keys.HEALTH, Keys.DRAINED);
        c.setAttribute("node2", "standby", "on");
        int writes = c.writes();

        for (int i = 0; i < 3; i++) {
            h.round();
        }

        assertThat(c.writes()).isEqualTo(writes);
        assertThat(h.health("node3")).contains(Keys.DRAINED);
        assertThat(c.attribute("node2", "standby")).contains("on");
    }

    /** A harness on {@code c} with node1's {@code #health-azure} set by an administrator to {@code value} (null: none). */
    private static Harness node1WithHealth(InMemoryCluster c, String value) {
        c.setAttribute("node1", Keys.HEALTH, value);
        c.settle();
        return new Harness(c);
    }

    /** A Reboot of node1, played until Azure has started it (drained, empty, approved). */
    private static ScheduledEvent rebootStarted(Harness h) {
        ScheduledEvent e = h.azure.schedule(EventType.REBOOT, "node1-vm");
        for (int i = 0; i < 4; i++) {
            h.round();
        }
        assertThat(h.azure.event(e.id()).orElseThrow().isStarted()).isTrue();
        return e;
    }

    @Test
    @DisplayName("16: a node the administrator drained goes through its event and gets the administrator's value back")
    void anAdministratorsDrainSurvivesAnEvent() {
        InMemoryCluster c = Harness.cluster("node1", "node2", "node3");
        Harness h = node1WithHealth(c, Keys.DRAINED);
        ScheduledEvent e = rebootStarted(h);
        assertThat(c.attribute("node1", Keys.HEALTH_BEFORE)).contains(Keys.DRAINED);

        h.azure.complete(e.id());
        h.round();

        assertThat(h.state("node1")).contains("AVAILABLE");
        assertThat(h.health("node1")).as("the administrator's value").contains(Keys.DRAINED);
        assertThat(c.attribute("node1", Keys.HEALTH_BEFORE)).isEmpty();
        assertThat(h.decisions).allSatisfy(d -> assertThat(d.updates()).noneMatch(u -> u.name().equals("standby")));
    }

    @Test
    @DisplayName("16: a node with no #health-azure goes through its event and has none after it, so nothing is let onto it")
    void aMissingHealthStaysMissingAfterAnEvent() {
        InMemoryCluster c = Harness.cluster("node1", "node2", "node3");
        Harness h = node1WithHealth(c, null);
        ScheduledEvent e = rebootStarted(h);
        assertThat(h.health("node1")).contains(Keys.DRAINED);
        assertThat(c.attribute("node1", Keys.HEALTH_BEFORE)).contains(Keys.WAS_UNSET);

        h.azure.complete(e.id());
        h.round();

        assertThat(h.state("node1")).contains("AVAILABLE");
        assertThat(h.health("node1")).as("no value, as before the drain").isEmpty();
        assertThat(c.attribute("node1", Keys.HEALTH_BEFORE)).isEmpty();
        assertThat(h.decisions).flatExtracting(Decision::notes)
                .anyMatch(n -> n.contains("removing #health-azure, which it did not have before the drain"));
    }

    @Test
    @DisplayName("16: a missing #health-azure anywhere is warned of")
    void aMissingHealthAttributeIsWarnedOf() {
        InMemoryCluster c = Harness.cluster("node1", "node2");
        c.setAttribute("node2", Keys.HEALTH, null);
        Harness h = new Harness(c);

        assertThat(h.decide("node1").warnings()).anyMatch(w -> w.startsWith("node2 has no #health-azure"));
    }

    // 17 ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("17: Preempt and Terminate are accepted in eventTypes and handled")
    void preemptAndTerminateAreHandled() {
        AgentConfig config = AgentConfig.of(Map.of("eventTypes", "Preempt,Terminate"));
        assertThat(new AzHealthStrategyProvider().problems(config)).isEmpty();
        InMemoryCluster c = Harness.cluster("node1", "node2");
        Harness h = new Harness(c, Visibility.ZONES, config);
        ScheduledEvent e = h.azure.schedule(EventType.TERMINATE, "node1-vm");

        for (int i = 0; i < 3; i++) {
            h.round();
        }

        assertThat(h.azure.event(e.id()).orElseThrow().isStarted()).isTrue();
        assertThat(h.decisions.get(h.decisions.size() - 1).state()).isIn(NodeState.IN_EVENT, NodeState.AVAILABLE);
        assertThat(h.violations).isEmpty();
    }
}
