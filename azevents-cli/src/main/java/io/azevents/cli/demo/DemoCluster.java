package io.azevents.cli.demo;

import io.azevents.cli.wiring.PacemakerTools;
import io.azevents.core.AzEventsException;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.pacemaker.CommandFailedException;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.CrmClusterAttributeStore;
import io.azevents.simulation.InMemoryCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's 3-node cluster: Pacemaker's own tools on a CIB file, with {@code crm_simulate} as the
 * scheduler, when they are installed; an in-process {@link InMemoryCluster} otherwise. Both run two
 * Dummy resources that prefer node1, with the documented health rule.
 */
interface DemoCluster extends AutoCloseable {
    List<String> NODES = List.of("node1", "node2", "node3");

    ClusterAttributeStore store(String node);

    /** Lets the scheduler act on what the agents wrote. */
    void settle();

    /** Simulates a node going down (its VM reboots) or coming back. */
    void setOnline(String node, boolean online);

    boolean online(String node);

    List<String> resourcesOn(String node);

    Optional<String> attribute(String node, String name);

    String description();

    @Override
    void close();

    static DemoCluster create() {
        if (PacemakerTools.available()) {
            return new CibFile();
        }
        return new InMemory();
    }

    /** Pacemaker's CLIs on a temporary CIB file. */
    final class CibFile implements DemoCluster {
        private final Path dir;
        private final Path cib;
        private final Map<String, ClusterAttributeStore> stores = new java.util.HashMap<>();

        CibFile() {
            try {
                dir = Files.createTempDirectory("azevents-demo");
                cib = dir.resolve("cib.xml");
                try (InputStream in = DemoCluster.class.getResourceAsStream("demo-cib.xml")) {
                    Files.copy(in, cib);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            simulate(List.of("-u", "node1", "-u", "node2", "-u", "node3"));
            for (String n : NODES) {
                stores.put(n, CrmClusterAttributeStore.builder().cibFile(cib).localNodeName(n)
                        .snapshotReuse(Duration.ZERO).build());
            }
        }

        private void simulate(List<String> extra) {
            List<String> argv = new ArrayList<>(List.of("crm_simulate", "-X", "-x", cib.toString(), "-Q"));
            argv.addAll(extra);
            CommandRunner.Result r = CommandRunner.local().run(argv, Map.of(), Duration.ofSeconds(30));
            if (r.exitCode() != 0) {
                throw new CommandFailedException(argv, r.exitCode(), r.stderr());
            }
        }

        @Override
        public ClusterAttributeStore store(String node) {
            return stores.get(node);
        }

        @Override
        public void settle() {
            simulate(List.of());
        }

        @Override
        public void setOnline(String node, boolean online) {
            simulate(List.of(online ? "-u" : "-d", node));
        }

        private Optional<ClusterNode> node(String name) {
            return stores.get(NODES.get(0)).readView().node(name);
        }

        @Override
        public boolean online(String node) {
            return node(node).map(ClusterNode::online).orElse(false);
        }

        @Override
        public List<String> resourcesOn(String node) {
            return node(node).map(ClusterNode::runningResources).orElse(List.of());
        }

        @Override
        public Optional<String> attribute(String node, String name) {
            return node(node).flatMap(n -> n.permanentAttribute(name));
        }

        @Override
        public String description() {
            return "Pacemaker's cibadmin and crm_simulate on " + cib;
        }

        @Override
        public void close() {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new AzEventsException("cannot remove " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** The test kit's in-process cluster, for machines without Pacemaker. */
    final class InMemory implements DemoCluster {
        private final InMemoryCluster cluster = InMemoryCluster.of("node1", "node2", "node3").withHealthInitialised()
                .withResource("db", "node1").withResource("app", "node1");

        @Override
        public ClusterAttributeStore store(String node) {
            return cluster.store(node);
        }

        @Override
        public void settle() {
            cluster.settle();
        }

        @Override
        public void setOnline(String node, boolean online) {
            cluster.setOnline(node, online);
            cluster.settle();
        }

        @Override
        public boolean online(String node) {
            return cluster.view(node).local().online();
        }

        @Override
        public List<String> resourcesOn(String node) {
            return cluster.resourcesOn(node);
        }

        @Override
        public Optional<String> attribute(String node, String name) {
            return cluster.attribute(node, name);
        }

        @Override
        public String description() {
            return "an in-process simulated cluster (install pacemaker-cli-utils to use Pacemaker's own tools)";
        }

        @Override
        public void close() {
        }
    }
}
