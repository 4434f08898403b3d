package io.azevents.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one cycle knows of the cluster, read in one go: its nodes, the cluster properties
 * the agents use, and the claims that exist. Immutable; thread-safe.
 *
 * @param localNode         the name of the node this cycle runs on
 * @param nodes             every node Pacemaker knows, online or not, in a stable order
 * @param clusterProperties cluster properties ({@code crm_config}) by name
 * @param claims            the claims present in the cluster, by id
 * @param version           an opaque version of the configuration read (the CIB epoch), for tests and logs
 * @param maintenanceMode   the whole cluster is in maintenance mode ({@code maintenance-mode=true}):
 *                          Pacemaker starts, stops and moves nothing
 */
public record ClusterView(
        String localNode,
        List<ClusterNode> nodes,
        Map<String, String> clusterProperties,
        Map<String, Claim> claims,
        String version,
        boolean maintenanceMode) {

    /**
     * Checks the local node's name and that no node is listed twice, and copies the collections.
     *
     * @throws IllegalArgumentException if a node is listed twice or a name is not valid
     */
    public ClusterView {
        Names.requireNodeName(localNode, "localNode");
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        clusterProperties = Map.copyOf(Objects.requireNonNull(clusterProperties, "clusterProperties"));
        claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
        Objects.requireNonNull(version, "version");
        if (nodes.stream().map(ClusterNode::name).distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("a node is listed twice");
        }
    }

    /**
     * A view whose cluster-wide maintenance mode is read from the property {@code maintenance-mode}
     * with Pacemaker's boolean rules ({@link Pacemaker#isTrue}); for fakes and embedders. The
     * Pacemaker adapter passes Pacemaker's own answer instead.
     */
    public ClusterView(String localNode, List<ClusterNode> nodes, Map<String, String> clusterProperties,
                       Map<String, Claim> claims, String version) {
        this(localNode, nodes, clusterProperties, claims, version,
                Pacemaker.isTrue(clusterProperties.get(Pacemaker.MAINTENANCE_MODE)));
    }

    /** The node called {@code name}, if the cluster has it. */
    public Optional<ClusterNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The local node. Throws if the cluster does not list it: the agent must not guess. */
    public ClusterNode local() {
        return node(localNode).orElseThrow(() -> new ClusterStoreException(
                "the local node " + localNode + " is not among the cluster's nodes " + names()));
    }

    /** Node names in the order of {@link #nodes()}. */
    public List<String> names() {
        return nodes.stream().map(ClusterNode::name).toList();
    }

    /** The nodes other than the local one. */
    public List<ClusterNode> peers() {
        return nodes.stream().filter(n -> !n.name().equals(localNode)).toList();
    }

    /** A cluster property, if set. */
    public Optional<String> property(String name) {
        return Optional.ofNullable(clusterProperties.get(name));
    }

    /** Nodes by name, in order. */
    public Map<String, ClusterNode> byName() {
        Map<String, ClusterNode> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.name(), n));
        return m;
    }

    /**
     * This view as it would read after {@code updates} were written and {@code claims} were set
     * (present: created or replaced; absent from the map's values: removed by id), for dry runs that
     * look one decision ahead. Transient attributes, membership and resources are unchanged.
     */
    public ClusterView assuming(List<AttributeUpdate> updates, Map<String, Optional<Claim>> claimChanges) {
        Map<String, String> props = new java.util.TreeMap<>(clusterProperties);
        Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
        nodes.forEach(n -> attrs.put(n.name(), new java.util.TreeMap<>(n.attributes())));
        for (AttributeUpdate u : updates) {
            Map<String, String> target = u.node().map(attrs::get).orElse(props);
            if (target == null) {
                continue;
            }
            if (u.value().isPresent()) {
                target.put(u.name(), u.value().get());
            } else {
                target.remove(u.name());
            }
        }
        Map<String, Claim> newClaims = new java.util.TreeMap<>(claims);
        claimChanges.forEach((id, c) -> {
            if (c.isPresent()) {
                newClaims.put(id, c.get());
            } else {
                newClaims.remove(id);
            }
        });
        List<ClusterNode> newNodes = nodes.stream().map(n -> n.withAttributes(attrs.get(n.name()))).toList();
        return new ClusterView(localNode, newNodes, props, newClaims, version + "+assumed", maintenanceMode);
    }
}
