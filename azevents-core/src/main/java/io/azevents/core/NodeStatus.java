package io.azevents.core;

import java.util.Objects;

/**
 * What Pacemaker's own status reading says of a node beyond membership and standby: its kind, and
 * the conditions under which the scheduler will not place resources on it. The Pacemaker adapter
 * takes these from Pacemaker's answer ({@code crm_mon}/{@code crm_simulate} XML), never from its own
 * reading of the raw status section. Immutable; thread-safe.
 *
 * @param kind        member, remote or guest node
 * @param maintenance the node is in maintenance (node attribute {@code maintenance=true}): Pacemaker
 *                    neither starts nor stops anything there
 * @param unclean     the node's state is unknown (it failed, or a stop failed) and it awaits fencing;
 *                    what it ran counts as still running
 * @param shutdown    the node is shutting down its cluster stack
 */
public record NodeStatus(NodeKind kind, boolean maintenance, boolean unclean, boolean shutdown) {
    /** A member node in no special condition. */
    public static final NodeStatus MEMBER = new NodeStatus(NodeKind.MEMBER, false, false, false);

    public NodeStatus {
        Objects.requireNonNull(kind, "kind");
    }

    /** A copy with {@code maintenance} changed. */
    public NodeStatus withMaintenance(boolean value) {
        return new NodeStatus(kind, value, unclean, shutdown);
    }
}
