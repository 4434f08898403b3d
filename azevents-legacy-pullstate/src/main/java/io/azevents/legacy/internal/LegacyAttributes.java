package io.azevents.legacy.internal;

import io.azevents.core.safety.AgentAttributes;
import io.azevents.legacy.PullStateAttributes;

/** Short names for {@link PullStateAttributes}, the CIB names legacy-pullstate reads and writes. */
final class LegacyAttributes {
    static final String PREFIX = PullStateAttributes.PREFIX;
    static final AgentAttributes NAMES = PullStateAttributes.NAMES;
    static final String STATE = PullStateAttributes.STATE;
    static final String PENDING = PullStateAttributes.PENDING_EVENT_IDS;
    static final String LAST_DOC_VERSION = PullStateAttributes.LAST_DOC_VERSION;
    static final String AZ_NAME = PullStateAttributes.AZ_NAME;
    static final String HOST_NAME_PREFIX = PullStateAttributes.HOST_NAME_PREFIX;
    static final String PULL_STATE = PullStateAttributes.PULL_STATE;
    static final String PULLING = PullStateAttributes.PULLING;
    static final String IDLE = PullStateAttributes.IDLE;
    static final String STANDBY = PullStateAttributes.STANDBY;
    static final String STANDBY_ON = PullStateAttributes.STANDBY_ON;
    static final String STANDBY_OFF = PullStateAttributes.STANDBY_OFF;
    static final String CLAIM_ID = PullStateAttributes.PULL_CLAIM_ID;

    private LegacyAttributes() {
    }
}
