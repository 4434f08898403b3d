package io.azevents.testkit;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.ClusterView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory Pacemaker cluster: nodes with permanent and transient attributes, membership,
 * cluster properties, claims with an atomic test-and-set, and resources that {@link #settle()}
 * places as the scheduler would (away from offline, standby and unhealthy nodes, back to their
 * preferred node). Every write is one transaction and raises the epoch by one; a write that changes
 * nothing is not counted. Thread-safe: every method locks the cluster.
 */
public final class InMemoryCluster {

    private static final class NodeData {
        boolean online = true;
        int pending;
        final Map<String, String> attributes = new TreeMap<>();
        final Map<String, String> transientAttributes = new TreeMap<>();
    }

    private record Resource(String id, String preferred) { }

    private final Map<String, NodeData> nodes = new LinkedHashMap<>();
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, Claim> claims = new TreeMap<>();
    private final List<Resource> resources = new ArrayList<>();
    private final Map<String, String> placement = new LinkedHashMap<>();
    private long epoch = 1;
    private int writes;
    private int reads;
    private RuntimeException nextWriteFailure;

    /** A cluster of {@code names}, all online, each with {@code #health-azure=0} unless told otherwise. */
    public static InMemoryCluster of(String... names) {
        InMemoryCluster c = new InMemoryCluster();
        for (String n : names) {
            c.nodes.put(n, new NodeData());
        }
        return c;
    }

    /** Sets {@code #health-azure=0} on every node, as administrators do when installing the agent. */
    public synchronized InMemoryCluster withHealthInitialised() {
        nodes.values().forEach(d -> d.attributes.put("#health-azure", "0"));
        return this;
    }

    /** Adds a resource that prefers {@code node}, and places it. */
    public synchronized InMemoryCluster withResource(String id, String preferredNode) {
        requireNode(preferredNode);
        resources.add(new Resource(id, preferredNode));
        settle();
        return this;
    }

    /** The store as seen from {@code localNode}. */
    public ClusterAttributeStore store(String localNode) {
        requireNode(localNode);
        return new Store(localNode);
    }

    public synchronized List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    public synchronized void setOnline(String node, boolean online) {
        requireNode(node).online = online;
    }

    public synchronized void setPendingOperations(String node, int count) {
        requireNode(node).pending = count;
    }

    /** Sets a permanent node attribute directly, as an administrator would; does not count as an agent write. */
    public synchronized void setAttribute(String node, String name, String value) {
        if (value == null) {
            requireNode(node).attributes.remove(name);
        } else {
            requireNode(node).attributes.put(name, value);
        }
        epoch++;
    }

    public synchronized void setTransientAttribute(String node, String name, String value) {
        if (value == null) {
            requireNode(node).transientAttributes.remove(name);
        } else {
            requireNode(node).transientAttributes.put(name, value);
        }
    }

    public synchronized Optional<String> attribute(String node, String name) {
        return Optional.ofNullable(requireNode(node).attributes.get(name));
    }

    public synchronized Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public synchronized Map<String, Claim> claims() {
        return Map.copyOf(claims);
    }

    /** Replaces a claim as if another node had written it (for expiry tests). */
    public synchronized void putClaim(Claim claim) {
        claims.put(claim.id(), claim);
    }

    /** The configuration epoch: +1 per transaction that changed something. */
    public synchronized long epoch() {
        return epoch;
    }

    /** Agent write transactions that changed something. */
    public synchronized int writes() {
        return writes;
    }

    /** Views read. */
    public synchronized int reads() {
        return reads;
    }

    /** Makes the next write fail with {@code e}, changing nothing. */
    public synchronized void failNextWrite(RuntimeException e) {
        nextWriteFailure = e;
    }

    /** Where resource {@code id} runs, if anywhere. */
    public synchronized Optional<String> location(String id) {
        return Optional.ofNullable(placement.get(id));
    }

    /** The resources running on {@code node}. */
    public synchronized List<String> resourcesOn(String node) {
        return placement.entrySet().stream().filter(e -> e.getValue().equals(node)).map(Map.Entry::getKey).toList();
    }

    /**
     * Places every resource as the scheduler would: on its preferred node if that node can run
     * resources, else where it runs if that node still can, else on the first node that can; stopped
     * if none can. Call it between cycles to let "the cluster" react to the agent's writes.
     */
    public synchronized void settle() {
        for (Resource r : resources) {
            String current = placement.get(r.id);
            String target;
            if (eligible(r.preferred)) {
                target = r.preferred;
            } else if (current != null && eligible(current)) {
                target = current;
            } else {
                target = nodes.keySet().stream().filter(this::eligible).findFirst().orElse(null);
            }
            if (target == null) {
                placement.remove(r.id);
            } else {
                placement.put(r.id, target);
            }
        }
    }

    /** A snapshot of the whole cluster as node {@code localNode} would read it. */
    public synchronized ClusterView view(String localNode) {
        List<ClusterNode> list = new ArrayList<>();
        for (Map.Entry<String, NodeData> e : nodes.entrySet()) {
            NodeData d = e.getValue();
            list.add(new ClusterNode(e.getKey(), d.online, isStandby(d), d.attributes, d.transientAttributes,
                    d.online ? resourcesOn(e.getKey()) : List.of(), d.online ? d.pending : 0));
        }
        return new ClusterView(localNode, list, properties, claims, Long.toString(epoch));
    }

    private boolean eligible(String node) {
        NodeData d = nodes.get(node);
        return view(node).node(node).map(ClusterNode::canRunResources).orElse(false) && d.online;
    }

    private static boolean isStandby(NodeData d) {
        String v = d.transientAttributes.getOrDefault("standby", d.attributes.get("standby"));
        return v != null && (v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true") || v.equals("1")
                || v.equalsIgnoreCase("yes"));
    }

    private NodeData requireNode(String node) {
        NodeData d = nodes.get(Objects.requireNonNull(node, "node"));
        if (d == null) {
            throw new IllegalArgumentException("no node " + node + " in " + nodes.keySet());
        }
        return d;
    }

    private synchronized void write(List<AttributeUpdate> updates) {
        if (nextWriteFailure != null) {
            RuntimeException e = nextWriteFailure;
            nextWriteFailure = null;
            throw e;
        }
        for (AttributeUpdate u : updates) {
            if (u.node().isPresent() && !nodes.containsKey(u.node().get())) {
                throw new ClusterStoreException("cannot write " + u + ": no node " + u.node().get());
            }
        }
        boolean changed = false;
        for (AttributeUpdate u : updates) {
            Map<String, String> target = u.node().map(n -> nodes.get(n).attributes).orElse(properties);
            String before = u.value().isPresent() ? target.put(u.name(), u.value().get()) : target.remove(u.name());
            changed |= !Objects.equals(before, u.value().orElse(null));
        }
        if (changed) {
            epoch++;
            writes++;
        }
    }

    private final class Store implements ClusterAttributeStore {
        private final String localNode;

        Store(String localNode) {
            this.localNode = localNode;
        }

        @Override
        public String localNodeName() {
            return localNode;
        }

        @Override
        public ClusterView readView() {
            synchronized (InMemoryCluster.this) {
                reads++;
                return view(localNode);
            }
        }

        @Override
        public void write(List<AttributeUpdate> updates) {
            InMemoryCluster.this.write(List.copyOf(updates));
        }

        @Override
        public boolean tryAcquire(Claim claim) {
            synchronized (InMemoryCluster.this) {
                if (claims.containsKey(claim.id())) {
                    return false;
                }
                claims.put(claim.id(), claim);
                epoch++;
                return true;
            }
        }

        @Override
        public boolean release(Claim claim) {
            synchronized (InMemoryCluster.this) {
                if (!claim.equals(claims.get(claim.id()))) {
                    return false;
                }
                claims.remove(claim.id());
                epoch++;
                return true;
            }
        }
    }
}
