package io.azevents.core.safety;

import io.azevents.core.ClusterNode;
import io.azevents.core.Names;
import io.azevents.core.NodeState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent recorded on one node: its state and the events it is drained for. Read from the
 * node's permanent attributes; values that cannot be read are reported, never trusted. Immutable;
 * thread-safe.
 *
 * @param node     the node's name
 * @param raw      the state attribute as stored, if present
 * @param state    the state, if the stored value is one
 * @param pending  the valid event ids recorded as pending, in their recorded order, without repeats
 * @param problems what could not be read, in an administrator's words
 */
public record NodeRecord(String node, Optional<String> raw, Optional<NodeState> state, List<String> pending,
                         List<String> problems) {

    /**
     * Checks that the node, the raw attributes and the state are present and copies the lists.
     *
     * @param node     the node's name
     * @param raw      the state attribute as stored; empty if absent
     * @param state    the state; empty if the stored value is none
     * @param pending  the valid event ids recorded as pending; copied
     * @param problems what could not be read; copied
     * @throws NullPointerException if one is null or a list holds null
     */
    public NodeRecord {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(state, "state");
        pending = List.copyOf(pending);
        problems = List.copyOf(problems);
    }

    /**
     * Reads {@code n}'s record under {@code names}.
     *
     * @param n     the node, whose permanent attributes are read
     * @param names the agent's attribute names
     * @return the record; an unreadable state or pending id is left out and named in
     *     {@link #problems()}
     */
    public static NodeRecord read(ClusterNode n, AgentAttributes names) {
        List<String> problems = new ArrayList<>();
        Optional<String> raw = n.permanentAttribute(names.state());
        Optional<NodeState> state = raw.flatMap(NodeState::parse);
        if (raw.isPresent() && state.isEmpty()) {
            problems.add(n.name() + " has " + names.state() + "=" + Names.quote(raw.get())
                    + ", which is not a state; treated as AVAILABLE");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String part : n.permanentAttribute(names.pending()).orElse("").split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (Names.isEventId(id)) {
                ids.add(id);
            } else {
                problems.add(n.name() + " lists " + Names.quote(id) + " in " + names.pending()
                        + ", which is not an event id; ignored");
            }
        }
        return new NodeRecord(n.name(), raw, state, List.copyOf(ids), problems);
    }

    /**
     * The state, a missing or unreadable one counting as AVAILABLE.
     *
     * @return {@link #state()}, or {@link NodeState#AVAILABLE} if it is empty
     */
    public NodeState current() {
        return state.orElse(NodeState.AVAILABLE);
    }

    /**
     * True if the agent has drained the node for its own events (STOPPING or IN_EVENT).
     *
     * @return true if {@link #current()} is one of those two states
     */
    public boolean draining() {
        NodeState s = current();
        return s == NodeState.STOPPING || s == NodeState.IN_EVENT;
    }
}
