package io.azevents.azhealth;

import io.azevents.core.safety.AgentAttributes;

/**
 * The names and values {@code az-health} reads and writes in the CIB: those of the upstream
 * {@code azure-events-az} agent, so a cluster can switch in place, plus the claim azevents adds.
 * For embedders and tools that read what the strategy wrote (a status page, a store that must
 * hold these attributes), so that none of them hard-codes the strings. Stable within a major
 * version, like the rest of the public API.
 */
public final class AzHealthAttributes {
    /** The prefix of every node attribute the strategy owns. */
    public static final String PREFIX = "azure-events-az_";
    /** The strategy's own attribute names, as the shared safety model reads them. */
    public static final AgentAttributes NAMES = new AgentAttributes(PREFIX);
    /**
     * Node attribute: the node's state, {@code AVAILABLE}, {@code STOPPING}, {@code IN_EVENT} or
     * {@code ON_HOLD} ({@value}).
     */
    public static final String STATE = PREFIX + "curNodeState";
    /** Node attribute: the ids of the events the node is drained for, comma-joined ({@value}). */
    public static final String PENDING_EVENT_IDS = PREFIX + "pendingEventIDs";
    /** Node attribute: the incarnation of the document whose events were last approved, informative only ({@value}). */
    public static final String LAST_DOC_VERSION = PREFIX + "lastDocVersion";
    /**
     * Node attribute, azevents' addition: the {@link #HEALTH} value an administrator had set before
     * the strategy drained the node, put back instead of {@link #HEALTH_RESTORED} afterwards ({@value}).
     */
    public static final String HEALTH_BEFORE_DRAIN = PREFIX + "healthBeforeDrain";
    /**
     * {@link #HEALTH_BEFORE_DRAIN} value: the node had no {@link #HEALTH} of its own before the drain
     * (with the documented location rule, nothing could run there), so the strategy removes the one
     * it wrote instead of putting back {@link #HEALTH_RESTORED} ({@value}).
     */
    public static final String HEALTH_WAS_UNSET = "unset";
    /** Node attribute: the node's VM name in Azure ({@value}). */
    public static final String AZ_NAME = AgentAttributes.AZ_NAME;
    /** Cluster property prefix: {@code hostName_<vm>} names the node running on VM {@code <vm>} ({@value}). */
    public static final String HOST_NAME_PREFIX = AgentAttributes.HOST_NAME_PREFIX;
    /**
     * The node-health attribute the strategy drains with ({@value}); the cluster needs
     * {@code node-health-strategy=custom} and a location rule that reads it.
     */
    public static final String HEALTH = "#health-azure";
    /** {@link #HEALTH} value that moves every resource but the agent's own off the node ({@value}). */
    public static final String HEALTH_DRAINED = "-1000000";
    /** {@link #HEALTH} value that lets the resources back ({@value}). */
    public static final String HEALTH_RESTORED = "0";
    /**
     * The id of the cluster-wide claim a node holds while it decides to drain ({@value}), stored as
     * a cluster property by the Pacemaker adapter.
     */
    public static final String DRAIN_CLAIM_ID = "azevents-az-drain";

    private AzHealthAttributes() {
    }
}
