package io.azevents.core.safety;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The questions no strategy answers on its own, asked of one view: who can take a node's resources
 * over, is a node empty, and would a drain leave anything without a place. Remote and guest nodes
 * are nodes like the others (they run resources); pending operations count as work; the agent's own
 * resource is excepted from a node's work when the strategy keeps the agent running on a drained node.
 *
 * <p>Policy: a peer can take resources over only if the scheduler could place resources on it at all
 * (online, clean, not shutting down, not in standby, not in maintenance, healthy, every attribute the
 * location rules require present), the cluster is not in maintenance mode, and its own agent has not
 * drained it for its own event (its record says STOPPING or IN_EVENT). A peer that merely has an event
 * of its own still counts: the drain claim or pull lock serialises the two drains, and the second one
 * reads the first. Whether the resources themselves could move (constraints, colocations, clones) is
 * the scheduler's question: {@link #refusal} judges its {@link DrainForecast}.
 *
 * <p>Immutable; thread-safe.
 */
public final class ClusterSafety {
    /** What becomes of the agent's own resource on a node it drains. */
    public enum AgentOnDrainedNode {
        /** It must keep running there (az-health: it brings its node back itself). */
        STAYS,
        /** It stops with everything else (legacy: standby); its peers bring the node back. */
        STOPS
    }

    private final ClusterView view;
    private final AgentAttributes names;
    private final Predicate<String> agentResource;
    private final List<String> requiredAttributes;

    /**
     * The safety questions asked of {@code view}.
     *
     * @param view               the cluster as read
     * @param names              the agent's attribute names, to read each node's record
     * @param agentResource      true for the id of the agent's own resource (excepted from a node's work)
     * @param requiredAttributes node attributes a location rule needs before anything may run on a node
     *                           (az-health: {@code #health-azure}); copied; may be empty
     * @throws NullPointerException if an argument is null or {@code requiredAttributes} holds null
     */
    public ClusterSafety(ClusterView view, AgentAttributes names, Predicate<String> agentResource,
                         List<String> requiredAttributes) {
        this.view = Objects.requireNonNull(view, "view");
        this.names = Objects.requireNonNull(names, "names");
        this.agentResource = Objects.requireNonNull(agentResource, "agentResource");
        this.requiredAttributes = List.copyOf(requiredAttributes);
    }

    /**
     * The view asked.
     *
     * @return the view this instance was built on
     */
    public ClusterView view() {
        return view;
    }

    /**
     * What {@code n}'s agent recorded.
     *
     * @param n a node of the view
     * @return its record, read under this agent's attribute names
     */
    public NodeRecord record(ClusterNode n) {
        return NodeRecord.read(n, names);
    }

    /**
     * What still runs on {@code n}: its active resources other than the agent's own, sorted, and its
     * pending operations. Pacemaker's answer: resources on an unclean node count until it is fenced.
     *
     * @param n a node of the view
     * @return a new list: the resource ids, then one line counting the pending operations if there
     *     are any; empty if the node is empty
     */
    public List<String> work(ClusterNode n) {
        List<String> work = new ArrayList<>();
        n.runningResources().stream().filter(agentResource.negate()).sorted().forEach(work::add);
        if (n.pendingOperations() > 0) {
            work.add(n.pendingOperations() + " pending operation(s)");
        }
        return work;
    }

    /**
     * True if nothing but the agent runs on {@code n} and no operation is pending there.
     *
     * @param n a node of the view
     * @return true if {@link #work(ClusterNode)} is empty
     */
    public boolean empty(ClusterNode n) {
        return work(n).isEmpty();
    }

