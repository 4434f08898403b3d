package io.azevents.legacy.internal;

import io.azevents.core.safety.AgentAttributes;

/** The CIB names the upstream {@code azure-events} agent uses, kept so a cluster can switch in place. */
final class LegacyAttributes {
    static final String PREFIX = "azure-events_";
    /** The agent's attribute names, as the shared safety model reads them. */
    static final AgentAttributes NAMES = new AgentAttributes(PREFIX);
    /** Node attribute: AVAILABLE, STOPPING, IN_EVENT or ON_HOLD. */
    static final String STATE = NAMES.state();
    /** Node attribute: the events the node waits for, comma-joined. */
    static final String PENDING = NAMES.pending();
    /** Node attribute: the incarnation of the document the node last drained for (written, never trusted). */
    static final String LAST_DOC_VERSION = NAMES.lastDocVersion();
    /** Node attribute: the node's VM name in Azure. */
    static final String AZ_NAME = AgentAttributes.AZ_NAME;
    /** Cluster property prefix: {@code hostName_<azName>} = node name. */
    static final String HOST_NAME_PREFIX = AgentAttributes.HOST_NAME_PREFIX;
    /** Cluster property: PULLING while a node holds the pull lock, else IDLE. */
    static final String PULL_STATE = PREFIX + "globalPullState";
    static final String PULLING = "PULLING";
    static final String IDLE = "IDLE";
    /** Node attribute Pacemaker reads: {@code on} moves every resource away and stops the agent's clone. */
    static final String STANDBY = "standby";
    static final String STANDBY_ON = "on";
    /** What upstream writes to end its standby; Pacemaker reads it as "not in standby". */
    static final String STANDBY_OFF = "off";
    /** The id of the claim behind the pull lock. */
    static final String CLAIM_ID = "azevents-legacy-pull";

    private LegacyAttributes() {
    }
}
