package io.azevents.azhealth.internal;

import io.azevents.azhealth.AzHealthAttributes;
import io.azevents.core.safety.AgentAttributes;

/** Short names for {@link AzHealthAttributes}, the CIB names az-health reads and writes. */
final class Keys {
    static final String PREFIX = AzHealthAttributes.PREFIX;
    static final AgentAttributes NAMES = AzHealthAttributes.NAMES;
    static final String STATE = AzHealthAttributes.STATE;
    static final String PENDING = AzHealthAttributes.PENDING_EVENT_IDS;
    static final String LAST_DOC = AzHealthAttributes.LAST_DOC_VERSION;
    static final String HEALTH_BEFORE = AzHealthAttributes.HEALTH_BEFORE_DRAIN;
    static final String AZ_NAME = AzHealthAttributes.AZ_NAME;
    static final String HOST_NAME_PREFIX = AzHealthAttributes.HOST_NAME_PREFIX;
    static final String HEALTH = AzHealthAttributes.HEALTH;
    static final String DRAINED = AzHealthAttributes.HEALTH_DRAINED;
    static final String RESTORED = AzHealthAttributes.HEALTH_RESTORED;
    static final String WAS_UNSET = AzHealthAttributes.HEALTH_WAS_UNSET;
    static final String CLAIM_ID = AzHealthAttributes.DRAIN_CLAIM_ID;

    private Keys() {
    }
}
