package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract does not cover, with the real tools on a CIB file. */
class CibFileStoreTest {
    @TempDir
    Path dir;
    Path file;
    CountingRunner runner;
    CrmClusterAttributeStore store;

    @BeforeAll
    static void tools() {
        Requirements.requirePacemakerTools();
    }

    @BeforeEach
    void setUp() {
        file = CibFiles.copy(dir);
        runner = new CountingRunner(CommandRunner.local());
        store = CrmClusterAttributeStore.builder().cibFile(file).localNodeName("node1").runner(runner)
                .scratchDirectory(dir.resolve("scratch")).build();
    }

    /** What the store left in its scratch directory. */
    private List<Path> scratchLeftovers() {
        Path scratch = dir.resolve("scratch");
        if (!Files.exists(scratch)) {
            return List.of();
        }
        try (var files = Files.list(scratch)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String tool(String... argv) {
        CommandRunner.Result r = CommandRunner.local().run(List.of(argv), Map.of("CIB_file", file.toString()),
                Duration.ofSeconds(10));
        assertThat(r.exitCode()).as(String.join(" ", argv) + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    private static long epoch(ClusterView v) {
        return Long.parseLong(v.version().split("\\.")[1]);
    }

    @Test
    @DisplayName("the view shows running resources, clone instances by primitive id, and pending operations")
    void resources() {
        ClusterView v = store.readView();

        assertThat(v.node("node1").orElseThrow().runningResources())
                .containsExactlyInAnyOrder("dummy1", "health-azure-events");
        assertThat(v.node("node2").orElseThrow().runningResources())
                .containsExactlyInAnyOrder("dummy2", "health-azure-events");
        assertThat(v.node("node2").orElseThrow().pendingOperations()).isEqualTo(1);
        assertThat(v.node("node1").orElseThrow().pendingOperations()).isZero();
        assertThat(v.node("node3").orElseThrow().runningResources()).containsExactly("health-azure-events");
        assertThat(v.version()).isEqualTo("0.10.3");
        assertThat(v.property("node-health-strategy")).contains("custom");
        assertThat(v.node("node1").orElseThrow().transientAttributes()).containsEntry("#feature-set", "3.16.1");
    }

    @Test
    @DisplayName("a mixed batch of sets and deletes is one CIB transaction: the epoch moves by exactly one")
    void oneTransaction() {
        store.write(List.of(AttributeUpdate.set("node2", "azure-events-az_lastDocVersion", "3"),
                AttributeUpdate.setProperty("hostName_vm-2", "node2")));
        ClusterView before = store.readView();

        store.write(List.of(
                AttributeUpdate.set("node1", "azure-events-az_curNodeState", "STOPPING"),
                AttributeUpdate.set("node1", "azure-events-az_pendingEventIDs", "0c3a4c4d-1111-4a4a-9b9b-0123456789ab"),
                AttributeUpdate.set("node1", "#health-azure", "-1000000"),
                AttributeUpdate.delete("node2", "azure-events-az_lastDocVersion"),
                AttributeUpdate.setProperty("hostName_vm-1", "node1"),
                AttributeUpdate.deleteProperty("hostName_vm-2")));

        ClusterView after = store.readView();
        assertThat(epoch(after)).isEqualTo(epoch(before) + 1);
        ClusterNode n1 = after.node("node1").orElseThrow();
        assertThat(n1.permanentAttribute("azure-events-az_curNodeState")).contains("STOPPING");
        assertThat(n1.healthValue("#health-azure")).hasValue(-1_000_000L);
        assertThat(after.node("node2").orElseThrow().permanentAttribute("azure-events-az_lastDocVersion")).isEmpty();
        assertThat(after.property("hostName_vm-1")).contains("node1");
        assertThat(after.property("hostName_vm-2")).isEmpty();
        assertThat(tool("crm_verify", "-L")).isEmpty();
    }

    @Test
    @DisplayName("nvpairs are updated in place and get the ids crm_attribute gives, so both tools agree")
    void crmAttributeCompatible() {
        store.write(List.of(AttributeUpdate.set("node1", "#health-azure", "-1000000"),
                AttributeUpdate.set("node1", "azure-events-az_curNodeState", "STOPPING"),
                AttributeUpdate.setProperty("hostName_vm-1", "node1")));

        String cib = tool("cibadmin", "--query");
        assertThat(cib).contains("<nvpair id=\"nodes-1-.health-azure\" name=\"#health-azure\" value=\"-1000000\"/>")
                .contains("id=\"nodes-1-azure-events-az_curNodeState\"")
                .contains("id=\"cib-bootstrap-options-hostName_vm-1\"");
        assertThat(cib.split("name=\"#health-azure\"", -1)).hasSize(4); // one per node, none duplicated
        assertThat(tool("crm_attribute", "--node", "node1", "--name", "azure-events-az_curNodeState", "--query"))
                .contains("value=STOPPING");

        tool("crm_attribute", "--node", "node2", "--name", "azure-events-az_curNodeState", "--update", "IN_EVENT");
        store.write(List.of(AttributeUpdate.set("node2", "azure-events-az_curNodeState", "AVAILABLE")));
        assertThat(tool("cibadmin", "--query", "--xpath", "//nvpair[@name='azure-events-az_curNodeState']"))
                .contains("nodes-2-azure-events-az_curNodeState\" name=\"azure-events-az_curNodeState\" value=\"AVAILABLE")
                .doesNotContain("IN_EVENT");
    }

    @Test
    @DisplayName("values are escaped, never spliced into the XML")
    void escaping() {
        String nasty = "a&b<c>\"d\"'e' ]]> </nvpair><x/>";
        store.write(List.of(AttributeUpdate.set("node1", "note", nasty), AttributeUpdate.setProperty("note", nasty)));

        ClusterView v = store.readView();
        assertThat(v.node("node1").orElseThrow().permanentAttribute("note")).contains(nasty);
        assertThat(v.property("note")).contains(nasty);
        assertThat(tool("crm_verify", "-L")).isEmpty();
    }

    @Test
    @DisplayName("processes: a view is one, a write after it is one, a write that changes nothing is none")
    void processCount() {
        store.readView();
        assertThat(runner.count()).isEqualTo(1);

        runner.reset();
        store.write(List.of(AttributeUpdate.set("node1", "#health-azure", "0")));
        assertThat(runner.count()).as("no-op after a view").isZero();

        runner.reset();
        store.readView();
        store.write(List.of(AttributeUpdate.set("node1", "#health-azure", "-1000000"),
                AttributeUpdate.set("node1", "azure-events-az_curNodeState", "STOPPING")));
        assertThat(runner.count()).as("view + write").isEqualTo(2);

        runner.reset();
        store.write(List.of(AttributeUpdate.set("node1", "#health-azure", "0")));
        assertThat(runner.count()).as("write without a fresh view: read + patch").isEqualTo(2);
        assertThat(runner.commands()).extracting(c -> c.get(0) + " " + c.get(1))
                .containsExactly("crm_simulate --live-check", "cibadmin --patch");
    }

    @Test
    @DisplayName("cost: milliseconds per view and per write on a 3-node CIB file (printed)")
    void cost() {
        int rounds = 10;
        long view = 0;
        long write = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            store.readView();
            long t1 = System.nanoTime();
            store.write(List.of(AttributeUpdate.set("node1", "azure-events-az_lastDocVersion", Integer.toString(i)),
                    AttributeUpdate.set("node1", "azure-events-az_curNodeState", i % 2 == 0 ? "AVAILABLE" : "ON_HOLD")));
            write += System.nanoTime() - t1;
            view += t1 - t0;
        }
        System.out.printf("CIB_file: readView 1 process (crm_simulate --live-check) %.1f ms; write after view "
                + "1 process (cibadmin --patch) %.1f ms%n", view / 1e6 / rounds, write / 1e6 / rounds);
        assertThat(runner.count()).isEqualTo(2 * rounds);
    }

    @Test
    @DisplayName("a write computed from an outdated view is recomputed, not applied over a newer CIB")
    void staleSnapshot() {
        store.readView();
        tool("crm_attribute", "--node", "node1", "--name", "azure-events-az_curNodeState", "--update", "IN_EVENT");

        runner.reset();
        store.write(List.of(AttributeUpdate.set("node1", "azure-events-az_lastDocVersion", "9")));

        assertThat(runner.commands()).extracting(c -> c.get(1)).containsExactly("--patch", "--live-check", "--patch");
        ClusterNode n1 = store.readView().node("node1").orElseThrow();
        assertThat(n1.permanentAttribute("azure-events-az_curNodeState")).contains("IN_EVENT");
        assertThat(n1.permanentAttribute("azure-events-az_lastDocVersion")).contains("9");
    }

    @Test
    @DisplayName("standby is read from the permanent or the transient attribute")
    void standby() {
        tool("crm_attribute", "--node", "node2", "--name", "standby", "--update", "on");
        tool("crm_attribute", "--node", "node3", "--name", "standby", "--update", "on", "--lifetime", "reboot");

        ClusterView v = store.readView();
        assertThat(v.nodes()).extracting(ClusterNode::standby).containsExactly(false, true, true);
    }

    @Test
    @DisplayName("claims: a property set of their own that crm_verify accepts; threads racing get one winner")
    void claimRace() throws Exception {
        Instant expiry = Instant.parse("2030-01-01T00:00:00.123456789Z");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 3; round++) {
                String id = "azevents-race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (String node : List.of("node1", "node2", "node3")) {
                    CrmClusterAttributeStore s = CibFiles.store(file, node, CommandRunner.local());
                    Callable<Boolean> c = () -> {
                        go.await();
                        return s.tryAcquire(new Claim(id, node, expiry));
                    };
                    results.add(pool.submit(c));
                }
                go.countDown();
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> f : results) {
                    won.add(f.get());
                }
                assertThat(won).containsOnlyOnce(true);
                Claim held = store.readView().claims().get(id);
                assertThat(held.owner()).isEqualTo("node" + (won.indexOf(true) + 1));
                assertThat(held.expiresAt()).isEqualTo(expiry);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.readView().clusterProperties()).noneSatisfy((k, v) -> assertThat(k).contains("claim"));
        assertThat(tool("crm_verify", "-L")).isEmpty();
    }

