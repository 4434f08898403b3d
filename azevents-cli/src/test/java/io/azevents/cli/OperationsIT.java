package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's view of what the agent did, from the built jar against a CIB file (real
 * {@code cibadmin} and {@code crm_simulate}) and the IMDS simulator on loopback: the history and the
 * counters a Reboot leaves, an idle monitor that writes nothing, the node_exporter textfile of the
 * resident poller, and {@code observe_only}, which must write nothing to the CIB and approve nothing.
 */
class OperationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    Path cib;
    Path history;
    ImdsSimulator imds;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        cib = Cibs.documented(dir);
        Cibs.runCluster(cib);
        history = dir.resolve("history");
        imds = ImdsSimulator.start(new ImdsRegion(), "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        env = new HashMap<>(Map.of("CIB_file", cib.toString(), "HA_RSCTMP", dir.toString(),
                "OCF_RESOURCE_INSTANCE", "health-azure-events", "OCF_RESKEY_CRM_meta_on_node", "node1",
                "OCF_RESKEY_imds_url", imds.baseUrl().toString(), "OCF_RESKEY_mode", "stateless",
                "AZEVENTS_HISTORY_DIR", history.toString()));
    }

    @AfterEach
    void tearDown() {
        Cli.run(env, "ocf", "azure-events-az", "stop");
        imds.close();
    }

    private Cli.Result ocf(String action) {
        Cli.Result r = Cli.run(env, "ocf", "azure-events-az", action);
        assertThat(r.exitCode()).as(action + "\n" + r).isZero();
        return r;
    }

    private JsonNode historyJson(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("history", "--json"));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(env, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return JSON.readTree(r.out());
    }

    private static List<String> kinds(JsonNode model) {
        List<String> kinds = new ArrayList<>();
        model.get("entries").forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }

    @Test
    @DisplayName("a Reboot's story: history --json tells it with its id, drain, approval and return; metrics count it")
    void rebootStory() throws Exception {
        ocf("start");
        ocf("monitor"); // records azName and hostName_: one entry
        long size = Files.size(history.resolve("history.jsonl"));
        ocf("monitor");
        assertThat(Files.size(history.resolve("history.jsonl"))).as("an idle monitor writes no history").isEqualTo(size);

        ScheduledEvent event = imds.schedule(EventType.REBOOT);
        ocf("monitor");      // seen, claim, drain
        Cibs.runCluster(cib); // the scheduler moves db and app away
        ocf("monitor");      // empty, approval
        ocf("monitor");      // Started
        imds.completeEvent(event.id());
        ocf("monitor");      // gone, restored

        JsonNode story = historyJson("--event", event.id().substring(0, 8));
        assertThat(story.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(kinds(story)).containsExactly("seen", "claim-taken", "drain", "claim-released", "node-empty",
                "approval", "started", "gone", "restored");
        JsonNode entries = story.get("entries");
        assertThat(entries.get(0).get("event").get("type").asText()).isEqualTo("Reboot");
        assertThat(entries.get(0).get("event").get("resources").get(0).asText()).isEqualTo("node1-vm");
        assertThat(entries.get(2).get("events").get(0).asText()).isEqualTo(event.id());
        assertThat(entries.get(2).get("reason").asText()).isNotBlank();
        assertThat(entries.get(5).get("result").asText()).isEqualTo("accepted");
        assertThat(entries.get(5).get("marginSeconds").asDouble()).isPositive();
        assertThat(entries.get(8).get("subject").asText()).isEqualTo("node1");
        assertThat(entries.get(8).get("durationSeconds").asDouble()).isNotNegative();

        Cli.Result metrics = Cli.run(env, "metrics");
        assertThat(metrics.exitCode()).isZero();
        assertThat(metrics.out()).contains("azevents_approvals_total{result=\"accepted\"} 1\n",
                "azevents_drains_total 1\n", "azevents_restores_total 1\n",
                "type=\"Reboot\"} 1\n",
                "azevents_drain_duration_seconds_count 1\n", "azevents_approval_margin_seconds_count 1\n",
                "# TYPE azevents_last_successful_cycle_timestamp_seconds gauge\n");

        Cli.Result text = Cli.run(env, "history");
        assertThat(text.out()).contains("drain", event.id().substring(0, 8), "approval");
        assertThat(Cli.run(env, "status", "--no-imds").out()).contains("azevents history");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rwx------");
        try (var files = Files.list(history)) {
            files.forEach(f -> assertThat(perms(f)).as(f.toString()).isEqualTo("rw-------"));
        }
    }

    private static String perms(Path f) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("the resident poller keeps azevents.prom in the node_exporter textfile directory")
    void textfile() throws Exception {
        Path prom = dir.resolve("textfile");
        Files.createDirectories(prom);
        env.put("OCF_RESKEY_mode", "resident");
        env.put("OCF_RESKEY_metrics_textfile_dir", prom.toString());
        ocf("start");
        imds.schedule(EventType.REBOOT);
        Path file = prom.resolve("azevents.prom");
        assertThat(Cli.within(30_000, () -> Files.exists(file) && read(file).contains("azevents_drains_total 1")))
                .as("textfile with the drain counted").isTrue();
        assertThat(perms(file)).isEqualTo("rw-r--r--");
        try (var files = Files.list(prom)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("azevents.prom");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    @DisplayName("observe_only=true writes nothing to the CIB, approves nothing, and records what it would have done")
    void shadow() throws Exception {
        env.put("OCF_RESKEY_observe_only", "true");
        ocf("start");
        byte[] before = Files.readAllBytes(cib);
        ScheduledEvent event = imds.schedule(EventType.REBOOT);
        for (int i = 0; i < 3; i++) {
            ocf("monitor");
        }

        assertThat(Files.readAllBytes(cib)).as("the CIB file, byte for byte").isEqualTo(before);
        assertThat(imds.requests().stream().filter(r -> r.method().equals("POST")).toList()).as("approvals").isEmpty();
        assertThat(imds.region().approvals()).isEmpty();
        JsonNode model = historyJson();
        assertThat(kinds(model)).containsSubsequence("seen", "claim-taken", "drain");
        assertThat(kinds(model).stream().filter("drain"::equals)).as("decided every cycle, recorded once").hasSize(1);
        model.get("entries").forEach(e -> assertThat(e.get("observeOnly").asBoolean()).isTrue());
        assertThat(Cli.run(env, "metrics").out()).contains("azevents_shadow_decisions_total{kind=\"drain\"} 1")
                .doesNotContain("azevents_drains_total 1");

        // The other agent (the Python one, here played by crm_attribute) drains node1 a little later.
        for (String[] a : new String[][] {{"azure-events-az_curNodeState", "STOPPING"},
                {"azure-events-az_pendingEventIDs", event.id()}, {"#health-azure", "-1000000"}}) {
            Cli.tool(cib, "crm_attribute", "--node", "node1", "--name", a[0], "--update", a[1]);
        }
        ocf("monitor");

        Cli.Result compare = Cli.run(env, "history", "--compare");
        assertThat(compare.exitCode()).isZero();
        assertThat(compare.out().replace('\n', ' ')).as(compare.toString())
                .contains("node1 drain: azevents would have at").contains("the cluster did at");
        JsonNode rows = JSON.readTree(Cli.run(env, "history", "--compare", "--json").out()).get("comparison");
        assertThat(rows.get(0).get("verdict").asText()).isEqualTo("both");
        assertThat(rows.get(0).get("differenceSeconds").asDouble()).isNotNegative();
    }
}
