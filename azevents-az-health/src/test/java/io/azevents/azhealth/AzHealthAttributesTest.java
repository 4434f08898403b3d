package io.azevents.azhealth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The published names are azure-events-az's own: a running cluster switches in place only if they stay. */
class AzHealthAttributesTest {

    @Test
    @DisplayName("the attribute names and values are the upstream agent's")
    void upstreamNames() {
        assertThat(AzHealthAttributes.STATE).isEqualTo("azure-events-az_curNodeState");
        assertThat(AzHealthAttributes.PENDING_EVENT_IDS).isEqualTo("azure-events-az_pendingEventIDs");
        assertThat(AzHealthAttributes.LAST_DOC_VERSION).isEqualTo("azure-events-az_lastDocVersion");
        assertThat(AzHealthAttributes.AZ_NAME).isEqualTo("azName");
        assertThat(AzHealthAttributes.HOST_NAME_PREFIX).isEqualTo("hostName_");
        assertThat(AzHealthAttributes.HEALTH).isEqualTo("#health-azure");
        assertThat(AzHealthAttributes.HEALTH_DRAINED).isEqualTo("-1000000");
        assertThat(AzHealthAttributes.HEALTH_RESTORED).isEqualTo("0");
    }

    @Test
    @DisplayName("the shared safety model reads the same names")
    void sameAsSafetyModel() {
        assertThat(AzHealthAttributes.NAMES.state()).isEqualTo(AzHealthAttributes.STATE);
        assertThat(AzHealthAttributes.NAMES.pending()).isEqualTo(AzHealthAttributes.PENDING_EVENT_IDS);
        assertThat(AzHealthAttributes.NAMES.lastDocVersion()).isEqualTo(AzHealthAttributes.LAST_DOC_VERSION);
    }
}
