package io.azevents.core;

import java.util.Optional;

/**
 * A node's state in the agent's state machine, stored in the node attribute
 * {@code <prefix>curNodeState} with exactly these names (upstream compatible).
 */
public enum NodeState {
    /** No event is being handled; the node may run resources. */
    AVAILABLE,
    /** A drain was requested; the agent waits for the node to be empty. */
    STOPPING,
    /** The node is empty and its event was approved. */
    IN_EVENT,
    /** An event is due but no other node could take the resources; nothing was drained. */
    ON_HOLD;

    /**
     * The state stored as {@code value}; empty for a missing or unknown value.
     *
     * @param value the attribute's value: a constant's exact name, surrounding blanks ignored; may be null
     * @return the state; empty for null or a value that names none
     */
    public static Optional<NodeState> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (NodeState s : values()) {
            if (s.name().equals(value.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
