package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azevents status}, {@code explain}, {@code migrate} and {@code demo}, run from the built jar
 * against a CIB file and an IMDS simulator on loopback, as an administrator would run them.
 */
class OperatorCommandsIT {
    /** An OCF provider of this run only: two builds on one machine must not remove each other's agents. */
    static final String PROVIDER = "azevents-it-ops" + ProcessHandle.current().pid() % 10_000;

    @TempDir
    Path dir;
    Path cib;
    ImdsSimulator imds;
    static final String EVENT = "6f1b2c3d-4e5f-4a6b-8c7d-0123456789ab";

    @BeforeEach
    void cluster() throws IOException {
        cib = Cibs.documented(dir);
        Cibs.runCluster(cib);
        imds = ImdsSimulator.start(new ImdsRegion(), "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        imds.close();
    }

    private Cli.Result azevents(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--cib-file", cib.toString(), "--node", "node1", "--imds-url", imds.baseUrl().toString()));
        return Cli.run(Map.of("HA_RSCTMP", dir.toString()), all.toArray(String[]::new));
    }

    @Test
    @DisplayName("status shows every node, its health and state, and the events this VM sees")
    void status() {
        imds.add(ScheduledEvent.of(EVENT, EventType.REBOOT,
                Optional.of(Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS)), "node1-vm")
                .withInitiator(EventInitiator.USER));

        Cli.Result r = azevents("status");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("strategy az-health").contains("node1").contains("node2").contains("node3")
                .contains("AVAILABLE").contains("Reboot Scheduled by User for [node1-vm]").contains(EVENT)
                .contains("left)");
        assertThat(r.out().lines()).allMatch(l -> l.length() <= 80, "fits 80 columns");
    }

    @Test
    @DisplayName("status --json is data, and without IMDS it says why events are missing")
    void statusJson() {
        Cli.Result json = azevents("status", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"canTakeResources\": true").contains("\"health\": \"0\"");

        imds.close();
        Cli.Result noImds = azevents("status");
        assertThat(noImds.exitCode()).as(noImds.toString()).isZero();
        assertThat(noImds.out()).contains("events: not read (IMDS:");
    }

    @Test
    @DisplayName("explain --event Reboot tells what a user-initiated reboot would do, and writes nothing")
    void explainHypothetical() throws IOException {
        byte[] before = Files.readAllBytes(cib);

        Cli.Result r = azevents("explain", "--event", "Reboot");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        // Text is wrapped to 80 columns: compare it with its line breaks folded.
        assertThat(r.out().replaceAll("\\s+", " ")).contains("if Azure scheduled a Reboot (User) for node1-vm")
                .contains("node2 and node3 can take the resources").contains("because")
                .contains("Then, holding the claim, on the cluster read again:")
                .contains("azure-events-az_curNodeState=STOPPING")
                .contains("dry run: nothing was written or approved");
        assertThat(r.out().lines()).allMatch(l -> l.length() <= 80, "fits 80 columns");
        assertThat(Files.readAllBytes(cib)).isEqualTo(before);
        assertThat(imds.requests()).noneMatch(q -> q.method().equals("POST"));
    }

    @Test
    @DisplayName("explain with nothing scheduled says there is nothing to do")
    void explainIdle() {
        Cli.Result r = azevents("explain");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("State of node1 after this cycle: AVAILABLE");
    }

