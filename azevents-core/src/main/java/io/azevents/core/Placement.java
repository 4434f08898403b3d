package io.azevents.core;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where resources are active, as the scheduler places them: each resource (clone and bundle instances
 * under their resource's id, without the {@code :N} instance suffix) with the nodes it is active on,
 * and the nodes on which it is promoted. Immutable; thread-safe.
 *
 * @param active   resource id to the nodes it is active on (never an empty set)
 * @param promoted resource id to the nodes it is promoted on (never an empty set)
 */
public record Placement(Map<String, Set<String>> active, Map<String, Set<String>> promoted) {

    /** Nothing active anywhere. */
    public static final Placement EMPTY = new Placement(Map.of(), Map.of());

    /**
     * Copies the maps and their sets.
     *
     * @param active   resource id to the nodes it is active on; resources with an empty set are dropped
     * @param promoted resource id to the nodes it is promoted on; resources with an empty set are dropped
     * @throws NullPointerException if a map is null
     */
    public Placement {
        active = copy(Objects.requireNonNull(active, "active"));
        promoted = copy(Objects.requireNonNull(promoted, "promoted"));
    }

    /**
     * The nodes {@code resource} is active on; empty if it is stopped.
     *
     * @param resource the resource's id, without an instance suffix
     * @return an immutable set of node names; empty if the resource is stopped or unknown
     */
    public Set<String> nodesOf(String resource) {
        return active.getOrDefault(resource, Set.of());
    }

    /**
     * The resources active on {@code node}.
     *
     * @param node the node's name
     * @return a new sorted set of resource ids; empty if nothing is active there
     */
    public Set<String> resourcesOn(String node) {
        Set<String> out = new TreeSet<>();
        active.forEach((r, nodes) -> {
            if (nodes.contains(node)) {
                out.add(r);
            }
        });
        return out;
    }

    /**
     * A placement built from node to resources, as a view lists them (nothing promoted).
     *
     * @param view the cluster whose nodes' {@link ClusterNode#runningResources()} are read
     * @return the placement, with no promoted resource
     */
    public static Placement of(ClusterView view) {
        Map<String, Set<String>> a = new TreeMap<>();
        for (ClusterNode n : view.nodes()) {
            for (String r : n.runningResources()) {
                a.computeIfAbsent(r, k -> new TreeSet<>()).add(n.name());
            }
        }
        return new Placement(a, Map.of());
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, Set.copyOf(new TreeSet<>(v)));
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
