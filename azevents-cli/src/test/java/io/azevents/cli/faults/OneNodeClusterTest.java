package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.AgentConfig;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterNode;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.Strategies;
import io.azevents.imds.ImdsConfig;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cluster row "a one-node cluster", on a one-node CIB file (real cibadmin, crm_simulate as the
 * scheduler) and a simulator: with nowhere to move the resources the node never drains, goes
 * ON_HOLD, approves nothing, and is AVAILABLE again as soon as the event is gone (weakness 3).
 */
class OneNodeClusterTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"az-health", "legacy-pullstate"})
    @DisplayName("one node: a Reboot never drains it (ON_HOLD, nothing approved), and ON_HOLD ends once the event is gone")
    void neverDrainsNeverStuck(String strategy, @TempDir Path dir) throws Exception {
        FaultKit.requireTools("cibadmin", "crm_simulate");
        Path cib = dir.resolve("cib.xml");
        String demo = new String(FaultKit.class.getResourceAsStream("/io/azevents/cli/demo/demo-cib.xml").readAllBytes());
        // Keep node1 only.
        demo = demo.replaceAll("(?s)<node id=\"2\".*?</node>\\s*<node id=\"3\".*?</node>", "");
        Files.writeString(cib, demo);
        FaultKit.simulate(cib, "-u", "node1");
        String prefix = strategy.equals("az-health") ? "azure-events-az_" : "azure-events_";
        ImdsRegion region = new ImdsRegion();
        try (ImdsSimulator sim = ImdsSimulator.start(region, "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            AzEventsAgent agent = new AzEventsAgent(new ImdsScheduledEventsService(ImdsConfig.builder()
                    .baseUrl(sim.baseUrl()).deadline(Duration.ofSeconds(10)).build()), FaultKit.store(cib, "node1"),
                    Strategies.discover().create(strategy, AgentConfig.of(Map.of())), Clock.systemUTC(), CycleListener.NONE);
            agent.runCycle();
            ScheduledEvent e = region.schedule(EventType.REBOOT, "node1-vm");
            for (int i = 0; i < 4; i++) {
                CycleReport r = agent.runCycle();
                assertThat(r.failure()).isEmpty();
                FaultKit.simulate(cib);
            }
            ClusterNode n1 = FaultKit.node(cib, "node1");
            assertThat(n1.permanentAttribute(prefix + "curNodeState")).contains("ON_HOLD");
            assertThat(n1.canRunResources()).as("never drained").isTrue();
            assertThat(n1.runningResources()).containsExactlyInAnyOrder("db", "app");
            assertThat(region.approvals()).isEmpty();

            // Azure starts it anyway when it is due; once it is over, node1 is AVAILABLE by itself.
            region.start(e.id());
            agent.runCycle();
            region.complete(e.id());
            agent.runCycle();
            FaultKit.simulate(cib);
            n1 = FaultKit.node(cib, "node1");
            assertThat(n1.permanentAttribute(prefix + "curNodeState").orElse("AVAILABLE")).isEqualTo("AVAILABLE");
            assertThat(n1.canRunResources()).isTrue();
            assertThat(n1.permanentAttribute(prefix + "pendingEventIDs")).isEmpty();
            assertThat(n1.runningResources()).containsExactlyInAnyOrder("db", "app");
        }
    }
}
