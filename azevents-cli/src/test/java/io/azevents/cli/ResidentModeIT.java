package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.EventType;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident mode from the built jar: {@code start} launches a poller, {@code monitor} only checks
 * its heartbeat, an event is drained without waiting for a monitor, {@code stop} ends the poller, and
 * a dead poller fails the monitor with a reason.
 */
class ResidentModeIT {
    @TempDir
    Path dir;
    Path cib;
    ImdsSimulator imds;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        cib = Cibs.documented(dir);
        Cibs.runCluster(cib);
        imds = ImdsSimulator.start(new ImdsRegion(), "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        env = new HashMap<>(Map.of("CIB_file", cib.toString(), "HA_RSCTMP", dir.toString(),
                "OCF_RESOURCE_INSTANCE", "health-azure-events", "OCF_RESKEY_CRM_meta_on_node", "node1",
                "OCF_RESKEY_imds_url", imds.baseUrl().toString(), "OCF_RESKEY_mode", "resident"));
    }

    @AfterEach
    void tearDown() {
        Cli.run(env, "ocf", "azure-events-az", "stop");
        imds.close();
    }

    private Cli.Result ocf(String action) {
        return Cli.run(env, "ocf", "azure-events-az", action);
    }

    private String health() {
        Cli.Result r = Cli.exec(java.util.List.of("crm_attribute", "--node", "node1", "--name", "#health-azure",
                "--query", "--quiet"), Map.of("CIB_file", cib.toString()), 30);
        return r.out().trim();
    }

    @Test
    @DisplayName("the poller drains node1 for a new event on its own, and stop ends it")
    void drainsWithoutMonitor() throws Exception {
        Cli.Result start = ocf("start");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(ocf("monitor").exitCode()).isZero();
        long pid = Long.parseLong(Files.readString(dir.resolve("azevents-health-azure-events.state.pid")).trim());
        assertThat(ProcessHandle.of(pid)).isPresent();

        long t0 = System.nanoTime();
        imds.schedule(EventType.REBOOT);
        boolean drained = Cli.within(30_000, () -> health().equals("-1000000"));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(drained).as("node1 drained by the poller, with no monitor run").isTrue();
        System.out.println("resident poller: drain requested " + ms + " ms after the event appeared");
        assertThat(ocf("stop").exitCode()).isZero();
        assertThat(Cli.within(10_000, () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))).isTrue();
        assertThat(ocf("monitor").exitCode()).isEqualTo(7);
    }

    @Test
    @DisplayName("a dead poller fails the monitor with a reason")
    void deadPoller() throws Exception {
        assertThat(ocf("start").exitCode()).isZero();
        long pid = Long.parseLong(Files.readString(dir.resolve("azevents-health-azure-events.state.pid")).trim());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertThat(Cli.within(10_000, () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))).isTrue();

        Cli.Result r = ocf("monitor");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ocf-exit-reason:the resident poller is not running");
    }

    @Test
    @DisplayName("an unknown mode is refused by validate-all")
    void badMode() {
        env.put("OCF_RESKEY_mode", "turbo");
        Cli.Result r = ocf("validate-all");
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.err()).contains("mode: 'turbo' is not a mode");
    }

    private Cli.Result wrapperMonitor() {
        Path wrapper = ArchitectureTest.projectRoot().resolve("packaging/ocf/azure-events-az");
        return Cli.exec(java.util.List.of(wrapper.toString(), "monitor"), env, 30);
    }

    @Test
    @DisplayName("the packaged wrapper answers a resident monitor from the heartbeat alone, like the agent")
    void wrapperFastPath() throws Exception {
        assertThat(wrapperMonitor().exitCode()).as("never started").isEqualTo(7);
        assertThat(ocf("start").exitCode()).isZero();
        // No java for the wrapper: the fast path must not need one.
        env.put("AZEVENTS_JAVA", "/nonexistent/java");
        Cli.Result healthy = wrapperMonitor();
        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();

        Path heartbeat = dir.resolve("azevents-health-azure-events.state.heartbeat");
        long pid = Long.parseLong(Files.readString(dir.resolve("azevents-health-azure-events.state.pid")).trim());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertThat(Cli.within(10_000, () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))).isTrue();
        Cli.Result dead = wrapperMonitor();
        assertThat(dead.exitCode()).isEqualTo(1);
        assertThat(dead.err()).contains("ocf-exit-reason:the resident poller is not running");
        assertThat(heartbeat).exists();
    }
}
