package io.azevents.legacy.internal;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Decision;
import io.azevents.core.DrainForecast;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.safety.ClusterSafety;
import io.azevents.core.safety.EventWords;
import io.azevents.core.safety.NodeRecord;
import io.azevents.core.safety.VmDirectory;
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
        VmDirectory vms = VmDirectory.read(view, in.vmName());
        warnings.addAll(vms.problems());
        // Standby stops everything on a drained node, the agent included: every resource is work.
        ClusterSafety safety = new ClusterSafety(view, LegacyAttributes.NAMES, r -> false, List.of());
        Map<String, NodeRecord> records = new TreeMap<>();
        for (ClusterNode n : view.nodes()) {
            NodeRecord r = safety.record(n);
            records.put(n.name(), r);
            warnings.addAll(r.problems());
        }
        List<String> unmapped = vms.unmappedNodes();

        in.document().quarantined().forEach(q -> b.note("event " + q.rawId() + " failed validation and is "
                + "quarantined (" + q.reason() + "): it is neither drained for nor approved; the document's other "
                + "events count as usual"));
        // Which relevant events name which node, and which events may start now.
        Map<String, Set<String>> live = new TreeMap<>();
        Set<String> approvals = new TreeSet<>();
        for (ScheduledEvent e : in.document().events()) {
            if (!eventTypes.contains(e.type())) {
                b.note("ignored: " + e.type() + " " + e.id() + " (not in eventTypes " + new TreeSet<>(
                        eventTypes.stream().map(EventType::value).toList()) + ")");
                continue;
            }
            VmDirectory.Resolution named = vms.resolve(e);
            Set<String> nodes = named.nodes();
            b.note(describe(e, nodes, in.now()));
            nodes.forEach(n -> live.computeIfAbsent(n, k -> new TreeSet<>()).add(e.id()));
            if (e.status().equals(EventStatus.SCHEDULED) && !nodes.isEmpty()) {
                List<String> notReady = new ArrayList<>(nodes.stream()
                        .filter(n -> !drainedAndIdle(view.node(n).orElseThrow(), records.get(n), safety))
                        .map(n -> n + " not yet drained by the agent, empty and idle").toList());
                if (!named.unknownVms().isEmpty() && !unmapped.isEmpty()) {
                    notReady.add("VM(s) " + String.join(", ", named.unknownVms()) + " may be "
                            + String.join(", ", unmapped) + ", whose agent has not recorded its VM name yet");
                }
                if (notReady.isEmpty()) {
                    approvals.add(e.id());
                } else {
                    b.note(e.id() + " waits: " + String.join("; ", notReady));
                }
            }
        }

        List<AttributeUpdate> registration = registration(in, localNode.get());
        b.write(registration, "record that this node is VM " + in.vmName() + " (azName, hostName_" + in.vmName()
                + "), as azure-events does, so peers can handle its events");

        ClusterSafety.Takers takers = safety.takers(view.localNode());
        List<AttributeUpdate> changes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        NodeState localCurrent = NodeState.AVAILABLE;
        NodeState localNext = NodeState.AVAILABLE;
        for (ClusterNode n : view.nodes()) {
            Set<String> mine = live.getOrDefault(n.name(), Set.of());
            boolean local = n.name().equals(view.localNode());
            NodeStateMachine.Facts f = new NodeStateMachine.Facts(n.name(), local, records.get(n.name()).state(),
                    n.standby(), new TreeSet<>(records.get(n.name()).pending()), mine, !takers.none(),
                    mine.stream().anyMatch(approvals::contains));
            NodeStateMachine.Step s = NodeStateMachine.next(f);
            if (local && s.standby() == NodeStateMachine.Standby.ON) {
                s = checkDrain(in, safety, f, s, warnings);
            } else if (local && s.next() == NodeState.ON_HOLD && takers.none() && !mine.isEmpty()) {
                b.note("no node can take " + n.name() + "'s resources: " + String.join("; ", takers.reasons()));
            }
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
            if (lock.holder() == PullLock.Holder.OTHER) {
                b.note("the changes above wait until the pull lock is given back or its lease runs out; "
                        + "decided again next cycle");
            }
            return finish(b, localCurrent, warnings);
        }
        if (!approvals.isEmpty()) {
            b.action(new PlannedAction.ApproveEvents(approvals, "every cluster node named by " + approvals
                    + " is in standby set by the agent, runs no resource and has no pending operation: "
                    + "ask Azure to start them now rather than at NotBefore"));
        }
        return finish(b, localNext, warnings);
    }

    /**
     * Asks the scheduler whether putting the local node in standby would leave anything without a
     * place (the pull lock's holder re-reads before writing, so this is asked on the view the drain is
     * written on); a refusal turns the admission into ON_HOLD.
     */
    private static NodeStateMachine.Step checkDrain(CycleInput in, ClusterSafety safety, NodeStateMachine.Facts f,
                                                    NodeStateMachine.Step admitted, Set<String> warnings) {
        DrainForecast forecast = in.forecast(List.of(
                AttributeUpdate.set(f.node(), LegacyAttributes.STANDBY, LegacyAttributes.STANDBY_ON)));
        Optional<String> refusal = safety.refusal(f.node(), forecast, ClusterSafety.AgentOnDrainedNode.STOPS);
        if (refusal.isEmpty()) {
            return admitted;
        }
        if (f.current() != NodeState.ON_HOLD) {
            warnings.add(f.node() + " cannot be drained for " + f.live() + ": " + refusal.get());
        }
        return NodeStateMachine.hold(f, refusal.get());
    }

    private static Decision finish(Decision.Builder b, NodeState state, Set<String> warnings) {
        warnings.forEach(b::warn);
        return b.state(state).build();
    }

    private static boolean drainedAndIdle(ClusterNode n, NodeRecord record, ClusterSafety safety) {
        return record.draining() && n.standby() && safety.empty(n);
    }

    /** One line about an event, with what Azure says of its timing and origin. */
    private static String describe(ScheduledEvent e, Set<String> nodes, java.time.Instant now) {
        StringBuilder b = new StringBuilder().append(e.type()).append(' ').append(e.id())
                .append(" for ").append(nodes.isEmpty() ? "no cluster node" : String.join(", ", nodes))
                .append(" (VMs ").append(String.join(", ", e.resources())).append("): ")
                .append(EventWords.timing(e, now));
        if (!e.description().isBlank()) {
            b.append(", ").append(io.azevents.core.Names.quote(e.description()));
        }
        return b.toString();
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
