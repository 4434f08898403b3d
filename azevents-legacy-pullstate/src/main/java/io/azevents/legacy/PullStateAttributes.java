package io.azevents.legacy;

import io.azevents.core.safety.AgentAttributes;

/**
 * The names and values {@code legacy-pullstate} reads and writes in the CIB: those of the upstream
 * {@code azure-events} agent, so a cluster can switch in place, plus the claim azevents adds behind
 * the pull lock. For embedders and tools that read what the strategy wrote, so that none of them
 * hard-codes the strings. Stable within a major version, like the rest of the public API.
 */
public final class PullStateAttributes {
    /** The prefix of every attribute and property the strategy owns. */
    public static final String PREFIX = "azure-events_";
    /** The strategy's own attribute names, as the shared safety model reads them. */
    public static final AgentAttributes NAMES = new AgentAttributes(PREFIX);
    /** Node attribute: {@code AVAILABLE}, {@code STOPPING}, {@code IN_EVENT} or {@code ON_HOLD} ({@value}). */
    public static final String STATE = PREFIX + "curNodeState";
    /** Node attribute: the events the node waits for, comma-joined ({@value}). */
    public static final String PENDING_EVENT_IDS = PREFIX + "pendingEventIDs";
    /** Node attribute: the incarnation of the document the node last drained for, written, never trusted ({@value}). */
    public static final String LAST_DOC_VERSION = PREFIX + "lastDocVersion";
    /** Node attribute: the node's VM name in Azure ({@value}). */
    public static final String AZ_NAME = AgentAttributes.AZ_NAME;
    /** Cluster property prefix: {@code hostName_<vm>} names the node running on VM {@code <vm>} ({@value}). */
    public static final String HOST_NAME_PREFIX = AgentAttributes.HOST_NAME_PREFIX;
    /**
     * Cluster property: {@link #PULLING} while a node holds the pull lock, else {@link #IDLE} ({@value}).
     * The holder sets it back to {@code IDLE} in its next cycle after the one that had nothing left to
     * change, so {@code PULLING} outlives the drain by up to one monitor interval; a {@code PULLING}
     * with no {@link #PULL_CLAIM_ID} claim behind it is stale and any node resets it.
     */
    public static final String PULL_STATE = PREFIX + "globalPullState";
    /** {@link #PULL_STATE} value while a node holds the lock ({@value}). */
    public static final String PULLING = "PULLING";
    /** {@link #PULL_STATE} value when no node holds the lock ({@value}). */
    public static final String IDLE = "IDLE";
    /**
     * Node attribute Pacemaker reads ({@value}): the strategy drains a node by setting it to
     * {@link #STANDBY_ON}; a store must map it to {@code ClusterNode.standby()}.
     */
    public static final String STANDBY = "standby";
    /** {@link #STANDBY} value that drains the node ({@value}). */
    public static final String STANDBY_ON = "on";
    /** {@link #STANDBY} value the upstream agent writes to end its standby ({@value}). */
    public static final String STANDBY_OFF = "off";
    /** The id of the claim behind the pull lock ({@value}), stored as a cluster property by the Pacemaker adapter. */
    public static final String PULL_CLAIM_ID = "azevents-legacy-pull";

    private PullStateAttributes() {
    }
}
