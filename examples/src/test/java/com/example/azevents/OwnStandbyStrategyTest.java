package com.example.azevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.maintenance.Notice;
import io.azevents.core.AgentConfig;
import io.azevents.core.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code own-standby} does beyond the contract, on the example's own cluster. */
class OwnStandbyStrategyTest {

    @Test
    void aDrainDoesNotEndWhileANoticeThatCannotBeReadMayNameTheNode() {
        Site site = new Site().agents(AgentConfig.of(Map.of(AgentConfig.STRATEGY, "own-standby")));
        site.round();
        Notice reboot = site.feed.announce("Reboot", Duration.ofMinutes(15), "node1-vm");
        site.round();
        assertThat(site.node("node1").standby()).isTrue();

        Notice unreadable = new Notice("not-a-guid", "Reboot", Notice.SCHEDULED, List.of("node1-vm"),
                Optional.empty(), "", "Platform", -1);
        site.feed.post(unreadable);
        site.feed.withdraw(reboot.id());
        site.round();
        site.round();

        assertThat(site.node("node1").standby()).as("still drained").isTrue();
        assertThat(site.feed.startRequests()).as("nothing approved").isEmpty();

        site.feed.withdraw(unreadable.id());
        site.round();
        site.round();

        assertThat(site.node("node1").standby()).isFalse();
        assertThat(site.node("node1").attributes()).containsEntry(OwnStandbyStrategy.NAMES.state(), NodeState.AVAILABLE.name());
        assertThat(site.roster.servicesOn("node1")).containsExactlyElementsOf(Site.SERVICES);
    }
}
