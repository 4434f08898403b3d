package com.example.azevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.azevents.core.AgentConfig;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.CycleReport;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent assembled by Guice from {@link AgentModule}: the ports, the configured strategy, a cycle. */
class GuiceWiringTest {

    private static Injector injector(Site site, String node, String strategy) {
        return Guice.createInjector(new AgentModule(site.roster, site.feed, node, Site.vm(node),
                AgentConfig.of(Map.of(AgentConfig.STRATEGY, strategy))));
    }

    @Test
    void theInjectorBuildsTheAgentFromThePortsAndTheConfiguredStrategy() {
        Injector injector = injector(new Site(), "node1", "own-standby");

        AzEventsAgent agent = injector.getInstance(AzEventsAgent.class);

        assertThat(agent.strategy()).isInstanceOf(OwnStandbyStrategy.class);
        assertThat(injector.getInstance(ClusterAttributeStore.class).localNodeName()).isEqualTo("node1");
        assertThat(injector(new Site(), "node2", "az-health").getInstance(AzEventsAgent.class).strategy().name())
                .isEqualTo("az-health");
    }

    @Test
    void anInjectedAgentRunsACycle() {
        Site site = new Site();
        site.feed.announce("Reboot", Duration.ofMinutes(15), "node1-vm");

        CycleReport report = injector(site, "node1", "own-standby").getInstance(AzEventsAgent.class).runCycle();

        assertThat(report.succeeded()).isTrue();
        assertThat(report.decisions()).extracting(d -> d.state()).containsExactly(NodeState.AVAILABLE, NodeState.STOPPING);
        assertThat(report.decision().actions()).last().isInstanceOf(PlannedAction.AcquireClaim.class);
        assertThat(site.node("node1").standby()).as("drained by the injected agent's first cycle").isTrue();
    }
}
