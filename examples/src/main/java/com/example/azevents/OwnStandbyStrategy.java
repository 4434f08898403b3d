package com.example.azevents;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Decision;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.QuarantinedEvent;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.safety.AgentAttributes;
import io.azevents.core.safety.ClusterSafety;
import io.azevents.core.safety.EventWords;
import io.azevents.core.safety.NodeRecord;
import io.azevents.core.safety.VmDirectory;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code own-standby}: a node drains itself with standby before its events, and any running agent
 * approves an event once every node it names is drained and empty, and ends a node's standby once no
 * event names it any more. Every VM sees every event (an availability set), and a node in standby
 * may have no agent running (standby stops everything on it), so its peers finish what it began.
 *
 * <p>Before it drains, a node takes a cluster-wide claim, so that two nodes never drain at once, and
 * asks {@link ClusterSafety} whether another node could take its resources over; if none could, it
 * drains nothing and holds ({@link NodeState#ON_HOLD}). Its state lives in the node attributes
 * {@code own-standby_curNodeState} and {@code own-standby_pendingEventIDs} ({@link #NAMES}); each node
 * records its VM name ({@link AgentAttributes#AZ_NAME}) so that its peers can tell which node an event's
 * VM is ({@link VmDirectory}).
 *
 * <p>A pure function of its input, as the SPI asks: stateless and thread-safe.
 */
public final class OwnStandbyStrategy implements NodeDrainStrategy {
    /** The strategy's name, the value of the {@code strategy} key that selects it. */
    public static final String NAME = "own-standby";
    /** The node attributes it keeps its state in. */
    public static final AgentAttributes NAMES = new AgentAttributes(NAME + "_");
    /** The id of the claim a node holds while it drains. */
    public static final String CLAIM_ID = "own-standby-drain";
    /** The node attribute the cluster manager reads as standby. */
    public static final String STANDBY = "standby";
    /** The value of {@link #STANDBY} that drains a node. */
    public static final String STANDBY_ON = "on";

    private final Set<EventType> eventTypes;
    private final Duration lease;

    /**
     * @param eventTypes the event types it drains for
     * @param lease      how long its drain claim lives
     */
    public OwnStandbyStrategy(Set<EventType> eventTypes, Duration lease) {
        this.eventTypes = Set.copyOf(eventTypes);
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(CycleInput in) {
        String local = in.localNode();
        Decision.Builder b = Decision.builder(NAME, local);
        ClusterView view = in.view();
        if (view.node(local).isEmpty()) {
            return b.warn(local + " is not among the cluster's nodes " + view.names() + "; nothing decided").build();
        }
        // Standby stops everything on a node: all that runs there is work, none of it is the agent.
        ClusterSafety safety = new ClusterSafety(view, NAMES, resource -> false, List.of());
        VmDirectory vms = VmDirectory.read(view, in.vmName());
        vms.problems().forEach(b::warn);
        view.nodes().forEach(n -> safety.record(n).problems().forEach(b::warn));

        b.write(changed(in, List.of(AttributeUpdate.set(local, AgentAttributes.AZ_NAME, in.vmName()),
                AttributeUpdate.setProperty(AgentAttributes.hostNameProperty(in.vmName()), local))),
                "record that " + local + " is VM " + in.vmName() + ", so that its peers can handle its events");

        Map<String, List<ScheduledEvent>> eventsByNode = eventsByNode(in, vms, b);
        boolean restored = restoreNodesWhoseEventsAreOver(in, b, safety, eventsByNode);
        boolean approved = approveEventsWhoseNodesAreEmpty(in, b, safety, vms);
        if (restored || approved) {
            // One thing at a time: the local drain, if any, is decided next cycle on what this one wrote.
            return b.state(stateAfter(in, b)).build();
        }
        return drainLocalNode(in, b, safety, eventsByNode.getOrDefault(local, List.of()));
    }

    /**
     * The relevant events, by the cluster node each names. An event that could not be read counts for
     * every node it may name (all of them when its VMs are unreadable), so that no drain ends under it.
     */
    private Map<String, List<ScheduledEvent>> eventsByNode(CycleInput in, VmDirectory vms, Decision.Builder b) {
        Map<String, List<ScheduledEvent>> byNode = new TreeMap<>();
        for (QuarantinedEvent q : in.document().quarantined()) {
            b.warn("an event could not be read and is neither drained for nor approved: " + q.reason());
            List<String> nodes = q.resources().isEmpty() ? in.view().names()
                    : q.resources().stream().flatMap(vm -> vms.nodeOf(vm).stream()).toList();
            nodes.forEach(n -> byNode.computeIfAbsent(n, k -> new ArrayList<>()));
        }
        for (ScheduledEvent e : in.document().events()) {
            if (!eventTypes.contains(e.type())) {
                b.note("ignored: " + EventWords.event(e) + " (not in eventTypes)");
                continue;
            }
            Set<String> nodes = vms.resolve(e).nodes();
            b.note(EventWords.event(e) + " for " + EventWords.list(List.copyOf(nodes)) + ", "
                    + EventWords.timing(e, in.now()));
            nodes.forEach(n -> byNode.computeIfAbsent(n, k -> new ArrayList<>()).add(e));
        }
        return byNode;
    }

    /** Any agent ends a drain (or a hold) whose events are gone: the drained node's own agent may not run. */
    private boolean restoreNodesWhoseEventsAreOver(CycleInput in, Decision.Builder b, ClusterSafety safety,
                                                   Map<String, List<ScheduledEvent>> eventsByNode) {
        boolean acted = false;
        for (ClusterNode n : in.view().nodes()) {
            NodeRecord r = safety.record(n);
            if (eventsByNode.containsKey(n.name()) || (!r.draining() && r.current() != NodeState.ON_HOLD)) {
                continue;
            }
            List<AttributeUpdate> u = new ArrayList<>();
            if (r.draining()) {
                u.add(AttributeUpdate.delete(n.name(), STANDBY));
            }
            u.add(set(n.name(), NodeState.AVAILABLE));
            u.add(AttributeUpdate.delete(n.name(), NAMES.pending()));
            List<AttributeUpdate> changes = changed(in, u);
            acted |= !changes.isEmpty();
            b.write(changes, "no event names " + n.name() + " any more; "
                    + (r.draining() ? "ending its standby so that its resources can come back" : "its hold is over"));
        }
        return acted;
    }

    /** Any agent approves an event once every node it names is in standby, drained by us, and empty. */
    private boolean approveEventsWhoseNodesAreEmpty(CycleInput in, Decision.Builder b, ClusterSafety safety,
                                                    VmDirectory vms) {
        Set<String> approve = new TreeSet<>();
        Set<String> inEvent = new TreeSet<>();
        for (ScheduledEvent e : in.document().events()) {
            VmDirectory.Resolution named = vms.resolve(e);
            if (!eventTypes.contains(e.type()) || !e.status().equals(EventStatus.SCHEDULED) || named.nodes().isEmpty()) {
                continue;
            }
            List<String> notReady = new ArrayList<>();
            for (String node : named.nodes()) {
                ClusterNode n = in.view().node(node).orElseThrow();
                if (!n.standby() || !safety.record(n).draining()) {
                    notReady.add(node + " is not drained yet");
                } else if (!safety.empty(n)) {
                    notReady.add(node + " still runs " + EventWords.list(safety.work(n)));
                }
            }
            if (!named.unknownVms().isEmpty()) {
                notReady.add("it also names " + named.unknownVms() + ", which no node is known to be");
            }
            if (notReady.isEmpty()) {
                approve.add(e.id());
                inEvent.addAll(named.nodes());
            } else {
                b.note(EventWords.event(e) + " waits: " + String.join("; ", notReady));
            }
        }
        if (!approve.isEmpty()) {
            b.write(changed(in, inEvent.stream().map(n -> set(n, NodeState.IN_EVENT)).toList()),
                    "mark " + EventWords.list(List.copyOf(inEvent)) + " IN_EVENT");
            b.action(new PlannedAction.ApproveEvents(approve, "every node these events name ("
                    + EventWords.list(List.copyOf(inEvent)) + ") is in standby and runs nothing; they can start now"));
        }
        return !approve.isEmpty();
    }

    /** The local node drains itself: take the claim, then, holding it, drain if another node can take over. */
    private Decision drainLocalNode(CycleInput in, Decision.Builder b, ClusterSafety safety, List<ScheduledEvent> own) {
        String local = in.localNode();
        NodeRecord record = safety.record(in.local());
        List<ScheduledEvent> scheduled = own.stream().filter(e -> e.status().equals(EventStatus.SCHEDULED)).toList();
        String ids = String.join(",", new TreeSet<>(own.stream().map(ScheduledEvent::id).toList()));
        if (record.draining()) {
            List<AttributeUpdate> pending = ids.isEmpty() ? List.of() : List.of(AttributeUpdate.set(local, NAMES.pending(), ids));
            return b.state(record.current()).write(changed(in, pending), "record the events " + local + " is drained for")
                    .build();
        }
        if (scheduled.isEmpty()) {
            return b.state(record.current()).build();
        }
        List<AttributeUpdate> drain = List.of(AttributeUpdate.set(local, STANDBY, STANDBY_ON),
                set(local, NodeState.STOPPING), AttributeUpdate.set(local, NAMES.pending(), ids));
        ClusterSafety.Takers takers = safety.takers(local);
        Optional<String> refusal = takers.none()
                ? Optional.of("no other node could take its resources (" + String.join("; ", takers.reasons()) + ")")
                : safety.refusal(local, in.forecast(drain), ClusterSafety.AgentOnDrainedNode.STOPS);
        if (refusal.isPresent()) {
            return b.state(NodeState.ON_HOLD).note("not draining " + local + ": " + refusal.get())
                    .write(changed(in, List.of(set(local, NodeState.ON_HOLD), AttributeUpdate.set(local, NAMES.pending(),
                            ids))), "hold " + local + ": draining it would leave its resources nowhere to run")
                    .build();
        }

        Claim held = in.view().claims().get(CLAIM_ID);
        boolean live = held != null && !held.expiredAt(in.now());
        if (live && held.owner().equals(local)) {
            return b.state(NodeState.STOPPING)
                    .writeFenced(drain, held, "drain " + local + " (standby=on): its resources move to "
                            + EventWords.list(takers.nodes()))
                    .action(new PlannedAction.ReleaseClaim(held, "the drain of " + local + " is written and every "
                            + "node now counts it out; giving the claim back"))
                    .build();
        }
        if (live) {
            return b.state(record.current()).note(held.owner() + " holds the drain claim; " + local
                    + " drains after it").build();
        }
        if (held != null) {
            b.action(new PlannedAction.ReleaseClaim(held, "the drain claim of " + held.owner() + " has expired"));
        }
        return b.state(record.current()).action(new PlannedAction.AcquireClaim(
                new Claim(CLAIM_ID, local, in.now().plus(lease)), "take the drain claim so that no other node drains "
                        + "at the same time; " + local + " drains once it holds it")).build();
    }

    /** The local node's state once the restores and approvals in {@code b} are written. */
    private static NodeState stateAfter(CycleInput in, Decision.Builder b) {
        return b.build().lastUpdate(in.localNode(), NAMES.state()).flatMap(AttributeUpdate::value)
                .flatMap(NodeState::parse).orElse(NodeRecord.read(in.local(), NAMES).current());
    }

    private static List<AttributeUpdate> changed(CycleInput in, List<AttributeUpdate> updates) {
        return updates.stream().filter(u -> !u.isNoOpIn(in.view())).toList();
    }

    private static AttributeUpdate set(String node, NodeState state) {
        return AttributeUpdate.set(node, NAMES.state(), state.name());
    }
}