    @Test
    @DisplayName("migrate switches the Python azure-events in place, then to azure-events-az, each only in maintenance mode")
    void migrate() throws IOException {
        Path legacy = dir.resolve("legacy.xml");
        Files.copy(Path.of("src/test/resources/three-nodes.cib.xml"), legacy);
        Cli.tool(legacy, "crm", "configure", "primitive", "azure-events", "ocf:heartbeat:azure-events",
                "params", "eventTypes=Reboot,Redeploy", "op", "monitor", "interval=10s");
        Cli.tool(legacy, "crm", "configure", "clone", "cln_azure-events", "azure-events");
        Cli.tool(legacy, "crm_attribute", "--type", "crm_config", "--name", "azure-events_globalPullState", "--update", "IDLE");
        Cli.Result status = Cli.run(Map.of(), "status", "--cib-file", legacy.toString(), "--node", "node1",
                "--strategy", "legacy-pullstate");
        assertThat(status.out()).as("status shows the strategy's own cluster properties: %s", status)
                .contains("cluster property azure-events_globalPullState=IDLE");

        Cli.Result plan = Cli.run(Map.of(), "migrate", "--shell", "crmsh", "--cib-file", legacy.toString());
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("crm configure property maintenance-mode=true")
                .contains("cibadmin --modify --scope resources --xml-text")
                .contains("provider=\"azevents\"").contains("kept: resource azure-events, in clone cln_azure-events")
                .contains("azure-events_globalPullState=IDLE");

        Cli.Result refused = Cli.run(Map.of(), "migrate", "--apply", "--cib-file", legacy.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("not in maintenance mode");

        Cli.tool(legacy, "crm", "configure", "property", "maintenance-mode=true");
        Cli.Result notInstalled = Cli.run(Map.of(), "migrate", "--apply", "--provider", "azevents-none",
                "--cib-file", legacy.toString());
        assertThat(notInstalled.exitCode()).isEqualTo(1);
        assertThat(notInstalled.err()).contains("is not installed on this node");

        // crmsh reads the new agent's meta-data, so the agent must be installed: a provider of the test's own.
        Path provider = Path.of("/usr/lib/ocf/resource.d", PROVIDER);
        Cli.requireWritable(provider.getParent());
        try {
            Files.createDirectories(provider);
            for (String type : new String[] {"azure-events", "azure-events-az"}) {
                Path agent = provider.resolve(type);
                Files.writeString(agent, "#!/bin/sh\nexec " + Cli.javaBin() + " -jar " + Cli.jar() + " ocf " + type
                        + " \"$@\"\n");
                agent.toFile().setExecutable(true);
            }
            Cli.Result switched = Cli.run(Map.of(), "migrate", "--apply", "--provider", PROVIDER,
                    "--cib-file", legacy.toString());
            assertThat(switched.exitCode()).as(switched.toString()).isZero();
            assertThat(Files.readString(legacy)).contains("provider=\"" + PROVIDER + "\"");

            Cli.Result toHealth = Cli.run(Map.of(), "migrate", "--shell", "crmsh", "--provider", PROVIDER,
                    "--cib-file", legacy.toString());
            assertThat(toHealth.out()).as(toHealth.toString()).contains("crm configure delete --force azure-events")
                    .contains("crm_attribute --node node3 --name '#health-azure' --update 0")
                    .contains("allow-unhealthy-nodes=true");
            Cli.Result applied = Cli.run(Map.of(), "migrate", "--apply", "--shell", "crmsh", "--provider",
                    PROVIDER, "--cib-file", legacy.toString());
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
        } finally {
            for (String type : new String[] {"azure-events", "azure-events-az"}) {
                Files.deleteIfExists(provider.resolve(type));
            }
            Files.deleteIfExists(provider);
        }

        Cli.Result check = Cli.run(Map.of(), "check", "--cib-file", legacy.toString());
        assertThat(check.out()).as(check.toString()).doesNotContain("ERROR").doesNotContain("leftover-pull-state");
    }

    @Test
    @DisplayName("the demo plays a Reboot end to end and exits 0")
    void demo() {
        Cli.Result r = Cli.run(Map.of(), "demo");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("DRAINED").contains("EMPTY").contains("APPROVED").contains("BACK")
                .contains("HOME").contains("Pacemaker's cibadmin and crm_simulate");
        assertThat(r.out().indexOf("EMPTY")).isLessThan(r.out().indexOf("APPROVED"));
    }

    @Test
    @DisplayName("every command answers --help, and a wrong option is a usage error with exit 2")
    void help() {
        for (String c : new String[] {"status", "explain", "check", "migrate", "demo"}) {
            Cli.Result r = Cli.run(Map.of(), c, "--help");
            assertThat(r.exitCode()).as(c).isZero();
            assertThat(r.out()).contains("usage: azevents");
        }
        Cli.Result bad = Cli.run(Map.of(), "status", "--colour");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown option --colour");
    }
}
