package io.azevents.azhealth.internal;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Names;
import io.azevents.core.NodeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What az-health needs to know about the cluster's nodes, read from one view. Immutable. */
final class ClusterFacts {
    private final ClusterView view;
    private final Pattern agentResources;

    ClusterFacts(ClusterView view, Pattern agentResources) {
        this.view = view;
        this.agentResources = agentResources;
    }

    /** The node's state as stored; a missing or unknown value counts as AVAILABLE. */
    static NodeState state(ClusterNode n) {
        return n.permanentAttribute(Keys.STATE).flatMap(NodeState::parse).orElse(NodeState.AVAILABLE);
    }

    /** True if the node's agent has drained it for its own event (STOPPING or IN_EVENT). */
    static boolean draining(ClusterNode n) {
        NodeState s = state(n);
        return s == NodeState.STOPPING || s == NodeState.IN_EVENT;
    }

    /** The pending event ids the node's agent recorded, in their order; invalid entries dropped. */
    static List<String> pending(ClusterNode n) {
        return n.permanentAttribute(Keys.PENDING).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(Names::isEventId).distinct().toList();
    }

    /** True if Pacemaker keeps resources off the node because of {@code #health-azure} (or a transient override). */
    static boolean drainedByHealth(ClusterNode n) {
        return n.healthValue(Keys.HEALTH).orElse(0) < 0;
    }

    /**
     * Why {@code n} could not take resources from a draining node; empty if it could: it must be
     * online, not in standby, have {@code #health-azure} (without it the location rule bans every
     * resource), be healthy, and not be draining for its own event.
     */
    Optional<String> whyNotTaker(ClusterNode n) {
        if (!n.online()) {
            return Optional.of(n.name() + " is offline");
        }
        if (n.standby()) {
            return Optional.of(n.name() + " is in standby");
        }
        if (n.attribute(Keys.HEALTH).isEmpty()) {
            return Optional.of(n.name() + " has no " + Keys.HEALTH + " attribute, so the location rule keeps "
                    + "every resource off it");
        }
        if (!n.healthy()) {
            return Optional.of(n.name() + " is unhealthy (" + Keys.HEALTH + "="
                    + n.attribute(Keys.HEALTH).orElse("?") + ")");
        }
        if (draining(n)) {
            return Optional.of(n.name() + " is draining for its own event (" + state(n) + ")");
        }
        return Optional.empty();
    }

    /** What still runs on {@code n}: resources other than the agent's own, and pending operations. */
    List<String> work(ClusterNode n) {
        List<String> work = new ArrayList<>();
        n.runningResources().stream().filter(r -> !agentResources.matcher(r).matches()).sorted().forEach(work::add);
        if (n.pendingOperations() > 0) {
            work.add(n.pendingOperations() + " pending operation(s)");
        }
        return work;
    }

    /** The cluster node running on VM {@code vm}: by {@code hostName_<vm>}, else by {@code azName}. */
    Optional<ClusterNode> nodeOfVm(String vm) {
        Optional<ClusterNode> byProperty = view.property(Keys.HOST_NAME_PREFIX + vm).flatMap(view::node);
        if (byProperty.isPresent()) {
            return byProperty;
        }
        return view.nodes().stream()
                .filter(n -> n.permanentAttribute(Keys.AZ_NAME).map(vm::equals).orElse(false))
                .findFirst();
    }

    /** Nodes whose VM name nobody recorded yet (their agent has not run): a VM might be theirs. */
    List<String> nodesOfUnknownVm() {
        return view.nodes().stream()
                .filter(n -> n.permanentAttribute(Keys.AZ_NAME).isEmpty()
                        && view.clusterProperties().entrySet().stream().noneMatch(p ->
                        p.getKey().startsWith(Keys.HOST_NAME_PREFIX) && p.getValue().equals(n.name())))
                .map(ClusterNode::name).toList();
    }
}
