package io.azevents.legacy.internal;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Decision;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code legacy-pullstate} strategy (create it through
 * {@code io.azevents.legacy.LegacyPullStateStrategyProvider}). Every node sees every event (an
 * Availability Set); a node drains only itself ({@code standby=on}), and any running agent approves
 * an event once every cluster node it names is drained and idle, and brings a node back once no
 * event names it. Changes go through the {@link PullLock}. Stateless; thread-safe.
 */
public final class LegacyPullStateStrategy implements NodeDrainStrategy {
    private final String name;
    private final Set<EventType> eventTypes;
    private final Duration lease;

    /**
     * @param name       the strategy's name
     * @param eventTypes the event types that count
     * @param lease      how long the pull lock is held before peers may consider it abandoned
     */
    public LegacyPullStateStrategy(String name, Set<EventType> eventTypes, Duration lease) {
        this.name = Objects.requireNonNull(name, "name");
        this.eventTypes = Set.copyOf(eventTypes);
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision decide(CycleInput in) {
        Decision.Builder b = Decision.builder(name, in.localNode());
        ClusterView view = in.view();
        Optional<ClusterNode> localNode = view.node(in.localNode());
        if (localNode.isEmpty()) {
            return b.warn("the local node " + in.localNode() + " is not among the cluster's nodes " + view.names()
                    + "; nothing is decided").build();
        }
        Set<String> warnings = new LinkedHashSet<>();
        ClusterReading reading = new ClusterReading(view, in.vmName(), warnings);

        // Which relevant events name which node, and which events may start now.
        Map<String, Set<String>> live = new TreeMap<>();
        Set<String> approvals = new TreeSet<>();
        for (ScheduledEvent e : in.document().events()) {
            if (!eventTypes.contains(e.type())) {
                b.note("ignored: " + e.type() + " " + e.id() + " (not in eventTypes " + new TreeSet<>(
                        eventTypes.stream().map(EventType::value).toList()) + ")");
                continue;
            }
            Set<String> nodes = reading.nodesOf(e);
            b.note(ClusterReading.describe(e, nodes, in.now()));
            nodes.forEach(n -> live.computeIfAbsent(n, k -> new TreeSet<>()).add(e.id()));
            if (e.status().equals(EventStatus.SCHEDULED) && !nodes.isEmpty()) {
                List<String> notReady = nodes.stream().filter(n -> !drainedAndIdle(view.node(n).orElseThrow(), reading))
                        .toList();
                if (notReady.isEmpty()) {
                    approvals.add(e.id());
                } else {
                    b.note(e.id() + " waits: " + String.join(", ", notReady)
                            + " not yet drained by the agent, empty and idle");
                }
            }
        }

        List<AttributeUpdate> registration = registration(in, localNode.get());
        b.write(registration, "record that this node is VM " + in.vmName() + " (azName, hostName_" + in.vmName()
                + "), as azure-events does, so peers can handle its events");

        boolean peerAvailable = view.peers().stream()
                .anyMatch(p -> p.canRunResources() && !draining(reading.recordedState(p)));
        List<AttributeUpdate> changes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        NodeState localCurrent = NodeState.AVAILABLE;
        NodeState localNext = NodeState.AVAILABLE;
        for (ClusterNode n : view.nodes()) {
            Set<String> mine = live.getOrDefault(n.name(), Set.of());
            boolean local = n.name().equals(view.localNode());
            NodeStateMachine.Facts f = new NodeStateMachine.Facts(n.name(), local, reading.recordedState(n),
                    n.standby(), reading.pending(n), mine, peerAvailable,
                    mine.stream().anyMatch(approvals::contains));
            NodeStateMachine.Step s = NodeStateMachine.next(f);
            if (local) {
                localCurrent = s.from();
                localNext = s.next();
            }
            if (s.changed()) {
                reasons.add(s.reason());
                changes.addAll(updates(s));
                if (local && s.standby() == NodeStateMachine.Standby.ON) {
                    changes.add(AttributeUpdate.set(n.name(), LegacyAttributes.LAST_DOC_VERSION,
                            Long.toString(in.document().incarnation())));
                }
            } else if (!mine.isEmpty() || s.from() != NodeState.AVAILABLE) {
                b.note(s.reason());
            }
        }

        PullLock lock = PullLock.read(view, in.now(), lease);
        if (lock.holder() != PullLock.Holder.NONE) {
            b.note(lock.describe());
        }
        if (changes.isEmpty() && approvals.isEmpty()) {
            if (live.isEmpty()) {
                b.note("no relevant event names a cluster node: nothing to change");
            }
            lock.addRelease(b);
            return finish(b, localCurrent, warnings);
        }
        reasons.forEach(b::note);
        String why = reasons.isEmpty() ? "mark the nodes of the approved events IN_EVENT" : String.join("; ", reasons);
        if (!lock.addTake(b, changes, why)) {
            b.note("the changes above wait until the pull lock is given back or its lease runs out; "
                    + "decided again next cycle");
            return finish(b, localCurrent, warnings);
        }
        if (!approvals.isEmpty()) {
            b.action(new PlannedAction.ApproveEvents(approvals, "every cluster node named by " + approvals
                    + " is in standby set by the agent, runs no resource and has no pending operation: "
                    + "ask Azure to start them now rather than at NotBefore"));
        }
        return finish(b, localNext, warnings);
    }

    private static Decision finish(Decision.Builder b, NodeState state, Set<String> warnings) {
        warnings.forEach(b::warn);
        return b.state(state).build();
    }

    private static boolean draining(Optional<NodeState> s) {
        return s.isPresent() && (s.get() == NodeState.STOPPING || s.get() == NodeState.IN_EVENT);
    }

    private static boolean drainedAndIdle(ClusterNode n, ClusterReading reading) {
        return draining(reading.recordedState(n)) && n.standby() && n.runningResources().isEmpty()
                && n.pendingOperations() == 0;
    }

    private static List<AttributeUpdate> registration(CycleInput in, ClusterNode local) {
        List<AttributeUpdate> u = new ArrayList<>();
        if (!local.permanentAttribute(LegacyAttributes.AZ_NAME).equals(Optional.of(in.vmName()))) {
            u.add(AttributeUpdate.set(local.name(), LegacyAttributes.AZ_NAME, in.vmName()));
        }
        String hostName = LegacyAttributes.HOST_NAME_PREFIX + in.vmName();
        if (!in.view().property(hostName).equals(Optional.of(local.name()))) {
            u.add(AttributeUpdate.setProperty(hostName, local.name()));
        }
        return u;
    }

    private static List<AttributeUpdate> updates(NodeStateMachine.Step s) {
        List<AttributeUpdate> u = new ArrayList<>();
        u.add(AttributeUpdate.set(s.node(), LegacyAttributes.STATE, s.next().name()));
        u.add(s.pending().isEmpty() ? AttributeUpdate.delete(s.node(), LegacyAttributes.PENDING)
                : AttributeUpdate.set(s.node(), LegacyAttributes.PENDING, String.join(",", s.pending())));
        switch (s.standby()) {
            case ON -> u.add(AttributeUpdate.set(s.node(), LegacyAttributes.STANDBY, LegacyAttributes.STANDBY_ON));
            case OFF -> u.add(AttributeUpdate.set(s.node(), LegacyAttributes.STANDBY, LegacyAttributes.STANDBY_OFF));
            case KEEP -> {
                // Not ours to touch.
            }
            default -> throw new IllegalStateException();
        }
        return u;
    }
}
