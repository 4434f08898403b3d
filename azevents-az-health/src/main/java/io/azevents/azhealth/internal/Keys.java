package io.azevents.azhealth.internal;

import io.azevents.core.safety.AgentAttributes;

/** The CIB names az-health reads and writes: azure-events-az's own, so a cluster can switch in place. */
final class Keys {
    static final String PREFIX = "azure-events-az_";
    /** The agent's attribute names, as the shared safety model reads them. */
    static final AgentAttributes NAMES = new AgentAttributes(PREFIX);
    /** Node attribute: the state machine's state. */
    static final String STATE = NAMES.state();
    /** Node attribute: the ids of the events the node is drained for, comma-joined. */
    static final String PENDING = NAMES.pending();
    /** Node attribute: the incarnation of the document whose events were last approved (informative only). */
    static final String LAST_DOC = NAMES.lastDocVersion();
    /**
     * Node attribute (azevents' addition): the {@code #health-azure} value an administrator had set
     * before the agent drained the node, put back instead of 0 when the agent restores it.
     */
    static final String HEALTH_BEFORE = PREFIX + "healthBeforeDrain";
    /** Node attribute: the node's VM name. */
    static final String AZ_NAME = AgentAttributes.AZ_NAME;
    /** Cluster property prefix: {@code hostName_<vm>} names the node running on VM {@code <vm>}. */
    static final String HOST_NAME_PREFIX = AgentAttributes.HOST_NAME_PREFIX;
    /** The node-health attribute the location rule reads. */
    static final String HEALTH = "#health-azure";
    /** {@code #health-azure} value that pushes every resource but the agent's own off the node. */
    static final String DRAINED = "-1000000";
    /** {@code #health-azure} value that lets the resources back. */
    static final String RESTORED = "0";
    /** The cluster-wide claim a node holds while it decides to drain. */
    static final String CLAIM_ID = "azevents-az-drain";

    private Keys() {
    }
}
