package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.ActionOutcome;
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
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.CrmClusterAttributeStore;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cluster row "a CIB write fails": the CIB refuses node1's n-th {@code cibadmin --patch} (the runner
 * answers exit 102, as cibadmin does when it cannot reach the CIB manager), for every n along a Reboot
 * of node1. The failed cycle must stop before any approval, the failure must be reported, and the
 * next cycles must repair the cluster. Real cibadmin on a CIB file, real HTTP to a simulator.
 */
class CibWriteFailureTest {

    @ParameterizedTest(name = "node1''s write #{0} is rejected")
    @ValueSource(ints = {1, 2, 3, 4})
    @DisplayName("a CIB write rejected at any point of a Reboot: the cycle stops before approving, reports it, and the next cycle repairs")
    void rejectedWriteIsRepaired(int failAt, @TempDir Path dir) throws Exception {
        Path cib = FaultKit.threeNodeCib(dir);
        ImdsRegion region = new ImdsRegion();
        AtomicInteger node1Patches = new AtomicInteger();
        List<CycleReport> failed = new ArrayList<>();
        Map<String, AzEventsAgent> agents = new HashMap<>();
        List<ImdsSimulator> sims = new ArrayList<>();
        try {
            for (String n : FaultKit.NODES) {
                ImdsSimulator sim = ImdsSimulator.start(region, n + "-vm", Visibility.ZONES,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                sims.add(sim);
                CommandRunner runner = CommandRunner.local();
                if (n.equals("node1")) {
                    CommandRunner real = runner;
                    runner = (argv, env, timeout) -> {
                        if (argv.contains("--patch") && node1Patches.incrementAndGet() == failAt) {
                            return new CommandRunner.Result(102, "", "Could not connect to the CIB manager: Transport endpoint is not connected (injected)");
                        }
                        return real.run(argv, env, timeout);
                    };
                }
                CrmClusterAttributeStore store = CrmClusterAttributeStore.builder().cibFile(cib).localNodeName(n)
                        .runner(runner).snapshotReuse(Duration.ZERO).build();
                ImdsScheduledEventsService source = new ImdsScheduledEventsService(ImdsConfig.builder()
                        .baseUrl(sim.baseUrl()).deadline(Duration.ofSeconds(10)).build());
                agents.put(n, new AzEventsAgent(source, store,
                        Strategies.discover().create("az-health", AgentConfig.of(Map.of())), Clock.systemUTC(),
                        CycleListener.NONE));
            }
            ScheduledEvent e = null;
            boolean completed = false;
            boolean back = false;
            for (int round = 0; round < 15 && !back; round++) {
                if (round == 1) {
                    e = region.schedule(EventType.REBOOT, "node1-vm");
                }
                for (String n : FaultKit.NODES) {
                    if (!FaultKit.node(cib, n).online()) {
                        continue;
                    }
                    int approvals = region.approvals().size();
                    boolean nodeRanSomething = !FaultKit.node(cib, "node1").runningResources().isEmpty();
                    CycleReport r = agents.get(n).runCycle();
                    if (r.failure().isPresent()) {
                        failed.add(r);
                        assertThat(region.approvals()).as("a cycle whose write failed approves nothing").hasSize(approvals);
                        assertThat(r.outcomes().stream().dropWhile(o -> o.result() != ActionOutcome.Result.FAILED)
                                .skip(1).toList()).as("nothing after the failure ran")
                                .allMatch(o -> o.result() == ActionOutcome.Result.SKIPPED);
                    }
                    if (region.approvals().size() > approvals) {
                        assertThat(nodeRanSomething).as("approved while node1 still ran resources").isFalse();
                    }
                }
                FaultKit.simulate(cib);
                if (e != null && region.event(e.id()).map(ScheduledEvent::isStarted).orElse(false) && !completed) {
                    FaultKit.simulate(cib, "-d", "node1");
                    region.complete(e.id());
                    FaultKit.simulate(cib, "-u", "node1");
                    completed = true;
                }
                ClusterNode n1 = FaultKit.node(cib, "node1");
                back = completed && n1.permanentAttribute(FaultKit.AZ_STATE).orElse("AVAILABLE").equals("AVAILABLE")
                        && n1.permanentAttribute(FaultKit.HEALTH).orElse("").equals("0")
                        && n1.permanentAttribute(FaultKit.AZ_PENDING).isEmpty()
                        && n1.runningResources().size() == 2;
            }
            assertThat(failed).as("the injected rejection happened and was reported").hasSize(1);
            assertThat(failed.get(0).failure().orElseThrow().detail().orElse("")).contains("injected");
            assertThat(completed).as("the Reboot was approved and ran").isTrue();
            assertThat(back).as("node1 back: AVAILABLE, #health-azure=0, no pending ids, resources home\n"
                    + FaultKit.cibQuery(cib)).isTrue();
            assertThat(Files.exists(cib)).isTrue();
        } finally {
            sims.forEach(ImdsSimulator::close);
        }
    }
}
