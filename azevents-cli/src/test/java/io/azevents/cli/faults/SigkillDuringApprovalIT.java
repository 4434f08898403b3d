package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.ClusterNode;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import io.azevents.simulation.RecordedRequest;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process row of the fault matrix, for real: the packaged agent's monitor is SIGKILLed while its
 * approval POST is in flight (the simulator holds the request), and the next monitor must finish
 * the job. Runs {@code java -jar azevents.jar ocf azure-events-az monitor} on a CIB file.
 */
class SigkillDuringApprovalIT {
    private static final String AGENT = "azure-events-az";

    @Test
    @DisplayName("monitor killed with SIGKILL mid-approval: nothing approved, the next monitor approves, node1 comes back after the Reboot")
    void killedMidApprovalConverges(@TempDir Path dir) throws Exception {
        Path cib = FaultKit.threeNodeCib(dir);
        Path rsctmp = dir.resolve("rsctmp");
        Files.createDirectories(rsctmp);
        ImdsRegion region = new ImdsRegion();
        try (ImdsSimulator sim = ImdsSimulator.start(region, "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Map<String, String> env = FaultKit.ocfEnv(cib, rsctmp, "node1", sim.baseUrl().toString());
            ok(FaultKit.ocf(env, AGENT, "start"));
            ok(FaultKit.ocf(env, AGENT, "monitor"));
            ScheduledEvent e = sim.schedule(EventType.REBOOT);

            // Drain: monitor and scheduler until node1 is empty (STOPPING, #health-azure=-1000000).
            for (int i = 0; i < 5 && !FaultKit.node(cib, "node1").runningResources().isEmpty(); i++) {
                ok(FaultKit.ocf(env, AGENT, "monitor"));
                FaultKit.simulate(cib);
            }
            ClusterNode drained = FaultKit.node(cib, "node1");
            assertThat(drained.runningResources()).isEmpty();
            assertThat(drained.permanentAttribute(FaultKit.AZ_STATE)).contains("STOPPING");
            assertThat(region.approvals()).isEmpty();

            // The approving monitor: the scheduled-events GET is answered, the approval POST hangs.
            sim.clearRequests();
            sim.failNext(Fault.delay(Duration.ZERO));
            sim.failNext(Fault.delay(Duration.ofSeconds(300)));
            ProcessBuilder pb = new ProcessBuilder(FaultKit.ocfArgv(List.of(), AGENT, "monitor"))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(dir.resolve("killed.out").toFile())
                    .redirectError(dir.resolve("killed.err").toFile());
            pb.environment().clear();
            String history = System.getenv("AZEVENTS_HISTORY_DIR"); // under target/, never /var/lib
            if (history != null) {
                pb.environment().put("AZEVENTS_HISTORY_DIR", history);
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sim.requests().stream().noneMatch(r -> r.method().equals("POST"))) {
                assertThat(p.isAlive()).as("the monitor ended before its approval: "
                        + Files.readString(dir.resolve("killed.err"))).isTrue();
                assertThat(System.nanoTime()).as("no approval POST within 60 s").isLessThan(deadline);
                FaultKit.sleep(Duration.ofMillis(50));
            }
            FaultKit.sleep(Duration.ofMillis(200));
            p.destroyForcibly(); // SIGKILL on Linux
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            List<RecordedRequest> seen = sim.requests();
            assertThat(seen).extracting(RecordedRequest::method).as("the hung request was the approval")
                    .containsExactly("GET", "POST");
            sim.clearFaults();
            assertThat(region.approvals()).as("the killed approval did not get through").isEmpty();
            assertThat(FaultKit.node(cib, "node1").permanentAttribute(FaultKit.HEALTH)).contains("-1000000");

            // The next monitor finishes: node1 still empty, so it approves.
            assertThat(FaultKit.node(cib, "node1").runningResources()).isEmpty();
            ok(FaultKit.ocf(env, AGENT, "monitor"));
            assertThat(region.approvedIds()).containsExactly(e.id());
            assertThat(region.event(e.id()).orElseThrow().isStarted()).isTrue();
            assertThat(FaultKit.node(cib, "node1").permanentAttribute(FaultKit.AZ_STATE)).contains("IN_EVENT");

            // The VM reboots and the event ends; node1's own agent brings it back.
            FaultKit.simulate(cib, "-d", "node1");
            region.complete(e.id());
            FaultKit.simulate(cib, "-u", "node1");
            ok(FaultKit.ocf(env, AGENT, "start"));
            ok(FaultKit.ocf(env, AGENT, "monitor"));
            FaultKit.simulate(cib);
            ClusterNode back = FaultKit.node(cib, "node1");
            assertThat(back.permanentAttribute(FaultKit.AZ_STATE)).contains("AVAILABLE");
            assertThat(back.permanentAttribute(FaultKit.HEALTH)).contains("0");
            assertThat(back.permanentAttribute(FaultKit.AZ_PENDING)).isEmpty();
            assertThat(back.runningResources()).containsExactlyInAnyOrder("db", "app");
            assertThat(region.approvals()).hasSize(1);
        }
    }

    private static void ok(FaultKit.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }
}
