package com.example.azevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.AgentConfig;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ConfigException;
import io.azevents.core.NodeState;
import io.azevents.core.StrategyLookupException;
import io.azevents.core.Strategies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code own-standby} is registered in {@code META-INF/services}, so azevents finds it by name like
 * its built-in strategies, and it carries node1 through a Reboot on the example's own cluster.
 */
class ServiceLoaderTest {

    @Test
    void discoveredBesideTheBuiltInStrategies() {
        Strategies strategies = Strategies.discover();

        assertThat(strategies.names()).contains("own-standby", "az-health", "legacy-pullstate");
        assertThat(strategies.failures()).isEmpty();
        assertThat(strategies.provider("own-standby")).isInstanceOf(OwnStandbyStrategyProvider.class);
    }

    @Test
    void itsOwnKeysAreChecked() {
        AgentConfig bad = AgentConfig.of(Map.of(AgentConfig.STRATEGY, "own-standby",
                OwnStandbyStrategyProvider.CLAIM_LEASE_SECONDS, "5"));

        assertThatThrownBy(() -> AzEventsAgent.create(new Site().events("node1"), new Site().store("node1"), bad))
                .isInstanceOf(ConfigException.class).hasMessageContaining(OwnStandbyStrategyProvider.CLAIM_LEASE_SECONDS);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        Site site = new Site();
        AgentConfig typo = AgentConfig.of(Map.of(AgentConfig.STRATEGY, "own-stanby"));

        assertThatThrownBy(() -> AzEventsAgent.create(site.events("node1"), site.store("node1"), typo))
                .isInstanceOf(StrategyLookupException.class).hasMessageContaining("own-standby");
    }

    @Test
    void carriesNode1ThroughAReboot() {
        Site site = new Site().agents(AgentConfig.of(Map.of(AgentConfig.STRATEGY, "own-standby")));
        site.round();

        Site.Maintenance m = site.reboot("node1");

        assertThat(m.drained())
                .containsEntry(OwnStandbyStrategy.STANDBY, "on")
                .containsEntry(OwnStandbyStrategy.NAMES.state(), NodeState.STOPPING.name())
                .containsEntry(OwnStandbyStrategy.NAMES.pending(), m.notice().id());
        assertThat(m.runningAtApproval()).isEmpty();
        assertThat(m.startRequests()).as("approved once").hasSize(1);
        assertThat(m.after()).containsEntry(OwnStandbyStrategy.NAMES.state(), NodeState.AVAILABLE.name())
                .doesNotContainKeys(OwnStandbyStrategy.STANDBY, OwnStandbyStrategy.NAMES.pending());
        assertThat(site.store("node1").readView().claims()).isEmpty();
    }
}
