package io.azevents.cli.scenario;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.CrmClusterAttributeStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A 3-node cluster on a CIB file in a temporary directory: Pacemaker's own {@code cibadmin} for the
 * agents' stores, {@code crm_simulate -X} as the scheduler (it carries out every transition at once
 * and writes the resulting status back into the file). The agent runs as a clone; a node's agent runs
 * in a round exactly when the scheduler has its clone instance active there, as Pacemaker would
 * call its monitor.
 */
final class ScenarioCluster implements AutoCloseable {
    static final List<String> NODES = List.of("node1", "node2", "node3");
    static final List<String> WORKLOAD = List.of("db", "app");

    private final Path dir;
    private final Path cib;
    private final String agentPrimitive;
    private final CrmClusterAttributeStore observer;

    private ScenarioCluster(String resource, String agentPrimitive) {
        this.agentPrimitive = agentPrimitive;
        try {
            dir = Files.createTempDirectory("azevents-scenario");
            cib = dir.resolve("cib.xml");
            try (InputStream in = ScenarioCluster.class.getResourceAsStream("/scenario/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource /scenario/" + resource);
                }
                Files.copy(in, cib);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        observer = CrmClusterAttributeStore.builder().cibFile(cib).localNodeName(NODES.get(0))
                .snapshotReuse(Duration.ZERO).build();
    }

    /** Copies {@code /scenario/<resource>}, brings every node up and lets the scheduler start the resources. */
    static ScenarioCluster start(String resource, String agentPrimitive) {
        ScenarioCluster c = new ScenarioCluster(resource, agentPrimitive);
        c.simulate("-u", "node1", "-u", "node2", "-u", "node3");
        return c;
    }

    Path cibFile() {
        return cib;
    }

    Path dir() {
        return dir;
    }

    /** The store an agent on {@code node} uses: production defaults, the CIB file, commands through {@code runner}. */
    CrmClusterAttributeStore store(String node, CommandRunner runner) {
        return CrmClusterAttributeStore.builder().cibFile(cib).localNodeName(node).runner(runner).build();
    }

    /** Runs the scheduler on the file; {@code extra} may take nodes down ({@code -d}) or up ({@code -u}). */
    void simulate(String... extra) {
        List<String> argv = new ArrayList<>(List.of("crm_simulate", "-X", "-x", cib.toString(), "-Q"));
        argv.addAll(List.of(extra));
        CommandRunner.Result r = CommandRunner.local().run(argv, Map.of(), Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new AssertionError(argv + " exited " + r.exitCode() + ": " + r.stderr());
        }
    }

    /** The cluster as {@code cibadmin --query} shows it now. */
    ClusterView view() {
        return observer.readView();
    }

    static ClusterNode node(ClusterView v, String name) {
        return v.node(name).orElseThrow(() -> new AssertionError("no node " + name + " in " + v.names()));
    }

    /** True if the agent's clone instance is active on {@code node}: Pacemaker calls its monitor there. */
    boolean agentRunsOn(ClusterView v, String node) {
        ClusterNode n = node(v, node);
        return n.online() && n.runningResources().stream().anyMatch(this::isAgent);
    }

    /** The resources on {@code node} other than the agent's clone, as a comma-joined list ("-" if none). */
    String workOn(ClusterView v, String node) {
        List<String> w = node(v, node).runningResources().stream().filter(r -> !isAgent(r)).sorted(
                Comparator.comparing(WORKLOAD::indexOf)).toList();
        return w.isEmpty() ? "-" : String.join(",", w);
    }

    /** Where {@code resource} runs ("stopped" if nowhere, several nodes comma-joined). */
    static String placement(ClusterView v, String resource) {
        List<String> on = v.nodes().stream().filter(n -> n.runningResources().contains(resource))
                .map(ClusterNode::name).toList();
        return on.isEmpty() ? "stopped" : String.join(",", on);
    }

    private boolean isAgent(String resource) {
        return resource.equals(agentPrimitive) || resource.startsWith(agentPrimitive + ":");
    }

    /** An attribute as a table cell: its permanent value, or "-" when absent. */
    static String cell(Optional<String> value) {
        return value.orElse("-");
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
