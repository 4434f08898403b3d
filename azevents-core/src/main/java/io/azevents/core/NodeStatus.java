package io.azevents.core;

import java.util.Objects;
import java.util.Optional;

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
 * @param providedBy  for a remote or guest node, the resource that provides it (the remote connection,
 *                    whose id is the node's name, or the guest's container); empty for a member
 */
public record NodeStatus(NodeKind kind, boolean maintenance, boolean unclean, boolean shutdown,
                         Optional<String> providedBy) {
    /** A member node in no special condition. */
    public static final NodeStatus MEMBER = new NodeStatus(NodeKind.MEMBER, false, false, false);

    /**
     * Checks that the kind and the providing resource are present.
     *
     * @param kind        member, remote or guest node
     * @param maintenance the node is in maintenance
     * @param unclean     the node's state is unknown and it awaits fencing
     * @param shutdown    the node is shutting down its cluster stack
     * @param providedBy  the resource that provides a remote or guest node; empty for a member
     * @throws NullPointerException if one is null
     */
    public NodeStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(providedBy, "providedBy");
    }

    /**
     * A status whose providing resource is not known.
     *
     * @param kind        member, remote or guest node
     * @param maintenance the node is in maintenance
     * @param unclean     the node's state is unknown and it awaits fencing
     * @param shutdown    the node is shutting down its cluster stack
     * @throws NullPointerException if {@code kind} is null
     */
    public NodeStatus(NodeKind kind, boolean maintenance, boolean unclean, boolean shutdown) {
        this(kind, maintenance, unclean, shutdown, Optional.empty());
    }

    /**
     * A copy with {@code maintenance} changed.
     *
     * @param value whether the node is in maintenance
     * @return a new status; this one is unchanged
     */
    public NodeStatus withMaintenance(boolean value) {
        return new NodeStatus(kind, value, unclean, shutdown, providedBy);
    }

    /**
     * A copy naming the resource that provides the node.
     *
     * @param resource the id of the remote connection or guest container resource
     * @return a new status; this one is unchanged
     * @throws NullPointerException if {@code resource} is null
     */
    public NodeStatus withProvidedBy(String resource) {
        return new NodeStatus(kind, maintenance, unclean, shutdown, Optional.of(resource));
    }
}
