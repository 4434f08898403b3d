package io.azevents.azhealth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.AgentConfig;
import io.azevents.core.Decision;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.CycleInput;
import io.azevents.simulation.InMemoryCluster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Several agents over one cluster with random interleavings: in each round every agent reads,
 * decides and acts, but reads and plans of different nodes are shuffled, so a node often acts on a
 * view others have changed since. Events arrive, start, complete and are cancelled at random,
 * operations hang, nodes leave and come back.
 */
class RandomizedClusterTest {
    private static final int SEEDS = 200;
    private static final int ROUNDS = 60;
    private static final int SETTLE_ROUNDS = 5;

    @Test
    @DisplayName("never all nodes drained, approvals only for empty idle nodes, everyone back once events clear")
    void invariantsHoldUnderRandomInterleavings() {
        int approvals = 0;
        int holds = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Harness h = run(seed);
            approvals += h.azure.approvals().size();
            holds += (int) h.decisions.stream().filter(d -> d.state() == io.azevents.core.NodeState.ON_HOLD).count();
        }
        // The runs must actually exercise drains, approvals and holds.
        assertThat(approvals).isGreaterThan(SEEDS);
        assertThat(holds).isGreaterThan(SEEDS / 4);
    }

    private static Harness run(long seed) {
        Random rnd = new Random(seed);
        int size = 2 + rnd.nextInt(3);
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = "node" + (i + 1);
        }
        InMemoryCluster c = Harness.cluster(names);
        c.withResource("web", names[size - 1]);
        Harness h = new Harness(c, Visibility.ZONES,
                AgentConfig.of(Map.of("eventTypes", "Freeze,Reboot,Redeploy,Preempt,Terminate")));
        List<String> nodes = c.nodeNames();
        String label = "seed " + seed + " (" + size + " nodes)";
        List<EventType> types = EventType.KNOWN;

        for (int round = 0; round < ROUNDS; round++) {
            if (rnd.nextDouble() < 0.2) {
                String a = nodes.get(rnd.nextInt(size));
                String b = nodes.get(rnd.nextInt(size));
                EventType t = types.get(rnd.nextInt(types.size()));
                if (rnd.nextDouble() < 0.15 && !a.equals(b)) {
                    h.azure.schedule(t, Harness.vm(a), Harness.vm(b));
                } else {
                    h.azure.schedule(t, Harness.vm(a));
                }
            }
            for (ScheduledEvent e : h.azure.events()) {
                if (e.isStarted() && rnd.nextDouble() < 0.3) {
                    h.azure.complete(e.id());
                } else if (!e.isStarted() && rnd.nextDouble() < 0.03) {
                    h.azure.cancel(e.id());
                } else if (!e.isStarted() && e.notBefore().map(nb -> !h.clock.instant().isBefore(nb)).orElse(false)) {
                    h.azure.start(e.id()); // Azure does not wait past NotBefore.
                }
            }
            for (String n : nodes) {
                if (rnd.nextDouble() < 0.05) {
                    c.setPendingOperations(n, 1);
                } else if (rnd.nextDouble() < 0.4) {
                    c.setPendingOperations(n, 0);
                }
                if (rnd.nextDouble() < 0.02) {
                    c.setOnline(n, false);
                } else if (rnd.nextDouble() < 0.3) {
                    c.setOnline(n, true);
                }
            }
            c.settle();
            interleavedRound(h, rnd, label + " round " + round);
        }

        // The events clear: every node must come back within a bounded number of rounds.
        h.azure.events().forEach(e -> h.azure.complete(e.id()));
        for (String n : nodes) {
            c.setPendingOperations(n, 0);
            c.setOnline(n, true);
        }
        c.settle();
        for (int i = 0; i < SETTLE_ROUNDS; i++) {
            interleavedRound(h, rnd, label + " settling " + i);
        }
        assertThat(h.violations).as(label).isEmpty();
        for (String n : nodes) {
            assertThat(h.back(n)).as(label + ": " + n + " back, attributes " + c.view(n).local().attributes()).isTrue();
            assertThat(c.view(n).local().canRunResources()).as(label + ": " + n + " healthy").isTrue();
        }
        assertThat(c.claims()).as(label + ": claims left").isEmpty();
        return h;
    }

    /** Every running agent reads once and acts once; reads and plans of different nodes are shuffled. */
    private static void interleavedRound(Harness h, Random rnd, String label) {
        List<String> steps = new ArrayList<>();
        for (String n : h.cluster.nodeNames()) {
            if (h.runs(n)) {
                steps.add(n);
                steps.add(n);
            }
        }
        Collections.shuffle(steps, rnd);
        Map<String, CycleInput> read = new HashMap<>();
        for (String n : steps) {
            CycleInput in = read.remove(n);
            if (in == null) {
                read.put(n, h.read(n));
            } else {
                Decision d = h.strategy.decide(in);
                h.execute(n, in, d);
                assertThat(h.violations).as(label).isEmpty();
            }
            if (rnd.nextDouble() < 0.3) {
                h.cluster.settle();
            }
        }
        h.endRound();
    }
}
