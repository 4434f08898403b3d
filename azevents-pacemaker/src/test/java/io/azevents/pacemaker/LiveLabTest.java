package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only a real cluster shows: the scheduler reacting to what the store writes, and real concurrency. */
@ExtendWith(LiveLab.class)
class LiveLabTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private ClusterLab lab;

    @BeforeEach
    void setUp() {
        lab = LiveLab.lab();
        LiveLabStoreContractTest.reset(lab);
    }

    private CrmClusterAttributeStore store(String node) {
        return LiveLabStoreContractTest.store(lab, node);
    }

    private static long epoch(ClusterView v) {
        return Long.parseLong(v.version().split("\\.")[1]);
    }

    /** Polls {@code condition} until it holds or the deadline passes; returns the last view's answer. */
    private static void await(String what, Supplier<Boolean> condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean runsOn(CrmClusterAttributeStore s, String rsc, String node) {
        return s.readView().node(node).orElseThrow().runningResources().contains(rsc);
    }

    /** node-health-strategy=custom, the health rule, and dummy1 preferring node1 (idempotent). */
    private void healthSetup(CrmClusterAttributeStore s) {
        s.write(List.of(AttributeUpdate.setProperty("node-health-strategy", "custom")));
        createIfMissing("resources", "<primitive id=\"dummy1\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
                + "<operations><op id=\"dummy1-monitor\" name=\"monitor\" interval=\"10s\"/></operations></primitive>");
        createIfMissing("constraints", "<rsc_location id=\"loc_azure_health\" rsc-pattern=\"!health-.*\">"
                + "<rule id=\"loc_azure_health-rule\" score-attribute=\"#health-azure\">"
                + "<expression id=\"loc_azure_health-rule-expression\" attribute=\"#uname\" operation=\"defined\"/>"
                + "</rule></rsc_location>");
        createIfMissing("constraints",
                "<rsc_location id=\"prefer-dummy1\" rsc=\"dummy1\" node=\"node1\" score=\"100\"/>");
        await("dummy1 runs on node1", () -> runsOn(s, "dummy1", "node1"));
    }

    @Test
    @DisplayName("#health-azure=-1000000 written through the store moves a Dummy off the node, 0 lets it back")
    void healthMovesResources() {
        CrmClusterAttributeStore node2 = store("node2");
        healthSetup(node2);

        CrmClusterAttributeStore node1 = store("node1");
        node1.write(List.of(AttributeUpdate.set("node1", "#health-azure", "-1000000")));
        await("dummy1 leaves node1 for a peer", () -> {
            ClusterView v = node2.readView();
            return !v.node("node1").orElseThrow().runningResources().contains("dummy1")
                    && (runsOnAny(v, "dummy1", "node2", "node3"));
        });
        assertThat(node1.readView().local().healthy()).isFalse();

        node1.write(List.of(AttributeUpdate.set("node1", "#health-azure", "0")));
        await("dummy1 comes back to node1", () -> runsOn(node2, "dummy1", "node1"));
        ClusterView v = node1.readView();
        assertThat(v.node("node2").orElseThrow().runningResources()).doesNotContain("dummy1");
        assertThat(v.node("node3").orElseThrow().runningResources()).doesNotContain("dummy1");
    }

    private static boolean runsOnAny(ClusterView v, String rsc, String... nodes) {
        for (String n : nodes) {
            if (v.node(n).orElseThrow().runningResources().contains(rsc)) {
                return true;
            }
        }
        return false;
    }

    private void createIfMissing(String scope, String xml) {
        CommandRunner.Result r = lab.exec("node1", "cibadmin", "--create", "--scope", scope, "--xml-text", xml);
        assertThat(r.exitCode()).as(r.stderr()).isIn(0, 108);
    }

    @Test
    @DisplayName("a mixed batch of sets and deletes over several nodes moves the live CIB's epoch by exactly one")
    void oneTransaction() {
        CrmClusterAttributeStore s = store("node3");
        s.write(List.of(AttributeUpdate.set("node2", "azure-events-az_lastDocVersion", "4"),
                AttributeUpdate.setProperty("hostName_vm-2", "node2")));

        ClusterView before = s.readView();
        s.write(List.of(
                AttributeUpdate.set("node1", "azure-events-az_curNodeState", "STOPPING"),
                AttributeUpdate.set("node1", "azure-events-az_pendingEventIDs", "0c3a4c4d-1111-4a4a-9b9b-0123456789ab"),
                AttributeUpdate.set("node3", "azure-events-az_curNodeState", "AVAILABLE"),
                AttributeUpdate.delete("node2", "azure-events-az_lastDocVersion"),
                AttributeUpdate.setProperty("hostName_vm-1", "node1"),
                AttributeUpdate.deleteProperty("hostName_vm-2")));
        ClusterView after = store("node1").readView();

        assertThat(epoch(after)).isEqualTo(epoch(before) + 1);
        assertThat(after.node("node1").orElseThrow().permanentAttribute("azure-events-az_curNodeState"))
                .contains("STOPPING");
        assertThat(after.node("node2").orElseThrow().permanentAttribute("azure-events-az_lastDocVersion")).isEmpty();
        assertThat(after.property("hostName_vm-2")).isEmpty();
        assertThat(lab.exec("node2", "crm_verify", "-L").exitCode()).isZero();
    }

    @Test
    @DisplayName("two nodes racing for one claim: exactly one wins, every time")
    void claimRace() throws Exception {
        Instant expiry = Instant.now().plusSeconds(600);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = "azevents-race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (String node : List.of("node1", "node2")) {
                    CrmClusterAttributeStore s = store(node);
                    results.add(pool.submit(() -> {
                        go.await();
                        return s.tryAcquire(new Claim(id, node, expiry));
                    }));
                }
                go.countDown();
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> f : results) {
                    won.add(f.get());
                }
                assertThat(won).containsOnlyOnce(true);
                String winner = "node" + (won.indexOf(true) + 1);
                assertThat(store("node3").readView().claims().get(id))
                        .isEqualTo(new Claim(id, winner, expiry));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("cost: processes and milliseconds per view and per write on 3 nodes (printed)")
    void cost() {
        CountingRunner counting = new CountingRunner(lab.runner("node1"));
        CrmClusterAttributeStore s = CrmClusterAttributeStore.builder().runner(counting)
                .environment(java.util.Map.of()).build();
        s.localNodeName();
        counting.reset();

        int rounds = 10;
        long viewNanos = 0;
        long writeNanos = 0;
        int viewProcs = 0;
        int writeProcs = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            ClusterView v = s.readView();
            long t1 = System.nanoTime();
            viewProcs += counting.count();
            counting.reset();
            s.write(List.of(AttributeUpdate.set("node1", "azure-events-az_lastDocVersion", Integer.toString(i)),
                    AttributeUpdate.set("node1", "azure-events-az_curNodeState", i % 2 == 0 ? "AVAILABLE" : "ON_HOLD")));
            long t2 = System.nanoTime();
            writeProcs += counting.count();
            counting.reset();
            viewNanos += t1 - t0;
            writeNanos += t2 - t1;
            assertThat(v.nodes()).hasSize(3);
        }
        System.out.printf("live (through cluster-lab exec): readView %.1f processes %.1f ms; write after view "
                + "%.1f processes %.1f ms%n", (double) viewProcs / rounds, viewNanos / 1e6 / rounds,
                (double) writeProcs / rounds, writeNanos / 1e6 / rounds);
        assertThat(viewProcs).isEqualTo(rounds);
        assertThat(writeProcs).isBetween(rounds, 2 * rounds); // a write after a view is 1, +2 per retry
    }

    @Test
    @DisplayName("the view agrees with crm_mon on the live cluster, and costs one process")
    void viewAgreesWithCrmMon() {
        CountingRunner counting = new CountingRunner(lab.runner("node2"));
        CrmClusterAttributeStore s = CrmClusterAttributeStore.builder().runner(counting).localNodeName("node2")
                .environment(java.util.Map.of()).build();
        for (int attempt = 1; ; attempt++) {
            counting.reset();
            ClusterView v = s.readView();
            assertThat(counting.commands()).singleElement().satisfies(c -> assertThat(c).contains("--live-check"));
            CrmMon mon = CrmMon.parse(lab.execOk("node2", "crm_mon", "--one-shot", "--output-as=xml"));
            try {
                StatusDifferentialTest.assertAgrees(v, mon);
                return;
            } catch (AssertionError e) {
                if (attempt == 5) {
                    throw e; // the cluster may move between the two reads; five disagreements are not that
                }
            }
        }
    }

    @Test
    @DisplayName("crm_simulate --live-check --save-output saves the live CIB as cibadmin --query shows it")
    void savedCopyIsTheLiveCib() throws Exception {
        Path dir = Files.createTempDirectory("azevents-livecopy-");
        try {
            Path copy = dir.resolve("cib.xml");
            for (int attempt = 1; ; attempt++) {
                lab.execOk("node2", "crm_simulate", "--live-check", "--save-output=" + copy, "--output-as=xml",
                        "--quiet");
                String query = lab.execOk("node2", "cibadmin", "--query");
                org.w3c.dom.Document saved = dom(Files.readString(copy));
                org.w3c.dom.Document live = dom(query);
                if (saved.isEqualNode(live)) {
                    return;
                }
                assertThat(attempt).as("the saved copy differs from the live CIB (not only by a concurrent update):"
                        + "\n%s\n---\n%s", Files.readString(copy), query).isLessThan(5);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    @DisplayName("a pacemaker-2.10 CIB: the copy is upgraded (same version), and a write computed from it lands")
    void oldSchema() {
        lab.execOk("node1", "cibadmin", "--modify", "--xml-text", "<cib validate-with=\"pacemaker-2.10\"/>");
        try {
            CrmClusterAttributeStore s = store("node2");
            ClusterView v = s.readView();
            s.write(List.of(AttributeUpdate.set("node3", "azure-events-az_curNodeState", "AVAILABLE"),
                    AttributeUpdate.setProperty("hostName_vm-3", "node3")));
            String live = lab.execOk("node1", "cibadmin", "--query");
            assertThat(live).contains("validate-with=\"pacemaker-2.10\"").contains("name=\"hostName_vm-3\"");
            assertThat(s.readView().node("node3").orElseThrow().permanentAttribute("azure-events-az_curNodeState"))
                    .contains("AVAILABLE");
            assertThat(v.nodes()).hasSize(3);
        } finally {
            lab.execOk("node1", "cibadmin", "--modify", "--xml-text", "<cib validate-with=\"pacemaker-3.9\"/>");
        }
    }

    @Test
    @DisplayName("fenced writes on the live cluster: written while held, refused once another node took the claim")
    void fencedWrite() {
        CrmClusterAttributeStore node1 = store("node1");
        CrmClusterAttributeStore node2 = store("node2");
        Instant now = Instant.now();
        Claim mine = new Claim("azevents-fence", "node1", now.plusSeconds(600));
        assertThat(node1.tryAcquire(mine)).isTrue();
        node1.readView();
        assertThat(node1.write(List.of(AttributeUpdate.set("node1", "azure-events-az_curNodeState", "STOPPING")),
                mine, now)).isTrue();

        node1.readView();
        assertThat(node2.release(mine)).isTrue(); // as a peer does once the lease has run out
        assertThat(node2.tryAcquire(new Claim("azevents-fence", "node2", now.plusSeconds(600)))).isTrue();
        assertThat(node1.write(List.of(AttributeUpdate.set("node1", "azure-events-az_curNodeState", "IN_EVENT")),
                mine, now)).isFalse();
        assertThat(store("node3").readView().node("node1").orElseThrow()
                .permanentAttribute("azure-events-az_curNodeState")).contains("STOPPING");
    }

    @Test
    @DisplayName("a drain forecast on the live cluster: dummy1 would leave node1, the CIB is untouched")
    void forecast() {
        CrmClusterAttributeStore node1 = store("node1");
        healthSetup(node1);
        ClusterView v = node1.readView();

        var f = node1.forecastDrain(v, List.of(AttributeUpdate.set("node1", "#health-azure", "-1000000")));

        assertThat(f.known()).as(f.source()).isTrue();
        assertThat(f.baseline().orElseThrow().nodesOf("dummy1")).containsExactly("node1");
        assertThat(f.drained().orElseThrow().nodesOf("dummy1")).isNotEmpty().doesNotContain("node1");
        assertThat(f.stranded()).isEmpty();
        assertThat(node1.readView().node("node1").orElseThrow().permanentAttribute("#health-azure")).contains("0");
    }

    private static org.w3c.dom.Document dom(String xml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setIgnoringElementContentWhitespace(false);
        org.w3c.dom.Document d = f.newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        stripWhitespace(d.getDocumentElement());
        return d;
    }

    private static void stripWhitespace(org.w3c.dom.Node n) {
        for (org.w3c.dom.Node c = n.getFirstChild(); c != null; ) {
            org.w3c.dom.Node next = c.getNextSibling();
            if (c.getNodeType() == org.w3c.dom.Node.TEXT_NODE && c.getTextContent().isBlank()) {
                n.removeChild(c);
            } else {
                stripWhitespace(c);
            }
            c = next;
        }
    }
}
