package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.simulation.CibShapes;
import io.azevents.simulation.InMemoryCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On every generated shape ({@link CibShapes}), settled by Pacemaker's scheduler and then with one
 * member lost unclean: the adapter's view agrees with {@code crm_mon --output-as=xml} of the same file
 * (online, unclean, shutdown, standby, maintenance, kind, active resources per node, maintenance mode),
 * and the in-memory cluster reads the same CIB into the same nodes, statuses and resources as the
 * adapter. Seeds: {@code -Dazevents.views.seeds=N} (default 15).
 */
class GeneratedViewsDifferentialTest {
    static final int SEEDS = Integer.getInteger("azevents.views.seeds", 15);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Requirements.requireTools("cibadmin", "crm_mon", "crm_simulate");
    }

    @Test
    @DisplayName("the adapter agrees with crm_mon, and the in-memory cluster with the adapter, on every generated CIB")
    void viewsAgree() throws Exception {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (CibShapes.Shape shape : CibShapes.generate(1, SEEDS)) {
            Path file = dir.resolve("seed" + shape.seed() + ".xml");
            Files.writeString(file, shape.xml());
            settle(file);
            String settled = Files.readString(file);
            String lost = CibShapes.loseNode(settled, shape.members().get(shape.members().size() - 1));
            for (String xml : List.of(settled, lost)) {
                Files.writeString(file, xml);
                String local = shape.members().get(0);
                ClusterView adapter = CibFiles.store(file, local, CommandRunner.local()).readView();
                try {
                    StatusDifferentialTest.assertAgrees(adapter, CrmMon.of(file));
                } catch (AssertionError e) {
                    disagreements.add(shape + " (adapter vs crm_mon" + (xml == lost ? ", member lost" : "") + "): "
                            + e.getMessage());
                }
                ClusterView model = InMemoryCluster.fromCib(xml).store(local).readView();
                String diff = compare(adapter, model);
                if (!diff.isEmpty()) {
                    disagreements.add(shape + " (in-memory vs adapter" + (xml == lost ? ", member lost" : "") + "): "
                            + diff);
                }
                compared++;
            }
        }
        System.out.printf("[GeneratedViewsDifferentialTest] %d CIBs from %d seeds compared, %d disagreements%n",
                compared, SEEDS, disagreements.size());
        assertThat(disagreements).isEmpty();
    }

    private static void settle(Path file) {
        for (int i = 0; i < 3; i++) {
            CommandRunner.Result r = CommandRunner.local().run(List.of("crm_simulate", "-X", "-x", file.toString(), "-Q"),
                    Map.of(), Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        }
    }

    /** What differs between two views of the same CIB, node by node; empty if they agree. */
    private static String compare(ClusterView a, ClusterView b) {
        List<String> out = new ArrayList<>();
        if (!a.names().stream().sorted().toList().equals(b.names().stream().sorted().toList())) {
            out.add("nodes " + a.names() + " vs " + b.names());
        }
        for (ClusterNode x : a.nodes()) {
            ClusterNode y = b.node(x.name()).orElse(null);
            if (y == null) {
                continue;
            }
            if (x.online() != y.online() || x.standby() != y.standby()
                    || x.status().kind() != y.status().kind() || x.status().maintenance() != y.status().maintenance()
                    || x.status().unclean() != y.status().unclean() || x.status().shutdown() != y.status().shutdown()
                    || !x.runningResources().stream().sorted().toList().equals(
                            y.runningResources().stream().sorted().toList())
                    || !x.attributes().equals(y.attributes())) {
                out.add(x.name() + ": " + x + " vs " + y);
            }
        }
        if (a.maintenanceMode() != b.maintenanceMode()) {
            out.add("maintenance-mode " + a.maintenanceMode() + " vs " + b.maintenanceMode());
        }
        return String.join("; ", out);
    }
}
