package io.azevents.cli.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.testkit.CibShapes;
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
 * The number of seeds is {@code -Dazevents.shapes.seeds} (default 16 per strategy), the first seed
 * {@code -Dazevents.shapes.first} (default 1); a failure prints the seed, the shape and what happened.
 */
class GeneratedShapesTest {
    static final int SEEDS = Integer.getInteger("azevents.shapes.seeds", 16);
    static final long FIRST = Long.getLong("azevents.shapes.first", 1);

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
        for (CibShapes.Shape shape : CibShapes.generate(FIRST, SEEDS)) {
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
        System.out.printf("[GeneratedShapesTest] %s: %d shapes from seed %d, %d agent cycles, %d approvals, "
                + "%d shapes with violations%n", strategy, SEEDS, FIRST, cycles, approvals, failures.size());
        assertThat(failures).as("violations; rerun one with -Dazevents.shapes.first=SEED -Dazevents.shapes.seeds=1")
                .isEmpty();
        assertThat(approvals).as("the stories approve events at all").isPositive();
    }
}
