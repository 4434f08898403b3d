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
     * @param localNode         the name of the node this cycle runs on; need not be among {@code nodes}
     *                          ({@link #local()} then throws)
     * @param nodes             every node Pacemaker knows, in a stable order; copied
     * @param clusterProperties cluster properties by name; copied
     * @param claims            the claims present in the cluster, by id; copied
     * @param version           an opaque version of the configuration read; any text, even empty
     * @param maintenanceMode   the whole cluster is in maintenance mode
     * @throws NullPointerException     if a reference component is null or a collection holds null
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
     *
     * @param localNode         the name of the node this cycle runs on
     * @param nodes             every node Pacemaker knows, in a stable order; copied
     * @param clusterProperties cluster properties by name; copied; its {@code maintenance-mode}
     *                          decides {@link #maintenanceMode()}
     * @param claims            the claims present in the cluster, by id; copied
     * @param version           an opaque version of the configuration read
     * @throws NullPointerException     if an argument is null or a collection holds null
     * @throws IllegalArgumentException if a node is listed twice or a name is not valid
     */
    public ClusterView(String localNode, List<ClusterNode> nodes, Map<String, String> clusterProperties,
                       Map<String, Claim> claims, String version) {
        this(localNode, nodes, clusterProperties, claims, version,
                Pacemaker.isTrue(clusterProperties.get(Pacemaker.MAINTENANCE_MODE)));
    }

    /**
     * The node called {@code name}, if the cluster has it.
     *
     * @param name the node's name, exactly
     * @return the node; empty if the view lists no node of that name
     */
    public Optional<ClusterNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * The local node. Throws if the cluster does not list it: the agent must not guess.
     *
     * @return the node named {@link #localNode()}
     * @throws ClusterStoreException if the view does not list it
     */
    public ClusterNode local() {
        return node(localNode).orElseThrow(() -> new ClusterStoreException(
                "the local node " + localNode + " is not among the cluster's nodes " + names()));
    }

    /**
     * Node names in the order of {@link #nodes()}.
     *
     * @return an immutable list of the names; empty if the view has no node
     */
    public List<String> names() {
        return nodes.stream().map(ClusterNode::name).toList();
    }

    /**
     * The nodes other than the local one.
     *
     * @return an immutable list, in the order of {@link #nodes()}; empty on a one-node cluster
     */
    public List<ClusterNode> peers() {
        return nodes.stream().filter(n -> !n.name().equals(localNode)).toList();
    }

    /**
     * A cluster property, if set.
     *
     * @param name the property's name
     * @return its value; empty if the view does not have it
     */
    public Optional<String> property(String name) {
        return Optional.ofNullable(clusterProperties.get(name));
    }

    /**
     * Nodes by name, in order.
     *
     * @return a new, modifiable map that iterates in the order of {@link #nodes()}
     */
    public Map<String, ClusterNode> byName() {
        Map<String, ClusterNode> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.name(), n));
        return m;
    }

    /**
     * This view as it would read after {@code updates} were written and {@code claimChanges} were set
     * (present: created or replaced; absent from the map's values: removed by id), for dry runs that
     * look one decision ahead. Transient attributes, membership and resources are unchanged.
     *
     * @param updates      the updates to apply, in order; updates of nodes the view does not have are
     *                     ignored
     * @param claimChanges by claim id: the claim that replaces it, or empty to remove it
     * @return a new view whose {@link #version()} is this one's followed by {@code +assumed}
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
