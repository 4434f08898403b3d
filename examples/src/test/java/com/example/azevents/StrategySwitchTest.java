package com.example.azevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.azhealth.AzHealthAttributes;
import io.azevents.core.AgentConfig;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.NodeState;
import io.azevents.legacy.PullStateAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same ports, the same cluster, two strategies: {@code az-health}, then {@code legacy-pullstate},
 * chosen by the {@code strategy} key alone. Each carries node1 through a Reboot: drained, approved
 * only once empty, back home afterwards.
 */
class StrategySwitchTest {

    @Test
    void azHealthThenLegacyPullstateByConfigurationAlone() {
        Site site = new Site()
                // What az-health's setup asks of an administrator: every node starts healthy.
                .setUp(n -> List.of(AttributeUpdate.set(n, AzHealthAttributes.HEALTH, AzHealthAttributes.HEALTH_RESTORED)));

        site.agents(AgentConfig.of(Map.of(AgentConfig.STRATEGY, "az-health")));
        site.round();
        Site.Maintenance azHealth = site.reboot("node1");

        assertThat(azHealth.drained())
                .containsEntry(AzHealthAttributes.HEALTH, AzHealthAttributes.HEALTH_DRAINED)
                .containsEntry(AzHealthAttributes.STATE, NodeState.STOPPING.name())
                .containsEntry(AzHealthAttributes.PENDING_EVENT_IDS, azHealth.notice().id())
                .containsEntry(AzHealthAttributes.AZ_NAME, "node1-vm")
                .doesNotContainKey(PullStateAttributes.STANDBY);
        assertThat(azHealth.runningAtApproval()).as("node1 runs nothing when its event is approved").isEmpty();
        assertThat(azHealth.startRequests()).as("approved once, by node1 itself").singleElement()
                .satisfies(r -> assertThat(r.requestedBy()).isEqualTo("node1-vm"));
        assertThat(azHealth.after())
                .containsEntry(AzHealthAttributes.HEALTH, AzHealthAttributes.HEALTH_RESTORED)
                .containsEntry(AzHealthAttributes.STATE, NodeState.AVAILABLE.name())
                .doesNotContainKey(AzHealthAttributes.PENDING_EVENT_IDS);
        assertThat(site.store("node2").readView().property(AzHealthAttributes.HOST_NAME_PREFIX + "node1-vm"))
                .contains("node1");

        // The switch: another value of one key. Same roster, same feed, same adapters.
        site.agents(AgentConfig.of(Map.of(AgentConfig.STRATEGY, "legacy-pullstate")));
        site.round();
        Site.Maintenance legacy = site.reboot("node1");

        assertThat(legacy.drained())
                .containsEntry(PullStateAttributes.STANDBY, PullStateAttributes.STANDBY_ON)
                .containsEntry(PullStateAttributes.STATE, NodeState.STOPPING.name())
                .containsEntry(PullStateAttributes.PENDING_EVENT_IDS, legacy.notice().id())
                .containsEntry(AzHealthAttributes.HEALTH, AzHealthAttributes.HEALTH_RESTORED);
        assertThat(legacy.runningAtApproval()).as("node1 runs nothing when its event is approved").isEmpty();
        assertThat(legacy.startRequests()).as("approved once").hasSize(1);
        assertThat(legacy.after())
                .doesNotContainEntry(PullStateAttributes.STANDBY, PullStateAttributes.STANDBY_ON)
                .containsEntry(PullStateAttributes.STATE, NodeState.AVAILABLE.name())
                .containsEntry(AzHealthAttributes.STATE, NodeState.AVAILABLE.name());
        assertThat(site.node("node1").standby()).isFalse();
        site.round(); // legacy-pullstate gives its pull lock back at the holder's next cycle
        assertThat(site.store("node1").readView().property(PullStateAttributes.PULL_STATE))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(PullStateAttributes.IDLE));
        assertThat(site.store("node1").readView().claims()).isEmpty();
    }
}
