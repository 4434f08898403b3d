package io.azevents.legacy.internal;

import io.azevents.core.NodeState;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The per-node state machine. Every transition is decided in {@link #next(Facts)}, so the reasons
 * an administrator reads have one source. Pure; thread-safe.
 *
 * <p>Ownership of {@code standby}: the agent owns a node's standby exactly when the node's state is
 * STOPPING or IN_EVENT (it wrote that state in the same transaction as {@code standby=on}). A node
 * in standby whose state is AVAILABLE or ON_HOLD was put there by someone else and is left alone.
 */
final class NodeStateMachine {

    /** What to do with a node's {@code standby}. */
    enum Standby { KEEP, ON, OFF }

    /**
     * What a cycle knows of one node.
     *
     * @param node          the node's name
     * @param local         true for the node this cycle runs on (only it drains itself)
     * @param recorded      the state in {@code curNodeState}; empty when missing or unreadable
     * @param standby       the node is in standby, whoever set it
     * @param pending       the ids in {@code pendingEventIDs}
     * @param live          the ids of the relevant events that name the node now, Started or not
     * @param peerAvailable another node could take the resources over (the shared safety model's takers)
     * @param approvable    an event naming the node can be approved now: every node it names is drained and idle
     */
    record Facts(String node, boolean local, Optional<NodeState> recorded, boolean standby, Set<String> pending,
                 Set<String> live, boolean peerAvailable, boolean approvable) {
        Facts {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(recorded, "recorded");
            pending = Set.copyOf(pending);
            live = Set.copyOf(live);
        }

        NodeState current() {
            return recorded.orElse(NodeState.AVAILABLE);
        }

        boolean agentOwnsStandby() {
            NodeState s = current();
            return s == NodeState.STOPPING || s == NodeState.IN_EVENT;
        }
    }

    /**
     * The outcome for one node.
     *
     * @param node    the node
     * @param from    the state it was in
     * @param next    the state it goes to
     * @param pending the ids to record (empty deletes the attribute)
     * @param standby what to do with its standby
     * @param changed true if anything must be written
     * @param reason  why, in an administrator's words
     */
    record Step(String node, NodeState from, NodeState next, SortedSet<String> pending, Standby standby,
                boolean changed, String reason) {
    }

    private NodeStateMachine() {
    }

    /** The one place where a node's state changes. */
    static Step next(Facts f) {
        String n = f.node();
        boolean events = !f.live().isEmpty();
        switch (f.current()) {
            case AVAILABLE -> {
                if (!events) {
                    return f.pending().isEmpty()
                            ? step(f, NodeState.AVAILABLE, Set.of(), Standby.KEEP, n + " is available and no event names it")
                            : step(f, NodeState.AVAILABLE, Set.of(), Standby.KEEP,
                                    n + " is available but lists pending events that are gone; clearing them");
                }
                if (f.standby()) {
                    return step(f, NodeState.AVAILABLE, f.pending(), Standby.KEEP, n + " has events " + f.live()
                            + " but is in a standby the agent did not set (an administrator's): left as it is; "
                            + "its events start at their NotBefore time unless approved by hand");
                }
                if (!f.local()) {
                    return step(f, NodeState.AVAILABLE, f.pending(), Standby.KEEP, n + " has events " + f.live()
                            + "; its own agent will drain it (a node only drains itself)");
                }
                return admit(f);
            }
            case ON_HOLD -> {
                if (!events) {
                    return step(f, NodeState.AVAILABLE, Set.of(), Standby.KEEP,
                            n + " was on hold but no event names it any more: the hold ends");
                }
                if (!f.local() || f.standby()) {
                    return step(f, NodeState.ON_HOLD, f.pending(), Standby.KEEP, n + " is on hold for " + f.live()
                            + (f.standby() ? " and in a standby set by someone else" : "; its own agent re-examines it"));
                }
                return admit(f);
            }
            case STOPPING -> {
                if (!events) {
                    return step(f, NodeState.AVAILABLE, Set.of(), Standby.OFF, n + " was draining but no event names it"
                            + " any more (finished or cancelled): standby off, back to AVAILABLE");
                }
                if (!f.standby()) {
                    if (f.local()) {
                        return admit(f);
                    }
                    return step(f, NodeState.STOPPING, f.live(), Standby.KEEP, n + " is STOPPING without standby;"
                            + " its own agent completes the drain");
                }
                if (f.approvable()) {
                    return step(f, NodeState.IN_EVENT, f.live(), Standby.KEEP, n + " is in standby and empty: "
                            + "its events may start now (IN_EVENT)");
                }
                return step(f, NodeState.STOPPING, f.live(), Standby.KEEP, n + " is draining for " + f.live()
                        + "; waiting until it is empty and idle");
            }
            case IN_EVENT -> {
                if (!events) {
                    return step(f, NodeState.AVAILABLE, Set.of(), Standby.OFF, n + "'s events are over: standby off, "
                            + "back to AVAILABLE");
                }
                return step(f, NodeState.IN_EVENT, f.live(), Standby.KEEP, n + " is in its event " + f.live()
                        + "; it comes back once no event names it");
            }
            default -> throw new IllegalStateException("unknown state " + f.current());
        }
    }

    /**
     * The step for a local node that would be admitted but must not drain: {@code why} says what the
     * scheduler or the safety model found. It stays serving, ON_HOLD, and is re-examined every cycle.
     */
    static Step hold(Facts f, String why) {
        return step(f, NodeState.ON_HOLD, Set.of(), Standby.KEEP, f.node() + " has events " + f.live()
                + " but must not be drained: " + why + "; nothing is moved (ON_HOLD), re-examined every cycle");
    }

    private static Step admit(Facts f) {
        String n = f.node();
        if (f.peerAvailable()) {
            return step(f, NodeState.STOPPING, f.live(), Standby.ON, n + " has events " + f.live()
                    + " and another node can take its resources: standby on (STOPPING)");
        }
        return step(f, NodeState.ON_HOLD, Set.of(), Standby.KEEP, n + " has events " + f.live()
                + " but no other node is online, out of standby, healthy and not draining: nothing is moved (ON_HOLD)"
                + "; re-examined every cycle");
    }

    private static Step step(Facts f, NodeState next, Set<String> pending, Standby standby, String reason) {
        SortedSet<String> p = new TreeSet<>(pending);
        boolean standbyChanges = standby == Standby.ON ? !f.standby() || !f.agentOwnsStandby()
                : standby == Standby.OFF;
        boolean changed = next != f.current() || !p.equals(new TreeSet<>(f.pending())) || standbyChanges;
        return new Step(f.node(), f.current(), next, p, standby, changed, reason);
    }
}
