package io.azevents.core.safety;

import io.azevents.core.Names;
import java.util.Objects;

/**
 * The CIB names one agent uses, from its prefix: {@code azure-events-az_} for az-health,
 * {@code azure-events_} for legacy-pullstate (the upstream agents' own, so a cluster can switch in
 * place), plus the identity names both share. Immutable; thread-safe.
 *
 * @param prefix the agent's attribute prefix, e.g. {@code azure-events-az_}
 */
public record AgentAttributes(String prefix) {
    /** Node attribute both agents write: the node's VM name in Azure. */
    public static final String AZ_NAME = "azName";
    /** Cluster property prefix both agents write: {@code hostName_<vm>} names the node running on VM {@code <vm>}. */
    public static final String HOST_NAME_PREFIX = "hostName_";

    /**
     * Checks that the prefix makes valid attribute names.
     *
     * @param prefix the agent's attribute prefix, e.g. {@code azure-events-az_}; may be empty
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if it does not
     */
    public AgentAttributes {
        Objects.requireNonNull(prefix, "prefix");
        if (!Names.isAttributeName(prefix + "x")) {
            throw new IllegalArgumentException("not a valid attribute prefix: " + Names.quote(prefix));
        }
    }

    /**
     * Node attribute: AVAILABLE, STOPPING, IN_EVENT or ON_HOLD.
     *
     * @return the attribute's name: the prefix followed by {@code curNodeState}
     */
    public String state() {
        return prefix + "curNodeState";
    }

    /**
     * Node attribute: the ids of the events the node is drained for, comma-joined.
     *
     * @return the attribute's name: the prefix followed by {@code pendingEventIDs}
     */
    public String pending() {
        return prefix + "pendingEventIDs";
    }

    /**
     * Node attribute: the incarnation of the document the node last acted on (informative only).
     *
     * @return the attribute's name: the prefix followed by {@code lastDocVersion}
     */
    public String lastDocVersion() {
        return prefix + "lastDocVersion";
    }

    /**
     * The cluster property that names the node of VM {@code vm}.
     *
     * @param vm the VM's name in Azure, as IMDS gives it; not checked
     * @return {@value #HOST_NAME_PREFIX} followed by {@code vm}
     */
    public static String hostNameProperty(String vm) {
        return HOST_NAME_PREFIX + vm;
    }
}
