package io.azevents.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.RecordedRequest;
import io.azevents.testkit.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What operators get from the agent, on a live 3-node lab (see {@link LiveClusterAgentIT} for the lab,
 * the per-node IMDS simulators and the test OCF provider): a Reboot of node1 played end to end with
 * the az-health agent in its default (resident) mode and the shipped alert agent configured with
 * {@code crm configure alert ... select attributes}, as the administrator's guide says. The alert
 * writes to a file (its recipient) instead of syslog; the test reads the lines it wrote, node1's
 * {@code azevents history --json} and {@code azevents metrics}.
 *
 * <p>Deviation for the lab: the nodes share the host's {@code /var/lib}, so the agent keeps its
 * history in each node's own {@code /run} (parameter {@code history_dir}).
 */
class OperationsLabIT {
    static final String RUN = "azo" + ProcessHandle.current().pid() % 10_000;
    static final String PROVIDER = "azevents-ops-" + RUN;
    static final Path PROVIDER_DIR = TestProvider.dir(PROVIDER);
    static final List<String> NODES = List.of("node1", "node2", "node3");
    static final List<String> DUMMIES = List.of("dummy1", "dummy2");
    static final Duration STEP = Duration.ofSeconds(60);
    static final String HISTORY = "/run/azevents-history";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean installedProvider;
    private static Path work;
    private static Path jar;
    private static String java;
    private Lab lab;
    private final List<NodeImds> imds = new ArrayList<>();
    private Poller poller;
    private Thread hook;

