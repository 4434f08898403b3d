package io.azevents.simulation;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import io.azevents.core.NodeKind;
import io.azevents.core.NodeStatus;
import io.azevents.core.Pacemaker;
import io.azevents.core.Placement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An in-memory Pacemaker cluster: nodes with permanent and transient attributes, membership,
 * cluster properties, claims with an atomic test-and-set and fenced writes, and resources that
 * {@link #settle()} places with a small model of Pacemaker's scheduler. Every write is one
 * transaction and raises the epoch by one; a write that changes nothing is not counted.
 *
 * <h2>The model's rules, and how they compare with Pacemaker</h2>
 * A resource gets a score on each node, Pacemaker's way: location scores, node health, colocations
 * and stickiness are added, saturating at ±INFINITY (1000000), -INFINITY winning. It may run only on a
 * node whose score is not negative (Pacemaker: a negative score bans), and goes to the highest score;
 * ties go to the node with the fewest instances placed so far in the pass, then to the node it runs
 * on, then to the first in node order (Pacemaker's default placement strategy does the same, but its
 * node order and the order in which it places resources differ in details, so where several nodes
 * tie the model may pick another node than Pacemaker: which resources run, and how many instances,
 * agree; the exact node of a tie may not).
 * <ul>
 *   <li><b>Nodes.</b> Members are online or not ({@link #setOnline}); a remote node is up while its
 *       connection resource runs on an online (or unclean) member; a guest node is up while its
 *       container resource runs on an online member, and goes down when the container cannot run.
 *       Connection and container resources run on members only.</li>
 *   <li><b>Standby</b> (node attribute {@code standby}, transient value first, read with
 *       {@link Pacemaker#isTrue}): the node takes nothing and everything leaves it, the agent's clone
 *       included. As in Pacemaker.</li>
 *   <li><b>Node maintenance</b> (attribute {@code maintenance}): nothing starts, stops or moves there;
 *       what runs there stays, counted as running, and keeps its role. As in Pacemaker, where those
 *       resources become unmanaged.</li>
 *   <li><b>Cluster maintenance mode</b> (property {@code maintenance-mode}): nothing starts, stops or
 *       moves anywhere; only what ran on nodes that left cleanly stops being counted.</li>
 *   <li><b>Unclean nodes</b> ({@link #setUnclean}): offline, but what they ran still counts as running
 *       there and stays until {@link #fence} (Pacemaker fences the node first, then recovers its
 *       resources elsewhere in the same transition; the model never fences by itself). A remote
 *       node whose connection runs on an unclean member stays up; a guest node whose container runs
 *       on one is down, its resources still counted: what {@code crm_mon} shows.</li>
 *   <li><b>Shutting down</b> ({@link #setShutdown}, or a transient {@code shutdown} attribute in a
 *       CIB): the node takes nothing and everything leaves it.</li>
 *   <li><b>Health</b>: under {@code node-health-strategy} (property; by default {@code custom} for
 *       {@link #of} clusters and Pacemaker's {@code none} for {@link #fromCib} ones) the sum of the
 *       node's {@code #health*} attributes ({@code red} = {@code node-health-red}, -INFINITY by default;
 *       {@code yellow}/{@code green} per strategy; numbers as they are) is added to every resource's
 *       score there, except, when negative, for resources whose top-level resource has the meta
 *       attribute {@code allow-unhealthy-nodes=true}. So any negative health pushes resources off,
 *       as in Pacemaker.</li>
 *   <li><b>The health rule</b> ({@link #withHealthRule}, or {@code loc_azure_health} in a CIB): every
 *       top-level resource whose id does not contain a match of the excluded pattern gets the value
 *       of {@code #health-azure} as its score on each node, and -INFINITY where the node lacks the
 *       attribute; so a node with no {@code #health-azure} takes nothing but the agent. Pacemaker's
 *       {@code score-attribute} rules do exactly this; general rules with node-attribute expressions
 *       ({@code defined}, {@code eq}, {@code lt}, ..., {@code and}/{@code or}) are modelled, date
 *       expressions are not.</li>
 *   <li><b>Location</b> scores per resource and node ({@link #withBan}, {@link #withLocation}); a
 *       constraint names a top-level resource or a pattern ({@code !} inverts it).</li>
 *   <li><b>Colocation</b> ({@link #withColocation}): INFINITY means only where the other resource
 *       runs (so nowhere if it is stopped), -INFINITY never there, other scores add to the node where
 *       it runs. Resources that others depend on are placed first. Pacemaker also feeds the dependent's
 *       preferences back into the primary's placement (a finite colocation can pull the primary);
 *       the model does not.</li>
 *   <li><b>Groups</b> (from a CIB): each member is colocated with the one before it.</li>
 *   <li><b>Clones</b> ({@link #withClone}): one instance on every node where the clone may run, at
 *       most {@code clone-max} (default: the number of nodes); the clone runs while one instance does.
 *       Instances are reported under the primitive's id. {@code clone-node-max} above 1 and
 *       globally-unique clones are not modelled.</li>
 *   <li><b>Promotable clones</b> ({@link #withPromotableClone}): at most one promoted instance, on the
 *       running instance with the highest non-negative promotion score, which is the sum of its
 *       {@code master-<primitive>} node attribute and of the promoted-role location scores; an instance
 *       with neither is never promoted. Pacemaker gets the attribute from the agent; in
 *       {@code crm_simulate}, where no agent runs, only the constraint promotes, as here.</li>
 *   <li><b>The agent's clone</b> ({@link #withAgentClone}) is an ordinary clone; with
 *       {@code allow-unhealthy-nodes} it stays on unhealthy nodes, and its default name matches the
 *       health rule's excluded pattern.</li>
 *   <li><b>Settling</b> runs scheduler passes (each from the placement the last one left) until the
 *       placement stops changing, as repeated {@code crm_simulate -S} runs do; a remote or guest node
 *       started in one pass takes resources in the next.</li>
 * </ul>
 * <p><b>Checked against Pacemaker 2.1.5</b> by the generated-shapes suite ({@link CibShapes}, test
 * {@code CibShapesPacemakerTest}): on 200 generated CIBs the model reads the same node states and
 * running resources as {@code crm_mon}, settles to the same placement as repeated
 * {@code crm_simulate -S} (same nodes, ties included), and forecasts the same outcome of an
 * az-health drain ({@code #health-azure=-1000000}) and of a legacy one ({@code standby=on}). Two
 * Pacemaker behaviours it copies because that suite found them: a remote node never seen in the
 * status section and not connected is unclean while fencing is enabled ({@code startup-fencing});
 * and a remote or guest node takes resources in the very pass that starts its connection or
 * container. One it does not copy, as only the settled result matters: Pacemaker may place
 * resources on a guest node in the transition that starts it even where a location rule will ban
 * them (the node's attributes are not known yet), and moves them off in the next.
 *
 * <p>Not modelled: ordering (it changes when things move, not where they end up), utilization and
 * placement strategies other than the default, failures and migration thresholds, resource sets,
 * bundles, tickets, fencing, quorum. {@link #fromCib} lists what it skipped in {@link #unsupported()}.
 *
 * <p>{@link #view(String)} and the stores' {@code readView()} fill {@link ClusterNode#status()} (kind, maintenance, unclean,
 * shutdown), {@link ClusterNode#runningResources()} (primitive ids, clone instances under the
 * primitive's id, remote and guest connection resources on their host, sorted) and
 * {@link ClusterView#maintenanceMode()}.
 *
 * <p>Thread-safe: every method locks the cluster; stores and forecasts lock it too, so a fenced write
 * is atomic.
 */
public final class InMemoryCluster {

    /** The pattern the default health rule excludes: the agent's resources. */
    public static final String DEFAULT_AGENT_PATTERN = "health-.*";
    /** The attribute the default health rule scores. */
    public static final String HEALTH_AZURE = "#health-azure";
    /** What forecasts of this model say answered them. */
    public static final String FORECAST_SOURCE = "in-memory model";

    private final ClusterModel model;
    private long epoch = 1;
    private int writes;
    private int reads;
    private int forecasts;
    private RuntimeException nextWriteFailure;
    private String forecastFailure;

    private InMemoryCluster(ClusterModel model) {
        this.model = model;
    }

    /**
     * A cluster of member nodes {@code names}, all online, no attributes, no resources; its health
     * strategy is {@code custom} (set the property {@code node-health-strategy} to change it) and its
     * resource stickiness 1.
     *
     * @param names the member nodes' names, valid node names, in node order; none for a cluster
     *              without nodes; a name given twice counts once
     * @return a new cluster, epoch 1, not settled (there is nothing to place)
     */
    public static InMemoryCluster of(String... names) {
        ClusterModel m = new ClusterModel();
        for (String n : names) {
            m.nodes.put(n, new ClusterModel.Node(n, NodeKind.MEMBER, null));
        }
        return new InMemoryCluster(m);
    }

    /**
     * The cluster a CIB describes (the output of {@code cibadmin --query}, or a file for
     * {@code crm_simulate}): nodes and their attributes, cluster properties and azevents claims (as
     * the Pacemaker adapter stores them, in {@code crm_config} sets {@code azevents-claim-<id>}),
     * primitives, groups, clones and promotable clones, remote and guest nodes, location constraints
     * with a score or a rule, colocations; from the status section, membership, transient attributes,
     * pending operations and, from the resource history, what runs where. Nothing is settled: call
     * {@link #settle()} for the model's own placement. What could not be modelled is in
     * {@link #unsupported()}. DTDs and external entities are refused.
     *
     * @param xml the CIB as XML text; not null
     * @return a new cluster whose epoch is the CIB's {@code epoch} attribute (1 if it has none or an
     *     unreadable one)
     * @throws NullPointerException     if {@code xml} is null
     * @throws IllegalArgumentException if {@code xml} is not a CIB
     */
    public static InMemoryCluster fromCib(String xml) {
        InMemoryCluster c = new InMemoryCluster(CibModelReader.read(Objects.requireNonNull(xml, "xml")));
        String e = CibModelReader.parse(xml).getDocumentElement().getAttribute("epoch");
        try {
            c.epoch = e.isEmpty() ? 1 : Long.parseLong(e.trim());
        } catch (NumberFormatException ex) {
            c.epoch = 1;
        }
        return c;
    }

    // ------------------------------------------------------------------------- configuration

    /**
     * Sets the permanent attribute {@code #health-azure=0} on every node there is now, as
     * administrators do when installing the agent. Does not settle, nor raise the epoch.
     *
     * @return this cluster
     */
    public synchronized InMemoryCluster withHealthInitialised() {
        model.nodes.values().forEach(d -> d.attributes.put(HEALTH_AZURE, "0"));
        return this;
    }

    /**
     * Adds the az-health location rule ({@code loc_azure_health}): every resource whose top-level id
     * has no match of {@value #DEFAULT_AGENT_PATTERN} scores a node by its {@code #health-azure}, and
     * cannot run on a node without it. Does not settle.
     *
     * @return this cluster
     */
    public InMemoryCluster withHealthRule() {
        return withHealthRule(HEALTH_AZURE, DEFAULT_AGENT_PATTERN);
    }

    /**
     * Adds a health rule scoring nodes by {@code attribute} for every top-level resource whose id has
     * no match of the regular expression {@code excludedPattern} (Pacemaker: {@code rsc-pattern="!<pattern>"}
     * with {@code score-attribute}). Does not settle.
     *
     * @param attribute       the node attribute whose value is the score, for example
     *                        {@value #HEALTH_AZURE}; a node without it gets -INFINITY
     * @param excludedPattern a Java regular expression; resources whose top-level id contains a
     *                        match are exempt (for example {@value #DEFAULT_AGENT_PATTERN})
     * @return this cluster
     */
    public synchronized InMemoryCluster withHealthRule(String attribute, String excludedPattern) {
        model.locations.add(new ClusterModel.Location("loc_azure_health",
                ClusterModel.Selector.pattern("!" + excludedPattern), null, 0,
                new ClusterModel.Rule(null, attribute, false,
                        List.of(new ClusterModel.Expr("#uname", "defined", null, ""))), false));
        return this;
    }

    /**
     * Adds a primitive that prefers {@code preferredNode} (location score 100), and settles.
     *
     * @param id            the new resource's id
     * @param preferredNode the node it prefers; it runs elsewhere when it cannot run there
     * @return this cluster
     * @throws NullPointerException     if {@code preferredNode} is null
     * @throws IllegalArgumentException if {@code preferredNode} is not a node of the cluster, or a
     *                                  resource {@code id} exists already
     */
    public synchronized InMemoryCluster withResource(String id, String preferredNode) {
        requireNode(preferredNode);
        addResource(new ClusterModel.Rsc(id, id, ClusterModel.Kind.PRIMITIVE, false, false, 0, null, false, null,
                null));
        model.locations.add(new ClusterModel.Location("prefer-" + id, ClusterModel.Selector.id(id), preferredNode,
                100, null, false));
        settle();
        return this;
    }

    /**
     * Adds a primitive with no preference. Does not settle.
     *
     * @param id the new resource's id
     * @return this cluster
     * @throws IllegalArgumentException if a resource {@code id} exists already
     */
    public synchronized InMemoryCluster withPrimitive(String id) {
        addResource(new ClusterModel.Rsc(id, id, ClusterModel.Kind.PRIMITIVE, false, false, 0, null, false, null,
                null));
        return this;
    }

    /**
     * Resource {@code resource} never runs on {@code node} (location -INFINITY). Does not settle.
     *
     * @param resource a top-level resource id (a primitive, or a clone's id); it need not exist yet
     * @param node     the node it is banned from
     * @return this cluster
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public InMemoryCluster withBan(String resource, String node) {
        return withLocation(resource, node, -ClusterNode.INFINITY);
    }

    /**
     * Adds a location score for {@code resource} on {@code node}. Does not settle.
     *
     * @param resource a top-level resource id (a primitive, or a clone's id); it need not exist yet
     * @param node     the node the score applies to
     * @param score    the score, added to the resource's other scores there; a negative score bans,
     *                 ±{@link ClusterNode#INFINITY} is infinite
     * @return this cluster
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized InMemoryCluster withLocation(String resource, String node, long score) {
        requireNode(node);
        model.locations.add(new ClusterModel.Location("loc-" + resource + "-" + node,
                ClusterModel.Selector.id(resource), node, score, null, false));
        return this;
    }

    /**
     * {@code resource} runs only where {@code withResource} runs (colocation INFINITY), so nowhere
     * while {@code withResource} is stopped. Does not settle.
     *
     * @param resource     the dependent resource's top-level id; it need not exist yet
     * @param withResource the resource it follows, by top-level id; it need not exist yet
     * @return this cluster
     */
    public synchronized InMemoryCluster withColocation(String resource, String withResource) {
        model.colocations.add(new ClusterModel.Colocation(resource + "-with-" + withResource, resource,
                withResource, ClusterNode.INFINITY, false));
        return this;
    }

    /**
     * Adds a clone {@code cloneId} of primitive {@code primitiveId}: one instance per eligible node.
     * Does not settle.
     *
     * @param cloneId     the clone's id, which constraints name
     * @param primitiveId the primitive's id, under which its instances are reported
     * @return this cluster
     * @throws IllegalArgumentException if a resource {@code primitiveId} exists already
     */
    public synchronized InMemoryCluster withClone(String cloneId, String primitiveId) {
        addResource(new ClusterModel.Rsc(primitiveId, cloneId, ClusterModel.Kind.CLONE, false, false, 0, null,
                false, null, null));
        return this;
    }

    /**
     * Adds a promotable clone whose instance on {@code preferredPromotedNode} is promoted when it runs
     * (a promoted-role location of 100 there); no other instance is promoted. Does not settle.
     *
     * @param cloneId               the clone's id, which constraints name
     * @param primitiveId           the primitive's id, under which its instances are reported
     * @param preferredPromotedNode the node whose instance is promoted while it runs there
     * @return this cluster
     * @throws NullPointerException     if {@code preferredPromotedNode} is null
     * @throws IllegalArgumentException if {@code preferredPromotedNode} is not a node of the
     *                                  cluster, or a resource {@code primitiveId} exists already
     */
    public synchronized InMemoryCluster withPromotableClone(String cloneId, String primitiveId,
                                                            String preferredPromotedNode) {
        requireNode(preferredPromotedNode);
        addResource(new ClusterModel.Rsc(primitiveId, cloneId, ClusterModel.Kind.CLONE, true, false, 0, null,
                false, null, null));
        model.locations.add(new ClusterModel.Location("prefer-promoted-" + cloneId, ClusterModel.Selector.id(cloneId),
                preferredPromotedNode, 100, null, true));
        return this;
    }

    /**
     * Adds the agent's clone: clone {@code cloneId} of {@code primitiveId}, with or without the meta
     * attribute {@code allow-unhealthy-nodes=true}. Does not settle.
     *
     * @param cloneId             the clone's id, for example {@code health-azure-events-cln}
     * @param primitiveId         the primitive's id, under which its instances are reported, for
     *                            example {@code health-azure-events}
     * @param allowUnhealthyNodes true to set {@code allow-unhealthy-nodes=true}, so that the clone
     *                            stays on nodes of negative health
     * @return this cluster
     * @throws IllegalArgumentException if a resource {@code primitiveId} exists already
     */
    public synchronized InMemoryCluster withAgentClone(String cloneId, String primitiveId,
                                                       boolean allowUnhealthyNodes) {
        addResource(new ClusterModel.Rsc(primitiveId, cloneId, ClusterModel.Kind.CLONE, false, allowUnhealthyNodes,
                0, null, false, null, null));
        return this;
    }

    /**
     * Adds a Pacemaker Remote node {@code name} and its connection resource (also {@code name}), after
     * the nodes there are. The node is up once {@link #settle()} runs its connection on a member.
     *
     * @param name the new node's name, also its connection resource's id
     * @return this cluster
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if a node or a resource {@code name} exists already
     */
    public synchronized InMemoryCluster withRemoteNode(String name) {
        requireNewNode(name);
        addResource(new ClusterModel.Rsc(name, name, ClusterModel.Kind.REMOTE_CONNECTION, false, false, 0, null,
                false, null, null));
        model.nodes.put(name, new ClusterModel.Node(name, NodeKind.REMOTE, name));
        return this;
    }

    /**
     * Adds a guest node {@code name} that runs inside a new resource {@code containerId} (meta
     * {@code remote-node}), after the nodes there are. The node is up once {@link #settle()} runs its
     * container on a member.
     *
     * @param name        the new node's name
     * @param containerId the id of the new container resource (a VM resource, in Pacemaker)
     * @return this cluster
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if a node {@code name} or a resource {@code containerId}
     *                                  exists already
     */
    public synchronized InMemoryCluster withGuestNode(String name, String containerId) {
        requireNewNode(name);
        addResource(new ClusterModel.Rsc(containerId, containerId, ClusterModel.Kind.GUEST_CONTAINER, false, false,
                0, null, false, name, null));
        model.nodes.put(name, new ClusterModel.Node(name, NodeKind.GUEST, containerId));
        return this;
    }

    /**
     * Sets the stickiness of resources that set none (default 1 for {@link #of};
     * {@code rsc_defaults} for a CIB). Does not settle.
     *
     * @param stickiness the score a resource gets on the node it runs on; 0 for none
     * @return this cluster
     */
    public synchronized InMemoryCluster withStickiness(long stickiness) {
        model.defaultStickiness = stickiness;
        return this;
    }

    private void addResource(ClusterModel.Rsc r) {
        if (model.resource(r.id()).isPresent() || model.resources.stream().anyMatch(x -> x.top().equals(r.id()))) {
            throw new IllegalArgumentException("a resource " + r.id() + " exists already");
        }
        model.resources.add(r);
    }

    // ------------------------------------------------------------------------- administration

    /**
     * The store as seen from {@code localNode}: what an agent on that node uses. Its writes, fenced
     * writes, claims and drain forecasts act on this cluster under its lock; forecasts are made with
     * this model ({@value #FORECAST_SOURCE}) and never throw.
     *
     * @param localNode the node the store runs on
     * @return a new store, thread-safe
     * @throws NullPointerException     if {@code localNode} is null
     * @throws IllegalArgumentException if {@code localNode} is not a node of the cluster
     */
    public ClusterAttributeStore store(String localNode) {
        requireNode(localNode);
        return new Store(localNode);
    }

    /**
     * Every node's name.
     *
     * @return the names in node order: members first (in the order given, or the CIB's), then
     *     remote and guest nodes (in the order added, or of the CIB's resources); empty for a cluster
     *     without nodes
     */
    public synchronized List<String> nodeNames() {
        return List.copyOf(model.nodes.keySet());
    }

    /**
     * A member joins or leaves the membership cleanly (leaving also ends an unclean state); for a
     * remote or guest node, whether it can be reached at all. Does not settle.
     *
     * @param node   the node
     * @param online true to join (or make reachable), false to leave cleanly
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized void setOnline(String node, boolean online) {
        ClusterModel.Node d = requireNode(node);
        d.online = online;
        if (online) {
            d.unclean = false;
        }
    }

    /**
     * A member fails ({@code true}: offline, what it ran still counted there until {@link #fence}) or
     * is known clean again. Does not settle.
     *
     * @param node    the member
     * @param unclean true to make it fail (and go offline); false to mark it clean, leaving it offline
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a member node of the cluster
     */
    public synchronized void setUnclean(String node, boolean unclean) {
        ClusterModel.Node d = requireMember(node);
        d.unclean = unclean;
        if (unclean) {
            d.online = false;
        }
    }

    /**
     * Fences a node: a member is then offline and clean, and runs nothing; a remote node is clean
     * (and up again once its connection runs). Does not settle.
     *
     * @param node the node to fence
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized void fence(String node) {
        ClusterModel.Node d = requireNode(node);
        d.unclean = false;
        if (d.kind == NodeKind.MEMBER) {
            d.online = false;
        }
    }

    /**
     * The node is shutting down its cluster stack (it takes nothing), or no longer. Does not settle.
     *
     * @param node     the node
     * @param shutdown true while it shuts down
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized void setShutdown(String node, boolean shutdown) {
        requireNode(node).shutdown = shutdown;
    }

    /**
     * Sets how many resource operations are in flight on {@code node}; views report them only while
     * the node is online.
     *
     * @param node  the node
     * @param count the number of operations in flight; 0 for an idle node
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized void setPendingOperations(String node, int count) {
        requireNode(node).pending = count;
    }

    /**
     * Sets (or with null removes) a permanent node attribute directly, as an administrator would.
     * Raises the epoch but does not count as an agent write. Does not settle.
     *
     * @param node  the node
     * @param name  the attribute's name, for example {@value #HEALTH_AZURE} or {@code standby}
     * @param value the new value; null to remove it
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized void setAttribute(String node, String name, String value) {
        if (value == null) {
            requireNode(node).attributes.remove(name);
        } else {
            requireNode(node).attributes.put(name, value);
        }
        epoch++;
    }

    /**
     * Sets (or with null removes) a transient node attribute, which Pacemaker prefers to the
     * permanent one. Transient attributes live in the status section, so the epoch does not change.
     * Does not settle.
     *
     * @param node  the node
     * @param name  the attribute's name
     * @param value the new value; null to remove it
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized void setTransientAttribute(String node, String name, String value) {
        if (value == null) {
            requireNode(node).transientAttributes.remove(name);
        } else {
            requireNode(node).transientAttributes.put(name, value);
        }
    }

    /**
     * Sets (or with null removes) a cluster property directly, as an administrator would. Raises the
     * epoch but does not count as an agent write. Does not settle.
     *
     * @param name  the property's name, for example {@code node-health-strategy}
     * @param value the new value; null to remove it
     */
    public synchronized void setProperty(String name, String value) {
        if (value == null) {
            model.properties.remove(name);
        } else {
            model.properties.put(name, value);
        }
        epoch++;
    }

    /**
     * Sets the cluster property {@code maintenance-mode}. Does not settle.
     *
     * @param on true to set it to {@code true}; false to remove it
     */
    public void setMaintenanceMode(boolean on) {
        setProperty(Pacemaker.MAINTENANCE_MODE, on ? "true" : null);
    }

    /**
     * A permanent node attribute (transient ones are in {@link #view(String)}).
     *
     * @param node the node
     * @param name the attribute's name
     * @return its value; empty if not set
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized Optional<String> attribute(String node, String name) {
        return Optional.ofNullable(requireNode(node).attributes.get(name));
    }

    /**
     * A cluster property.
     *
     * @param name the property's name
     * @return its value; empty if not set
     */
    public synchronized Optional<String> property(String name) {
        return Optional.ofNullable(model.properties.get(name));
    }

    /**
     * The claims the cluster holds, expired ones included.
     *
     * @return an immutable copy, by claim id; empty if none
     */
    public synchronized Map<String, Claim> claims() {
        return Map.copyOf(model.claims);
    }

    /**
     * Adds or replaces a claim as if another node had written it (for expiry tests), without the
     * test-and-set of {@code tryAcquire} and without raising the epoch.
     *
     * @param claim the claim, stored under its id; not null
     * @throws NullPointerException if {@code claim} is null
     */
    public synchronized void putClaim(Claim claim) {
        model.claims.put(claim.id(), claim);
    }

    /**
     * The configuration epoch, which views report as their version.
     *
     * @return the epoch: 1 (or the CIB's) at first, +1 per transaction that changed something
     */
    public synchronized long epoch() {
        return epoch;
    }

    /**
     * How many write transactions through the stores changed something (claims and direct
     * administration not counted).
     *
     * @return the count since construction; 0 if none
     */
    public synchronized int writes() {
        return writes;
    }

    /**
     * How many views were read through the stores' {@code readView()} ({@link #view(String)} not
     * counted).
     *
     * @return the count since construction; 0 if none
     */
    public synchronized int reads() {
        return reads;
    }

    /**
     * How many drain forecasts were asked of the stores, failed ones included.
     *
     * @return the count since construction; 0 if none
     */
    public synchronized int forecasts() {
        return forecasts;
    }

    /**
     * Makes the next write through a store (plain, or fenced with a valid claim) throw {@code e},
     * changing nothing; the writes after it work again. Claims are not affected.
     *
     * @param e the exception to throw, typically a {@link ClusterStoreException}; null to cancel a
     *          failure not yet thrown
     */
    public synchronized void failNextWrite(RuntimeException e) {
        nextWriteFailure = e;
    }

    /**
     * Makes every forecast fail ({@link DrainForecast#failed}) saying {@code why}, as a scheduler that
     * cannot be run would; null makes them answer again.
     *
     * @param why the reason the failed forecasts give; null to clear
     */
    public synchronized void failForecasts(String why) {
        forecastFailure = why;
    }

    /**
     * What {@link #fromCib} read but could not model.
     *
     * @return one line each, in the order found; empty for clusters built in code and CIBs fully
     *     modelled
     */
    public synchronized List<String> unsupported() {
        return List.copyOf(model.unsupported);
    }

    // ------------------------------------------------------------------------- placement

    /**
     * One node resource {@code id} is placed on, whatever that node's state.
     *
     * @param id a primitive's id (for a clone, its primitive's id)
     * @return the node, the first in node order for a clone; empty if it is placed nowhere or there
     *     is no such resource
     */
    public synchronized Optional<String> location(String id) {
        Map<String, ClusterModel.Role> where = model.placement.getOrDefault(id, Map.of());
        return model.nodes.keySet().stream().filter(where::containsKey).findFirst();
    }

    /**
     * Every node resource {@code id} is counted as running on (see the views for what counts).
     *
     * @param id a primitive's id (for a clone, its primitive's id)
     * @return an unmodifiable set, sorted by name; empty if it runs nowhere or there is no such
     *     resource
     */
    public synchronized Set<String> nodesOf(String id) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(model.toPlacement().nodesOf(id)));
    }

    /**
     * The node where a promotable clone is promoted.
     *
     * @param id the promotable clone's primitive id
     * @return the node; empty if no instance is promoted, or {@code id} is not a promotable clone's
     */
    public synchronized Optional<String> promotedOn(String id) {
        return model.toPlacement().promoted().getOrDefault(id, Set.of()).stream().findFirst();
    }

    /**
     * What runs where now, with promoted instances, as a forecast reports it.
     *
     * @return the current placement (not settled first), on the nodes whose resources count
     */
    public synchronized Placement placement() {
        return model.toPlacement();
    }

    /**
     * The resources placed on {@code node}, whatever the node's state (see the views for what counts
     * as running).
     *
     * @param node the node
     * @return the primitive ids (clone instances under their primitive's id), sorted; empty if none
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster
     */
    public synchronized List<String> resourcesOn(String node) {
        requireNode(node);
        return model.rawOn(node);
    }

    /**
     * Lets the cluster react, as the scheduler would, until nothing moves (see the class documentation).
     * Call it between cycles.
     *
     * @return the scheduler passes it took
     */
    public synchronized int settle() {
        return model.settle();
    }

    /**
     * A snapshot of the whole cluster as node {@code localNode} would read it, without counting a
     * read. Nothing is settled first.
     *
     * @param localNode the reading node's name; any valid node name, not necessarily one of the
     *                  cluster's
     * @return the view: every node in node order, the properties and claims, and the epoch as its
     *     version
     * @throws NullPointerException     if {@code localNode} is null
     * @throws IllegalArgumentException if {@code localNode} is not a valid node name
     */
    public synchronized ClusterView view(String localNode) {
        ClusterModel.Conditions c = model.conditions();
        List<ClusterNode> list = new ArrayList<>();
        for (ClusterModel.Node d : model.nodes.values()) {
            boolean online = c.up.contains(d.name);
            list.add(new ClusterNode(d.name, online, ClusterModel.standby(d), d.attributes, d.transientAttributes,
                    model.runningOn(d.name, c), online ? d.pending : 0,
                    new NodeStatus(d.kind, ClusterModel.maintenance(d), d.unclean, d.shutdown)));
        }
        return new ClusterView(localNode, list, model.properties, model.claims, Long.toString(epoch));
    }

    private ClusterModel.Node requireNode(String node) {
        ClusterModel.Node d = model.nodes.get(Objects.requireNonNull(node, "node"));
        if (d == null) {
            throw new IllegalArgumentException("no node " + node + " in " + model.nodes.keySet());
        }
        return d;
    }

    private ClusterModel.Node requireMember(String node) {
        ClusterModel.Node d = requireNode(node);
        if (d.kind != NodeKind.MEMBER) {
            throw new IllegalArgumentException(node + " is a " + d.kind + " node, not a member");
        }
        return d;
    }

    private void requireNewNode(String node) {
        if (model.nodes.containsKey(Objects.requireNonNull(node, "node"))) {
            throw new IllegalArgumentException("node " + node + " exists already");
        }
    }

    private synchronized void write(List<AttributeUpdate> updates) {
        if (nextWriteFailure != null) {
            RuntimeException e = nextWriteFailure;
            nextWriteFailure = null;
            throw e;
        }
        if (apply(model, updates)) {
            epoch++;
            writes++;
        }
    }

    /** Applies {@code updates} to {@code m} as one transaction; true if anything changed. */
    private static boolean apply(ClusterModel m, List<AttributeUpdate> updates) {
        for (AttributeUpdate u : updates) {
            if (u.node().isPresent() && !m.nodes.containsKey(u.node().get())) {
                throw new ClusterStoreException("cannot write " + u + ": no node " + u.node().get());
            }
        }
        boolean changed = false;
        for (AttributeUpdate u : updates) {
            Map<String, String> target = u.node().map(n -> m.nodes.get(n).attributes).orElse(m.properties);
            String before = u.value().isPresent() ? target.put(u.name(), u.value().get()) : target.remove(u.name());
            changed |= !Objects.equals(before, u.value().orElse(null));
        }
        return changed;
    }

    private synchronized DrainForecast forecast(List<AttributeUpdate> drain) {
        forecasts++;
        if (forecastFailure != null) {
            return DrainForecast.failed(forecastFailure);
        }
        try {
            ClusterModel copy = model.copy();
            copy.settle();
            Placement baseline = copy.toPlacement();
            apply(copy, drain);
            copy.settle();
            return DrainForecast.of(baseline, copy.toPlacement(), FORECAST_SOURCE);
        } catch (RuntimeException e) {
            return DrainForecast.failed(FORECAST_SOURCE + " could not forecast: " + e.getMessage());
        }
    }

    /** A store on one node. Thread-safe: every call locks the cluster. */
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

        /** Checks the claim and writes under the cluster's lock: one transaction, as the CIB patch is. */
        @Override
        public boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
            Objects.requireNonNull(fence, "fence");
            Objects.requireNonNull(now, "now");
            List<AttributeUpdate> copy = List.copyOf(updates);
            synchronized (InMemoryCluster.this) {
                if (fence.expiredAt(now) || !fence.equals(model.claims.get(fence.id()))) {
                    return false;
                }
                InMemoryCluster.this.write(copy);
                return true;
            }
        }

        /**
         * Settles a copy of the model as it is (the baseline), applies {@code drain} to it and settles
         * again (drained): the same placement code as {@link InMemoryCluster#settle()}. The view is not
         * read: the model is the cluster. Never throws.
         */
        @Override
        public DrainForecast forecastDrain(ClusterView view, List<AttributeUpdate> drain) {
            try {
                return forecast(List.copyOf(drain));
            } catch (RuntimeException e) {
                return DrainForecast.failed(FORECAST_SOURCE + " could not forecast: " + e);
            }
        }

        @Override
        public boolean tryAcquire(Claim claim) {
            synchronized (InMemoryCluster.this) {
                if (model.claims.containsKey(claim.id())) {
                    return false;
                }
                model.claims.put(claim.id(), claim);
                epoch++;
                return true;
            }
        }

        @Override
        public boolean release(Claim claim) {
            synchronized (InMemoryCluster.this) {
                if (!claim.equals(model.claims.get(claim.id()))) {
                    return false;
                }
                model.claims.remove(claim.id());
                epoch++;
                return true;
            }
        }
    }
}
