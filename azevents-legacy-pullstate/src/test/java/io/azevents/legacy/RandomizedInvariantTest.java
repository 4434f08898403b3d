package io.azevents.legacy;

import static io.azevents.legacy.Fixture.PULL_STATE;
import static io.azevents.legacy.Fixture.STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ActionOutcome;
import io.azevents.core.CycleReport;
import io.azevents.core.EventType;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.ClusterSimulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random clusters of 2 to 4 nodes under random arrivals, cancellations, reboots and completions,
 * with the agents run in a random order each round. Checks: some node can always run resources
 * (ClusterSimulation), approvals only for drained idle nodes, and every node back to AVAILABLE and
 * out of standby (unless an administrator put it there) a few rounds after its events clear.
 */
class RandomizedInvariantTest {
    private static final int SEEDS = 300;
    private static final int CHAOS_ROUNDS = 60;
    /** Rounds a node may take to come back once no event names it. */
    private static final int RECOVERY_ROUNDS = 4;

    @Test
    @DisplayName("invariants hold for random interleavings across many seeds")
    void invariantsHold() {
        int approvals = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            try {
                approvals += run(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " failed: " + e.getMessage(), e);
            }
        }
        assertThat(approvals).as("approvals over all seeds").isGreaterThan(SEEDS);
    }

    private static int run(long seed) {
        Random rnd = new Random(seed);
        int size = 2 + rnd.nextInt(3);
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = "node" + (i + 1);
        }
        Fixture fx = Fixture.of(names);
        Optional<String> adminNode = size >= 3 && rnd.nextInt(3) == 0 ? Optional.of(names[size - 1]) : Optional.empty();
        adminNode.ifPresent(n -> fx.cluster.setAttribute(n, STANDBY, "on"));
        fx.cluster.settle();

        Map<String, Integer> startedAt = new HashMap<>();
        Map<String, Integer> clearSince = new HashMap<>();
        List<String> order = new ArrayList<>(List.of(names));
        for (int round = 0; round < CHAOS_ROUNDS + 12; round++) {
            boolean chaos = round < CHAOS_ROUNDS;
            List<ScheduledEvent> live = fx.azure.events();
            if (chaos && live.size() < 3 && rnd.nextInt(100) < 15) {
                String a = names[rnd.nextInt(size)];
                String b = names[rnd.nextInt(size)];
                fx.schedule(rnd.nextBoolean() ? EventType.REBOOT : EventType.REDEPLOY,
                        rnd.nextInt(5) == 0 && !a.equals(b) ? new String[] {a, b} : new String[] {a});
            }
            for (ScheduledEvent e : fx.azure.events()) {
                if (e.isStarted()) {
                    int since = startedAt.computeIfAbsent(e.id(), k -> -1);
                    if (since < 0) {
                        startedAt.put(e.id(), round);
                        reboot(fx, e, false);
                    } else if (!chaos || round - since > rnd.nextInt(4)) {
                        fx.azure.complete(e.id());
                        reboot(fx, e, true);
                    }
                } else if (!chaos || rnd.nextInt(100) < 3) {
                    fx.azure.cancel(e.id());
                }
            }
            for (String n : names) {
                fx.cluster.setPendingOperations(n, chaos && rnd.nextInt(100) < 8 ? 1 : 0);
            }

            Collections.shuffle(order, rnd);
            List<CycleReport> reports = fx.sim.round(order);

            checkApprovals(fx, reports, round);
            for (String n : names) {
                String vm = ClusterSimulation.vmName(n);
                boolean named = fx.azure.events().stream().anyMatch(e -> e.resources().contains(vm));
                if (named) {
                    clearSince.remove(n);
                    continue;
                }
                clearSince.putIfAbsent(n, round);
                int since = clearSince.get(n);
                if (round - since >= RECOVERY_ROUNDS) {
                    assertThat(fx.state(n)).as(n + " at round " + round + " (clear since " + since + ")")
                            .isEqualTo("AVAILABLE");
                    assertThat(fx.standby(n)).as(n + " in standby at round " + round)
                            .isEqualTo(adminNode.equals(Optional.of(n)));
                    assertThat(fx.pending(n)).as(n + " pending at round " + round).isEmpty();
                }
            }
        }
        assertThat(fx.sim.violations()).isEmpty();
        assertThat(fx.cluster.claims()).as("claims at the end").isEmpty();
        assertThat(fx.cluster.property(PULL_STATE).orElse("IDLE")).isEqualTo("IDLE");
        adminNode.ifPresent(n -> assertThat(fx.cluster.attribute(n, STANDBY)).contains("on"));
        return fx.azure.approvals().size();
    }

    /** A started event takes its VMs down; a completed one brings them back. */
    private static void reboot(Fixture fx, ScheduledEvent e, boolean back) {
        for (String vm : e.resources()) {
            String node = vm.substring(0, vm.length() - "-vm".length());
            if (back) {
                boolean stillRebooting = fx.azure.events().stream()
                        .anyMatch(o -> o.isStarted() && o.resources().contains(vm));
                if (!stillRebooting) {
                    fx.cluster.setOnline(node, true);
                }
            } else {
                fx.cluster.setOnline(node, false);
            }
        }
        fx.cluster.settle();
    }

    /** Every event approved this round and still under way names only nodes the agent drained. */
    private static void checkApprovals(Fixture fx, List<CycleReport> reports, int round) {
        for (CycleReport r : reports) {
            for (ActionOutcome o : r.outcomes()) {
                if (o.result() != ActionOutcome.Result.DONE || !(o.action() instanceof PlannedAction.ApproveEvents a)) {
                    continue;
                }
                for (String id : a.eventIds()) {
                    fx.azure.event(id).ifPresent(e -> e.resources().forEach(vm -> {
                        String node = vm.substring(0, vm.length() - "-vm".length());
                        assertThat(fx.standby(node)).as("round " + round + ": " + id + " approved by "
                                + r.decision().localNode() + " while " + node + " is not in standby").isTrue();
                        assertThat(fx.state(node)).as("round " + round + ": state of " + node).isEqualTo("IN_EVENT");
                    }));
                }
            }
        }
    }
}
