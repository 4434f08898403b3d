package io.azevents.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The published names are azure-events' own: a running cluster switches in place only if they stay. */
class PullStateAttributesTest {

    @Test
    @DisplayName("the attribute and property names and values are the upstream agent's")
    void upstreamNames() {
        assertThat(PullStateAttributes.STATE).isEqualTo("azure-events_curNodeState");
        assertThat(PullStateAttributes.PENDING_EVENT_IDS).isEqualTo("azure-events_pendingEventIDs");
        assertThat(PullStateAttributes.LAST_DOC_VERSION).isEqualTo("azure-events_lastDocVersion");
        assertThat(PullStateAttributes.PULL_STATE).isEqualTo("azure-events_globalPullState");
        assertThat(PullStateAttributes.PULLING).isEqualTo("PULLING");
        assertThat(PullStateAttributes.IDLE).isEqualTo("IDLE");
        assertThat(PullStateAttributes.STANDBY).isEqualTo("standby");
        assertThat(PullStateAttributes.NAMES.state()).isEqualTo(PullStateAttributes.STATE);
        assertThat(PullStateAttributes.NAMES.pending()).isEqualTo(PullStateAttributes.PENDING_EVENT_IDS);
    }
}