    @Test
    @DisplayName("the local node comes from OCF_RESKEY_CRM_meta_on_node, and a bad value is an error")
    void localNameFromEnvironment() {
        CrmClusterAttributeStore fromEnv = CrmClusterAttributeStore.builder().cibFile(file)
                .environment(Map.of(CrmClusterAttributeStore.ON_NODE_ENV, "node3")).build();
        assertThat(fromEnv.localNodeName()).isEqualTo("node3");
        assertThat(fromEnv.readView().local().name()).isEqualTo("node3");

        CrmClusterAttributeStore bad = CrmClusterAttributeStore.builder().cibFile(file)
                .environment(Map.of(CrmClusterAttributeStore.ON_NODE_ENV, "node1;rm")).build();
        assertThatThrownBy(bad::localNodeName).hasMessageContaining(CrmClusterAttributeStore.ON_NODE_ENV);
    }

    @Test
    @DisplayName("when crm_node -n fails, the error says what ran and what it answered; nothing is guessed")
    void localNameFailure() {
        CommandRunner failing = (argv, env, timeout) -> new CommandRunner.Result(102, "",
                "crm_node: Could not connect to controller: Connection refused");
        CrmClusterAttributeStore s = CrmClusterAttributeStore.builder().cibFile(file).runner(failing)
                .environment(Map.of()).build();

        assertThatThrownBy(s::localNodeName).isInstanceOfSatisfying(CommandFailedException.class, e -> {
            assertThat(e.commandLine()).containsExactly("crm_node", "-n");
            assertThat(e.exitCode()).isEqualTo(102);
            assertThat(e.stderr()).contains("Connection refused");
        });
    }

