package io.azevents.core;

/**
 * What kind of node Pacemaker says a node is, as {@code crm_mon --output-as=xml} reports it
 * ({@code type="member"} or {@code type="remote"}, a guest node being a remote node that a resource
 * of the cluster runs, {@code id_as_resource}).
 */
public enum NodeKind {
    /** A full cluster member: runs corosync and the Pacemaker controller. */
    MEMBER,
    /** A Pacemaker Remote node, reached through an {@code ocf:pacemaker:remote} connection resource. */
    REMOTE,
    /** A guest node: a Pacemaker Remote node inside a resource of the cluster (a VM or container). */
    GUEST
}
