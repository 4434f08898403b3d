package io.azevents.cli.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.CibShapes;
import io.azevents.testkit.Requirements;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated-shapes suite: many seeded cluster shapes ({@link CibShapes}: 2 to 5 nodes, remote and
 * guest nodes, standby, node and cluster maintenance, unhealthy nodes, bans, colocations, clones,
 * promotable clones, the agent's clone with and without allow-unhealthy-nodes, mapped and unmapped
 * VMs), each played with seeded events and faults by every agent through the real Pacemaker adapter
 * on a CIB file, with Pacemaker's scheduler as the cluster and as ground truth ({@link ShapeRun}).
 * The number of seeds is {@code -Dazevents.shapes.seeds} (default 6 per strategy in CI; the soak in {@code benchmark/run.sh} runs more), the first seed
 * {@code -Dazevents.shapes.first} (default 1); with neither given, the {@link #KEPT} seeds are played too.
 * A failure prints the seed, the shape and what happened.
 */
class GeneratedShapesTest {
    static final int SEEDS = Integer.getInteger("azevents.shapes.seeds", 6);
    static final long FIRST = Long.getLong("azevents.shapes.first", 1);
    /**
     * Seeds outside the default range that once failed, played too when no range is given: 45 (az-health
     * gave a node without {@code #health-azure} the value 0 after its event) and 221 (a guest node's
     * start took two transitions to settle, which the suite blamed on the agents).
     */
    static final List<Long> KEPT = List.of(45L, 221L);
    /** From this many shapes on, a run that approves nothing means the stories no longer test approvals. */
    static final int SEEDS_FOR_APPROVALS = 5;

    /** The range asked for; with none, the default range and the kept seeds. */
    static List<CibShapes.Shape> shapes() {
        List<CibShapes.Shape> shapes = new ArrayList<>(CibShapes.generate(FIRST, SEEDS));
        if (System.getProperty("azevents.shapes.seeds") == null && System.getProperty("azevents.shapes.first") == null) {
            KEPT.stream().filter(k -> k < FIRST || k >= FIRST + SEEDS).map(CibShapes::generate).forEach(shapes::add);
        }
        return shapes;
    }

    @BeforeAll
    static void tools() {
        Requirements.requireTools("cibadmin", "crm_simulate");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"az-health", "legacy-pullstate"})
    @DisplayName("every invariant holds on every generated shape")
    void invariantsHold(String strategy) {
        List<String> failures = new ArrayList<>();
        int cycles = 0;
        int approvals = 0;
        List<CibShapes.Shape> shapes = shapes();
        for (CibShapes.Shape shape : shapes) {
            try (ShapeRun run = new ShapeRun(shape, strategy)) {
                List<String> v = run.play();
                cycles += run.cycles();
                approvals += run.approvals();
                if (!v.isEmpty()) {
                    failures.add(String.join("\n", v) + "\n--- what happened (seed " + shape.seed() + ")\n"
                            + run.transcript());
                }
            }
        }
        System.out.printf("[GeneratedShapesTest] %s: %d shapes (seeds %s), %d agent cycles, %d approvals, "
                + "%d shapes with violations%n", strategy, shapes.size(), FIRST + ".." + (FIRST + SEEDS - 1)
                + (shapes.size() > SEEDS ? " and kept " + shapes.subList(SEEDS, shapes.size()).stream()
                        .map(sh -> Long.toString(sh.seed())).toList() : ""), cycles, approvals, failures.size());
        System.out.println("[GeneratedShapesTest] shape classes among them: " + tally(shapes));
        assertThat(failures).as("violations; rerun one with -Dazevents.shapes.first=SEED -Dazevents.shapes.seeds=1")
                .isEmpty();
        if (shapes.size() >= SEEDS_FOR_APPROVALS) { // one shape rerun alone may well approve nothing
            assertThat(approvals).as("the stories approve events at all").isPositive();
        }
    }

    /** How many of {@code shapes} hold each class of shape the suite is meant to cover. */
    static java.util.Map<String, Long> tally(List<CibShapes.Shape> shapes) {
        java.util.Map<String, String> classes = new java.util.LinkedHashMap<>();
        classes.put("remote node", "remote node");
        classes.put("guest node", "guest node");
        classes.put("standby", "standby=");
        classes.put("node maintenance", "maintenance=");
        classes.put("cluster maintenance-mode", "maintenance-mode=");
        classes.put("unhealthy node", "#health-azure=");
        classes.put("node without #health-azure", "no #health-azure");
        classes.put("offline node", "offline");
        classes.put("ban (majority maker)", "banned from");
        classes.put("clone", "clone web-cln");
        classes.put("promotable clone", "promotable");
        classes.put("agent clone without allow-unhealthy-nodes", "without allow-unhealthy-nodes");
        classes.put("unmapped VMs", "VM names for node1..");
        classes.put("no health rule", "no health rule");
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        classes.forEach((name, marker) -> out.put(name, shapes.stream()
                .filter(sh -> sh.description().replace("maintenance-mode=", "mm=").contains(
                        marker.equals("maintenance-mode=") ? "mm=" : marker)).count()));
        return out;
    }
}
