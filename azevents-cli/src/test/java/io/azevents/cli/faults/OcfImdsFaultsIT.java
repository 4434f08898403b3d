package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.EventType;
import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IMDS rows of the fault matrix, through the packaged OCF agent: {@code java -jar azevents.jar ocf
 * azure-events-az monitor} as Pacemaker runs it (only OCF variables in its environment) on a 3-node
 * CIB file, with an {@link ImdsSimulator} on loopback reached through {@code OCF_RESKEY_imds_url}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcfImdsFaultsIT {
    private static final String AGENT = "azure-events-az";
    Path dir;
    Path cib;
    Path rsctmp;
    ImdsSimulator sim;

    @BeforeAll
    void setUp() throws IOException {
        dir = Files.createTempDirectory("azevents-imds-faults");
        cib = FaultKit.threeNodeCib(dir);
        rsctmp = dir.resolve("rsctmp");
        Files.createDirectories(rsctmp);
        sim = ImdsSimulator.start(new ImdsRegion(), "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FaultKit.Result start = FaultKit.ocf(env(Map.of()), AGENT, "start");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        // A first healthy cycle records the VM name (cache and azName), as on a running cluster.
        FaultKit.Result first = FaultKit.ocf(env(Map.of()), AGENT, "monitor");
        assertThat(first.exitCode()).as(first.toString()).isZero();
    }

    @AfterAll
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot remove " + dir + ": " + e);
        }
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(FaultKit.ocfEnv(cib, rsctmp, "node1", sim.baseUrl().toString()));
        env.putAll(extra);
        return env;
    }

    /** A loopback port nothing listens on: IMDS is down (connection refused). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void clearFailureState() {
        // Forget an earlier test's failing run, as a healthy cycle would.
        FaultKit.Result ok = FaultKit.ocf(env(Map.of()), AGENT, "monitor");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
    }

    @Test
    @DisplayName("IMDS hanging: the monitor ends within OCF_RESKEY_CRM_meta_timeout and, the outage being short, returns 0")
    void hangingImdsEndsWithinTheTimeout() {
        clearFailureState();
        String before = FaultKit.cibQuery(cib);
        sim.failNext(50, Fault.delay(Duration.ofSeconds(120)));
        try {
            // Default request_timeout (15 s) and retries: only the deadline derived from the timeout stops them.
            FaultKit.Result r = FaultKit.ocf(env(Map.of("OCF_RESKEY_CRM_meta_timeout", "10000")), AGENT, "monitor");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.elapsed()).as(r.toString()).isLessThan(Duration.ofSeconds(10));
            assertThat(r.err()).as(r.toString()).contains("tolerated");
            assertThat(FaultKit.cibQuery(cib)).as("nothing written while IMDS hangs").isEqualTo(before);
        } finally {
            sim.clearFaults();
        }
    }

    @Test
    @DisplayName("IMDS down: 0 during a short outage, then 1 with an ocf-exit-reason once imds_outage_tolerance is exceeded, 0 again when it is back")
    void imdsDownIsToleratedThenFailsTheMonitor() throws IOException {
        clearFailureState();
        String before = FaultKit.cibQuery(cib);
        Map<String, String> down = env(Map.of("OCF_RESKEY_imds_url", "http://127.0.0.1:" + closedPort(),
                "OCF_RESKEY_imds_outage_tolerance", "3", "OCF_RESKEY_retry_count", "1", "OCF_RESKEY_retry_wait", "1",
                "OCF_RESKEY_CRM_meta_timeout", "8000"));
        FaultKit.Result first = FaultKit.ocf(down, AGENT, "monitor");
        assertThat(first.exitCode()).as("a short outage is no resource failure\n" + first).isZero();
        assertThat(first.err()).as(first.toString()).doesNotContain("ocf-exit-reason");
        assertThat(first.elapsed()).as(first.toString()).isLessThan(Duration.ofSeconds(8));

        FaultKit.sleep(Duration.ofMillis(3500));
        FaultKit.Result late = FaultKit.ocf(down, AGENT, "monitor");
        assertThat(late.exitCode()).as("an outage beyond the tolerance fails the monitor\n" + late).isEqualTo(1);
        assertThat(late.err()).as(late.toString()).containsPattern("(?m)^ocf-exit-reason:cycles have failed for \\d+ s \\(tolerance 3 s\\): .+");
        assertThat(late.elapsed()).as(late.toString()).isLessThan(Duration.ofSeconds(8));
        assertThat(FaultKit.cibQuery(cib)).as("nothing written while IMDS is down").isEqualTo(before);

        FaultKit.Result back = FaultKit.ocf(env(Map.of("OCF_RESKEY_imds_outage_tolerance", "3")), AGENT, "monitor");
        assertThat(back.exitCode()).as("IMDS is back\n" + back).isZero();
        assertThat(back.err()).as(back.toString()).contains("cycles succeed again");
    }

    static Stream<Arguments> hostileDocuments() {
        String guid = "6f2b4a1e-2c1d-4c3b-9a8e-1f0e2d3c4b5a";
        return Stream.of(
                Arguments.of("event id with commas", doc("\"" + guid + ",other\"", "\"node1-vm\"")),
                Arguments.of("event id with quotes and XML specials", doc("\"x\\\"/><nvpair id=\\\"evil\\\" name=\\\"standby\\\" value=\\\"on\\\"/>&amp;\"", "\"node1-vm\"")),
                Arguments.of("event id with a newline", doc("\"" + guid + "\\nnode2\"", "\"node1-vm\"")),
                Arguments.of("very long event id", doc("\"" + "a".repeat(100_000) + "\"", "\"node1-vm\"")),
                Arguments.of("resource name with a comma", doc("\"" + guid + "\"", "\"node1-vm,node2-vm\"")),
                Arguments.of("resource name with quotes and XML specials", doc("\"" + guid + "\"", "\"node1-vm\\\"<x>&'\"")),
                Arguments.of("resource name with a newline", doc("\"" + guid + "\"", "\"node1-vm\\nnode2-vm\"")),
                Arguments.of("very long resource name", doc("\"" + guid + "\"", "\"node1-vm" + "x".repeat(5000) + "\"")));
    }

    private static String doc(String idJson, String resourceJson) {
        return "{\"DocumentIncarnation\":7,\"Events\":[{\"EventId\":" + idJson + ",\"EventStatus\":\"Scheduled\","
                + "\"EventType\":\"Reboot\",\"ResourceType\":\"VirtualMachine\",\"Resources\":[" + resourceJson + "],"
                + "\"NotBefore\":\"Mon, 19 Sep 2033 18:29:47 GMT\",\"Description\":\"\",\"EventSource\":\"Platform\","
                + "\"DurationInSeconds\":-1}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    @DisplayName("a hostile event id or resource name: the document is refused, nothing of it reaches the CIB, the monitor returns 0")
    void hostileDocumentNeverReachesTheCib(String what, String document) {
        clearFailureState();
        String before = FaultKit.cibQuery(cib);
        sim.failNext(20, Fault.body("application/json", document));
        try {
            FaultKit.Result r = FaultKit.ocf(env(Map.of()), AGENT, "monitor");
            assertThat(r.exitCode()).as(what + "\n" + r).isZero();
            // A hostile event is quarantined (reported, never written or approved); a hostile document
            // as a whole is refused and tolerated as an outage. Either way it is reported.
            assertThat(r.err()).as(what + ": the refusal is reported\n" + r).containsAnyOf("tolerated", "quarantine");
            String after = FaultKit.cibQuery(cib);
            assertThat(after).as(what + ": the CIB is unchanged").isEqualTo(before);
            assertThat(after).doesNotContain("evil").doesNotContain("node1-vm,").doesNotContain("node1-vmxxxx").doesNotContain("aaaaaaaaaa");
        } finally {
            sim.clearFaults();
        }
    }

    @Test
    @DisplayName("an event of unknown type and status for this VM is carried, not acted on, and does not crash the monitor")
    void unknownTypeAndStatus() {
        clearFailureState();
        String before = FaultKit.cibQuery(cib);
        String unknown = "{\"DocumentIncarnation\":9,\"Events\":[{\"EventId\":\"6f2b4a1e-2c1d-4c3b-9a8e-1f0e2d3c4b5a\","
                + "\"EventStatus\":\"Paused\",\"EventType\":\"Hibernate\",\"ResourceType\":\"VirtualMachine\","
                + "\"Resources\":[\"node1-vm\"],\"NotBefore\":\"\",\"Description\":\"\",\"EventSource\":\"Platform\","
                + "\"DurationInSeconds\":-1,\"FutureField\":{\"x\":1}}]}";
        sim.failNext(20, Fault.body("application/json", unknown));
        try {
            FaultKit.Result r = FaultKit.ocf(env(Map.of()), AGENT, "monitor");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).as(r.toString()).doesNotContain("tolerated").doesNotContain("ocf-exit-reason");
            assertThat(FaultKit.cibQuery(cib)).as("a type not in eventTypes drains nothing").isEqualTo(before);
        } finally {
            sim.clearFaults();
        }
    }

    @Test
    @DisplayName("a Reboot still drains after all these faults: the agent was not left broken")
    void stillWorksAfterwards() {
        clearFailureState();
        var e = sim.schedule(EventType.REBOOT);
        try {
            FaultKit.Result r1 = FaultKit.ocf(env(Map.of()), AGENT, "monitor");
            FaultKit.Result r2 = FaultKit.ocf(env(Map.of()), AGENT, "monitor");
            assertThat(r1.exitCode()).as(r1.toString()).isZero();
            assertThat(r2.exitCode()).as(r2.toString()).isZero();
            assertThat(FaultKit.node(cib, "node1").permanentAttribute(FaultKit.HEALTH)).contains("-1000000");
        } finally {
            sim.cancelEvent(e.id());
        }
    }
}