    @Test
    @DisplayName("a command that fails raises an error with its command line, exit code and stderr")
    void commandFailure() throws Exception {
        Files.writeString(file, "<not-a-cib/>");
        assertThatThrownBy(store::readView).isInstanceOfSatisfying(CommandFailedException.class, e -> {
            assertThat(e.commandLine()).startsWith("crm_simulate", "--live-check");
            assertThat(e.exitCode()).isPositive();
            assertThat(e.getMessage()).contains("crm_simulate --live-check").contains("exited " + e.exitCode())
                    .contains("CIB query failed");
        });
        assertThat(scratchLeftovers()).as("the private copy is deleted after a failure too").isEmpty();
    }

    @Test
    @DisplayName("an update for a node the CIB does not know is refused before anything is written")
    void unknownNode() {
        String before = store.readView().version();
        assertThatThrownBy(() -> store.write(List.of(AttributeUpdate.set("node9", "x", "1"))))
                .hasMessageContaining("node9");
        assertThat(store.readView().version()).isEqualTo(before);
    }

    @Test
    @DisplayName("the CIB copy a view reads is private (directory 0700, file 0600) and gone afterwards, also on failure")
    void privateCopies() {
        List<String> seen = new ArrayList<>();
        CommandRunner inspecting = (argv, env, timeout) -> {
            String save = argv.stream().filter(a -> a.startsWith("--save-output=")).findFirst().orElseThrow();
            Path copy = Path.of(save.substring("--save-output=".length()));
            try {
                seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())) + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)) + " " + Files.size(copy));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return CommandRunner.local().run(argv, env, timeout);
        };
        CrmClusterAttributeStore s = CrmClusterAttributeStore.builder().cibFile(file).localNodeName("node1")
                .runner(inspecting).scratchDirectory(dir.resolve("scratch")).build();

        assertThat(s.readView().nodes()).hasSize(3);
        assertThat(seen).containsExactly("rwx------ rw------- 0");
        assertThat(scratchLeftovers()).isEmpty();

        CommandRunner timingOut = (argv, env, timeout) -> {
            throw new CommandFailedException(argv, CommandFailedException.NO_EXIT_CODE, "no answer", true, null);
        };
        CrmClusterAttributeStore failing = CrmClusterAttributeStore.builder().cibFile(file).localNodeName("node1")
                .runner(timingOut).scratchDirectory(dir.resolve("scratch")).build();
        assertThatThrownBy(failing::readView).isInstanceOf(CommandFailedException.class);
        assertThat(scratchLeftovers()).isEmpty();
    }

    @Test
    @DisplayName("attributes of remote and guest nodes: a node entry is created as crm_attribute creates it")
    void remoteNodeAttributes() throws Exception {
        Path mine = CibFiles.copy(dir, CibFiles.REMOTE_GUEST);
        Path theirs = CibFiles.copy(dir, CibFiles.REMOTE_GUEST);
        CrmClusterAttributeStore s = CibFiles.store(mine, "node1", CommandRunner.local());

        s.write(List.of(AttributeUpdate.set("remote1", "#health-azure", "-1000000"),
                AttributeUpdate.set("remote1", "azure-events-az_curNodeState", "STOPPING"),
                AttributeUpdate.set("guest1", "#health-azure", "0"),
                AttributeUpdate.delete("httpd-bundle-0", "#health-azure")));
        CibFiles.tool(theirs, "crm_attribute", "--node", "remote1", "--name", "#health-azure", "--update", "-1000000");
        CibFiles.tool(theirs, "crm_attribute", "--node", "remote1", "--name", "azure-events-az_curNodeState",
                "--update", "STOPPING");
        CibFiles.tool(theirs, "crm_attribute", "--node", "guest1", "--name", "#health-azure", "--update", "0");

        assertThat(canonicalNodes(mine)).isEqualTo(canonicalNodes(theirs));
        ClusterView v = s.readView();
        assertThat(v.node("remote1").orElseThrow().permanentAttribute("#health-azure")).contains("-1000000");
        assertThat(v.node("remote1").orElseThrow().healthy()).isFalse();
        assertThat(v.node("guest1").orElseThrow().permanentAttribute("#health-azure")).contains("0");
        assertThat(CibFiles.tool(mine, "crm_attribute", "--node", "remote1", "--name", "#health-azure", "--query"))
                .contains("value=-1000000");

        s.write(List.of(AttributeUpdate.set("remote1", "#health-azure", "0")));
        assertThat(CibFiles.tool(mine, "cibadmin", "--query", "--scope", "nodes"))
                .contains("<nvpair id=\"nodes-remote1-.health-azure\" name=\"#health-azure\" value=\"0\"/>");
        assertThat(CibFiles.tool(mine, "crm_verify", "--live-check")).isEmpty();
    }

    /** The nodes section with each element's attributes sorted, for comparing what two tools wrote. */
    private static String canonicalNodes(Path file) throws Exception {
        String xml = CibFiles.tool(file, "cibadmin", "--query", "--scope", "nodes");
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = f.newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        StringBuilder b = new StringBuilder();
        canonical(doc.getDocumentElement(), b);
        return b.toString();
    }

    private static void canonical(org.w3c.dom.Element e, StringBuilder b) {
        java.util.TreeMap<String, String> attrs = new java.util.TreeMap<>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            attrs.put(e.getAttributes().item(i).getNodeName(), e.getAttributes().item(i).getNodeValue());
        }
        b.append('<').append(e.getTagName()).append(attrs).append('>');
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element c) {
                canonical(c, b);
            }
        }
        b.append("</").append(e.getTagName()).append('>');
    }
}