    /**
     * Why {@code n} could not take resources over from a drained node; empty if it could.
     *
     * @param n a node of the view
     * @return the first reason found, in an administrator's words; empty if it could take them
     */
    public Optional<String> whyNotTaker(ClusterNode n) {
        if (view.maintenanceMode()) {
            return Optional.of("the cluster is in maintenance mode (maintenance-mode=true): nothing would move");
        }
        String name = n.name();
        if (n.status().unclean()) {
            return Optional.of(name + " is unclean (awaiting fencing)");
        }
        if (!n.online()) {
            return Optional.of(name + " is offline");
        }
        if (n.status().shutdown()) {
            return Optional.of(name + " is shutting down");
        }
        if (n.standby()) {
            return Optional.of(name + " is in standby");
        }
        if (n.status().maintenance()) {
            return Optional.of(name + " is in maintenance");
        }
        for (String a : requiredAttributes) {
            if (n.attribute(a).isEmpty()) {
                return Optional.of(name + " has no " + a + " attribute, so the location rule keeps every "
                        + "resource off it");
            }
        }
        if (!n.healthy()) {
            return Optional.of(name + " is unhealthy");
        }
        NodeRecord r = record(n);
        if (r.draining()) {
            return Optional.of(name + " is draining for its own event (" + r.current() + ")");
        }
        return Optional.empty();
    }

    /**
     * Which other nodes could take {@code node}'s resources, and why the rest could not. A remote or
     * guest node whose connection or container runs on {@code node} goes with its drain, so it takes
     * nothing over from it.
     *
     * @param node the name of the node to be drained; a name the view lacks makes every node a candidate
     * @return the nodes that could, in view order, and one reason per node that could not
     */
    public Takers takers(String node) {
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        List<String> hosted = view.node(node).map(ClusterNode::runningResources).orElse(List.of());
        for (ClusterNode n : view.nodes()) {
            if (n.name().equals(node)) {
                continue;
            }
            Optional<String> why = whyNotTaker(n);
            if (why.isEmpty() && n.remote()) {
                String provider = n.status().providedBy().orElse(n.status().kind() == io.azevents.core.NodeKind.REMOTE
                        ? n.name() : "");
                if (hosted.contains(provider)) {
                    why = Optional.of(n.name() + " runs through " + provider + ", which runs on " + node
                            + " and would go with its drain");
                }
            }
            why.ifPresentOrElse(no::add, () -> yes.add(n.name()));
        }
        return new Takers(yes, no);
    }

    /**
     * Why draining {@code node} must not go ahead on the scheduler's {@code forecast}; empty if it may.
     * Refused when the scheduler failed, when anything that runs would have no place left, and (for
     * {@link AgentOnDrainedNode#STAYS}) when the drain would stop the agent itself on {@code node}.
     * An unknown forecast (no scheduler) refuses nothing: the caller has checked {@link #takers}.
     *
     * @param node     the name of the node to be drained
     * @param forecast the scheduler's answer for that drain
     * @param agent    what becomes of the agent's own resource on the drained node
     * @return why the drain must not go ahead, in an administrator's words; empty if it may
     */
    public Optional<String> refusal(String node, DrainForecast forecast, AgentOnDrainedNode agent) {
        if (forecast.failed()) {
            return Optional.of("the scheduler could not be asked what the drain would do (" + forecast.source()
                    + "); not draining on a guess");
        }
        if (!forecast.known()) {
            return Optional.empty();
        }
        List<String> stranded = forecast.stranded();
        if (!stranded.isEmpty()) {
            return Optional.of("the scheduler (" + forecast.source() + ") would find no other place for "
                    + String.join(", ", stranded) + " if " + node + " were drained: constraints, or no node "
                    + "able to run them");
        }
        if (agent == AgentOnDrainedNode.STAYS && forecast.stops(agentResource, node)) {
            return Optional.of("the drain would stop the agent itself on " + node + ", which then could never "
                    + "bring it back (its clone needs the meta attribute allow-unhealthy-nodes=true)");
        }
        return Optional.empty();
    }

    /**
     * The nodes that could take resources over, and why the others could not.
     *
     * @param nodes   names of the nodes that could
     * @param reasons one line per node that could not
     */
    public record Takers(List<String> nodes, List<String> reasons) {
        /**
         * Copies the lists.
         *
         * @param nodes   names of the nodes that could; copied
         * @param reasons one line per node that could not; copied
         * @throws NullPointerException if a list is null or holds null
         */
        public Takers {
            nodes = List.copyOf(nodes);
            reasons = List.copyOf(reasons);
        }

        /**
         * True if no node could.
         *
         * @return true if {@link #nodes()} is empty
         */
        public boolean none() {
            return nodes.isEmpty();
        }
    }
}