    @BeforeAll
    static void requirementsAndProvider() throws IOException {
        Requirements.requireLab();
        Requirements.requireTools("crm");
        Path built = Lab.projectRoot().resolve("azevents-cli/target/azevents.jar");
        if (!Files.isRegularFile(built)) {
            throw new AssertionError("needs " + built + " (run the package phase first)");
        }
        work = Files.createTempDirectory("azevents-ops-it");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        NodeImds.prepareRelay(work.resolve("relay-classes"));
        for (Class<?> c : List.of(Lab.class, Lab.Result.class, NodeImds.class, Poller.class, Snapshot.class,
                Snapshot.NodeInfo.class, UnixRelay.class)) {
            c.getName();
        }
        jar = Files.copy(built, work.resolve("azevents.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Path alert = Files.copy(Lab.projectRoot().resolve("packaging/alerts/azevents-alert"),
                work.resolve("azevents-alert"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(alert, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The alert runs as hacluster: its recipient file lives in a directory anyone may write.
        Path alerts = Files.createDirectories(work.resolve("alerts"));
        Files.setPosixFilePermissions(alerts, PosixFilePermissions.fromString("rwxrwxrwx"));
        java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        installedProvider = true;
        TestProvider.install(PROVIDER_DIR, "OperationsLabIT", java, LiveClusterAgentIT.JVM_FLAGS, jar, "",
                List.of("azure-events-az"));
    }

    @AfterAll
    static void removeProvider() throws IOException {
        TestProvider.remove(installedProvider, PROVIDER_DIR, work);
    }

    @BeforeEach
    void up() {
        lab = new Lab(RUN, "10.215.0", work.resolve("lab"));
        hook = new Thread(this::tearDown, "ops-lab-it-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        lab.up(NODES.size());
        for (String n : NODES) {
            lab.execOk(n, "ip", "addr", "add", NodeImds.IMDS_ADDRESS + "/32", "dev", "lo");
        }
    }

    @AfterEach
    void down() {
        tearDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down
        }
    }

    private synchronized void tearDown() {
        if (poller != null) {
            poller.close();
            poller = null;
        }
        imds.forEach(NodeImds::close);
        imds.clear();
        if (lab != null) {
            lab.down();
            lab = null;
        }
    }

    @Test
    @DisplayName("a Reboot of node1: the alert agent writes drained, approved, back in order; history and metrics tell it")
    void rebootAlertsHistoryMetrics() throws IOException {
        List<ImdsRegion> regions = new ArrayList<>();
        for (int i = 1; i <= NODES.size(); i++) {
            ImdsRegion r = new ImdsRegion();
            regions.add(r);
            imds.add(NodeImds.start(r, "node" + i + "-vm", Visibility.ZONES, lab.netns(i), work));
        }
        Path alertLog = work.resolve("alerts").resolve("alerts.log");
        // The admin guide's recipe, with the file recipient and syslog off for the test.
        crm("configure", "alert", "azevents-alert", work.resolve("azevents-alert").toString(),
                "attributes", "syslog=false", "select", "attributes", "{", "azevents-notice", "}", "to", alertLog.toString());
        lab.configureNodeHealth(NODES);
        lab.configureDummies(DUMMIES, "node1");
        crm("configure", "primitive", "health-azure-events", "ocf:" + PROVIDER + ":azure-events-az",
                "params", "eventTypes=Reboot,Redeploy", "history_dir=" + HISTORY,
                "op", "start", "interval=0s", "timeout=60s", "op", "monitor", "interval=4s", "timeout=60s",
                "meta", "failure-timeout=120s");
        crm("configure", "clone", "health-azure-events-cln", "health-azure-events",
                "meta", "allow-unhealthy-nodes=true", "interleave=true");
        poller = new Poller(lab, "node3");
        poller.await("the Dummies on node1 and the agent running", STEP, Instant.now(),
                s -> DUMMIES.stream().allMatch(d -> s.where(d).equals(Set.of("node1")))
                        && s.where("health-azure-events").size() == NODES.size());
        awaitValue("a few polls on every node", STEP, () -> imds.stream()
                .allMatch(i -> i.simulator().requests("/metadata/scheduledevents").size() >= 3)
                ? Optional.of(true) : Optional.empty());
        assertThat(lines(alertLog)).as("no alert line before the event").isEmpty();

        ScheduledEvent event = regions.get(0).schedule(EventType.REBOOT, "node1-vm");
        RecordedRequest approval = awaitValue("node1's simulator receives the approval", STEP,
                () -> imds.get(0).approvals().stream().findFirst());
        assertThat(approval.body()).contains(event.id());
        Instant completed = Instant.now();
        regions.get(0).complete(event.id());
        poller.await("node1 healthy and AVAILABLE with the Dummies back", STEP, completed,
                s -> s.attribute("node1", "#health-azure").equals(Optional.of("0"))
                        && s.attribute("node1", "azure-events-az_curNodeState").equals(Optional.of("AVAILABLE"))
                        && DUMMIES.stream().allMatch(d -> s.where(d).equals(Set.of("node1"))));

        String due = event.notBefore().orElseThrow().truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> expected = List.of(
                "azevents: node1 is drained for Azure event " + event.id() + " (Reboot) due at " + due,
                "azevents: node1 asked Azure to start event " + event.id() + " now",
                "azevents: node1 is back after Azure event " + event.id());
        try {
            awaitValue("three alert lines", Duration.ofSeconds(30),
                    () -> lines(alertLog).size() >= 3 ? Optional.of(true) : Optional.empty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; lines: " + lines(alertLog) + "\n" + diagnostics(), e);
        }
        sleep(2000); // and no more
        assertThat(lines(alertLog)).as("the alert agent's lines, in order").containsExactlyElementsOf(expected);

        JsonNode history = JSON.readTree(lab.execOk("node1", java, "-jar", jar.toString(), "history", "--json",
                "--event", event.id(), "--dir", HISTORY));
        assertThat(history.get("schemaVersion").asInt()).isEqualTo(1);
        List<String> kinds = new ArrayList<>();
        history.get("entries").forEach(e -> {
            kinds.add(e.get("kind").asText());
            assertThat(e.get("events").toString()).contains(event.id());
        });
        assertThat(kinds).containsSubsequence("seen", "claim-taken", "drain", "node-empty", "approval", "gone",
                "restored");
        String metrics = lab.execOk("node1", java, "-jar", jar.toString(), "metrics", "--dir", HISTORY);
        assertThat(metrics).contains("azevents_approvals_total{result=\"accepted\"} 1\n", "azevents_drains_total 1\n",
                "azevents_restores_total 1\n");
        System.out.println("node1's history of the Reboot:\n" + lab.execOk("node1", java, "-jar", jar.toString(),
                "history", "--event", event.id(), "--dir", HISTORY));
    }

    @Test
    @DisplayName("observe_only beside the Python azure-events-az: it claims and approves nothing, records what it would have done, compares")
    void shadowBesidePython() throws IOException {
        Requirements.requireTools("python3");
        if (!Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/azure-events-az"))) {
            Requirements.unavailable("the Python agent ocf:heartbeat:azure-events-az (resource-agents)");
        }
        List<ImdsRegion> regions = new ArrayList<>();
        for (int i = 1; i <= NODES.size(); i++) {
            ImdsRegion r = new ImdsRegion();
            regions.add(r);
            imds.add(NodeImds.start(r, "node" + i + "-vm", Visibility.ZONES, lab.netns(i), work));
        }
        lab.configureNodeHealth(NODES);
        lab.configureDummies(DUMMIES, "node1");
        // The Python agent, as the reference article configures it (a shorter monitor, no start-delay) ...
        crm("configure", "primitive", "health-azure-events", "ocf:heartbeat:azure-events-az",
                "params", "eventTypes=Reboot,Redeploy", "verbose=false",
                "op", "start", "interval=0s", "timeout=60s", "op", "monitor", "interval=4s", "timeout=60s",
                "meta", "failure-timeout=120s");
        crm("configure", "clone", "health-azure-events-cln", "health-azure-events",
                "meta", "allow-unhealthy-nodes=true", "interleave=true");
        // ... and azevents beside it, watching only.
        crm("configure", "primitive", "health-azevents-shadow", "ocf:" + PROVIDER + ":azure-events-az",
                "params", "observe_only=true", "history_dir=" + HISTORY,
                "op", "start", "interval=0s", "timeout=60s", "op", "monitor", "interval=4s", "timeout=60s");
        crm("configure", "clone", "health-azevents-shadow-cln", "health-azevents-shadow",
                "meta", "allow-unhealthy-nodes=true", "interleave=true");
        poller = new Poller(lab, "node3");
        poller.await("the Dummies on node1, both agents running", STEP, Instant.now(),
                s -> DUMMIES.stream().allMatch(d -> s.where(d).equals(Set.of("node1")))
                        && s.where("health-azure-events").size() == NODES.size()
                        && s.where("health-azevents-shadow").size() == NODES.size());
        awaitValue("a few polls on node1", STEP, () -> imds.get(0).simulator()
                .requests("/metadata/scheduledevents").size() >= 6 ? Optional.of(true) : Optional.empty());

        // The Python agent drains node1 but, on Pacemaker 2.1, never approves: it scrapes crm_simulate's
        // text, which reads "Node node1: online (health is RED)" there (weakness 13 in docs/fault-matrix.md). azevents,
        // watching, would approve once node1 is empty; that is what --compare shows.
        Instant added = Instant.now();
        ScheduledEvent event = regions.get(0).schedule(EventType.REBOOT, "node1-vm");
        poller.await("the Python agent drains node1 and the Dummies leave", STEP, added,
                s -> s.attribute("node1", "azure-events-az_curNodeState").equals(Optional.of("STOPPING"))
                        && s.workloadOn("node1", "health-").isEmpty()
                        && DUMMIES.stream().allMatch(d -> !s.where(d).isEmpty()));
        sleep(10_000); // shadow cycles on the drained, empty node1
        for (int i = 0; i < NODES.size(); i++) {
            assertThat(imds.get(i).approvals()).as("approvals at node%d's IMDS: the Python agent's only", i + 1)
                    .allMatch(r -> !r.header("User-Agent").orElse("").contains("azevents"));
        }
        for (int i = 1; i <= NODES.size(); i++) {
            String log = Files.readString(lab.pacemakerLog(i), StandardCharsets.UTF_8);
            assertThat(log).as("node%d's CIB changes: no azevents claim, no azevents notice", i)
                    .doesNotContain("azevents-claim").doesNotContain("azevents-notice");
        }
        JsonNode history = JSON.readTree(lab.execOk("node1", java, "-jar", jar.toString(), "history", "--json",
                "--dir", HISTORY));
        List<String> kinds = new ArrayList<>();
        history.get("entries").forEach(e -> {
            kinds.add(e.get("kind").asText());
            assertThat(e.get("observeOnly").asBoolean()).isTrue();
        });
        assertThat(kinds).contains("seen", "cluster", "approval");
        assertThat(history.get("entries").toString()).contains(event.id());
        String compare = lab.execOk("node1", java, "-jar", jar.toString(), "history", "--compare", "--dir", HISTORY);
        System.out.println("azevents beside the Python agent, node1:\n" + lab.execOk("node1", java, "-jar",
                jar.toString(), "history", "--dir", HISTORY) + "\n--compare:\n" + compare);
        assertThat(compare.replace('\n', ' ')).contains("node1 drain")
                .contains("DIFFERS node1 approval: azevents would have at").contains("the event has not started");
    }

    /** What Pacemaker logged about the notices and the alert, on every node, for a failure message. */
    private String diagnostics() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= NODES.size(); i++) {
            try {
                Files.readAllLines(lab.pacemakerLog(i), StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("azevents-notice") || l.contains("notice not published")
                                || l.contains("alert") || l.contains("history"))
                        .filter(l -> !l.contains("cib_perform_op"))
                        .forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                b.append("no log for node").append(i).append('\n');
            }
        }
        b.append(lab.exec("node1", "crm", "configure", "show", "azevents-alert").out());
        return b.toString();
    }

    private void crm(String... args) {
        lab.crm(args);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            sleep(100);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
