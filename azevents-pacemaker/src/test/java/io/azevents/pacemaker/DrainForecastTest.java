package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecastDrain}: Pacemaker's scheduler ({@code crm_simulate --simulate}) on private copies. */
class DrainForecastTest {
    private static final String AGENT = "health-azure-events";

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Requirements.requireTools("cibadmin", "crm_attribute", "crm_simulate");
    }

    private CrmClusterAttributeStore store(Path file, CommandRunner runner) {
        return CrmClusterAttributeStore.builder().cibFile(file).localNodeName("node2").runner(runner)
                .scratchDirectory(dir.resolve("scratch")).build();
    }

    private static List<AttributeUpdate> drain(String node) {
        return List.of(AttributeUpdate.set(node, "#health-azure", "-1000000"),
                AttributeUpdate.set(node, "azure-events-az_curNodeState", "STOPPING"));
    }

    private boolean scratchEmpty() throws Exception {
        Path scratch = dir.resolve("scratch");
        try (var files = Files.list(scratch)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    @DisplayName("db banned from node3, node1 already drained: draining node2 strands db; two processes")
    void strandedWhenNowhereElse() throws Exception {
        Path file = CibFiles.copy(dir, CibFiles.HEALTH);
        CountingRunner runner = new CountingRunner(CommandRunner.local());
        CrmClusterAttributeStore s = store(file, runner);
        ClusterView view = s.readView();
        String cib = Files.readString(file);
        runner.reset();

        DrainForecast f = s.forecastDrain(view, drain("node2"));

        assertThat(f.known()).as(f.source()).isTrue();
        assertThat(f.failed()).isFalse();
        assertThat(f.source()).isEqualTo("crm_simulate");
        assertThat(f.baseline().orElseThrow().nodesOf("db")).containsExactly("node2");
        assertThat(f.drained().orElseThrow().nodesOf("db")).isEmpty();
        assertThat(f.stranded()).containsExactly("db");
        assertThat(runner.commands()).hasSize(2).allSatisfy(c -> assertThat(c).startsWith("crm_simulate")
                .anyMatch(a -> a.startsWith("--xml-file=")).contains("--simulate"));
        assertThat(Files.readString(file)).as("the cluster itself is untouched").isEqualTo(cib);
        assertThat(scratchEmpty()).isTrue();
    }

    @Test
    @DisplayName("without the ban, draining node2 moves db to node3: nothing stranded")
    void movesWithoutBan() {
        Path file = CibFiles.copy(dir, CibFiles.HEALTH);
        CibFiles.tool(file, "cibadmin", "--delete", "--xml-text", "<rsc_location id=\"ban-db-node3\"/>");
        CrmClusterAttributeStore s = store(file, CommandRunner.local());

        DrainForecast f = s.forecastDrain(s.readView(), drain("node2"));

        assertThat(f.stranded()).as(f.source()).isEmpty();
        assertThat(f.drained().orElseThrow().nodesOf("db")).containsExactly("node3");
        assertThat(f.stops(r -> r.equals("db"), "node2")).isTrue();
    }

    @Test
    @DisplayName("the agent clone stops on the drained node without allow-unhealthy-nodes, stays with it")
    void agentClone() {
        Path file = CibFiles.copy(dir, CibFiles.HEALTH);
        CrmClusterAttributeStore s = store(file, CommandRunner.local());

        DrainForecast allowed = s.forecastDrain(s.readView(), drain("node2"));
        assertThat(allowed.baseline().orElseThrow().resourcesOn("node2")).contains(AGENT);
        assertThat(allowed.stops(AGENT::equals, "node2")).as(allowed.source()).isFalse();
        assertThat(allowed.drained().orElseThrow().nodesOf(AGENT)).containsExactlyInAnyOrder("node1", "node2", "node3");

        CibFiles.tool(file, "cibadmin", "--delete", "--xml-text",
                "<nvpair id=\"health-azure-events-clone-meta-allow-unhealthy-nodes\"/>");
        DrainForecast notAllowed = s.forecastDrain(s.readView(), drain("node2"));
        assertThat(notAllowed.stops(AGENT::equals, "node2")).as(notAllowed.source()).isTrue();
        assertThat(notAllowed.baseline().orElseThrow().resourcesOn("node2")).contains(AGENT);
    }

    @Test
    @DisplayName("a view that is not the latest one read: the CIB is read again first (three processes)")
    void viewNotLatest() {
        Path file = CibFiles.copy(dir, CibFiles.HEALTH);
        CountingRunner runner = new CountingRunner(CommandRunner.local());
        CrmClusterAttributeStore s = store(file, runner);
        ClusterView assumed = s.readView().assuming(drain("node3"), Map.of());
        runner.reset();

        DrainForecast f = s.forecastDrain(assumed, drain("node2"));

        assertThat(f.stranded()).as(f.source()).containsExactly("db");
        assertThat(runner.commands()).extracting(c -> c.get(1).replaceFirst("=.*", ""))
                .containsExactly("--live-check", "--xml-file", "--xml-file");
    }

    @Test
    @DisplayName("draining a remote node with no node entry: the copy gets one, as crm_attribute would make it")
    void remoteNode() {
        Path file = CibFiles.copy(dir, CibFiles.REMOTE_GUEST);
        CrmClusterAttributeStore s = store(file, CommandRunner.local());

        DrainForecast f = s.forecastDrain(s.readView(), List.of(AttributeUpdate.set("remote1", "standby", "on")));

        assertThat(f.known()).as(f.source()).isTrue();
        assertThat(f.baseline().orElseThrow().nodesOf("db")).containsExactly("remote1");
        assertThat(f.drained().orElseThrow().nodesOf("db")).isNotEmpty().doesNotContain("remote1");
        assertThat(f.stranded()).isEmpty();
    }

    @Test
    @DisplayName("a scheduler failure is a failed forecast naming the command and its exit code; never thrown")
    void failure() throws Exception {
        Path file = CibFiles.copy(dir, CibFiles.HEALTH);
        CommandRunner failingSimulation = (argv, env, timeout) -> argv.contains("--simulate")
                ? new CommandRunner.Result(64, "", "crm_simulate: something broke")
                : CommandRunner.local().run(argv, env, timeout);
        CrmClusterAttributeStore s = store(file, failingSimulation);

        DrainForecast f = s.forecastDrain(s.readView(), drain("node2"));

        assertThat(f.failed()).isTrue();
        assertThat(f.known()).isFalse();
        assertThat(f.source()).contains("crm_simulate").contains("--simulate").contains("exited 64")
                .contains("something broke");
        assertThat(scratchEmpty()).isTrue();

        DrainForecast unknownNode = store(file, CommandRunner.local())
                .forecastDrain(s.readView(), drain("node9"));
        assertThat(unknownNode.failed()).isTrue();
        assertThat(unknownNode.source()).contains("node9");

        CommandRunner throwing = (argv, env, timeout) -> {
            throw new IllegalStateException("runner exploded");
        };
        DrainForecast thrown = store(file, throwing).forecastDrain(s.readView(), drain("node2"));
        assertThat(thrown.failed()).isTrue();
        assertThat(thrown.source()).contains("runner exploded");
        assertThat(Optional.of(thrown).map(DrainForecast::stranded)).contains(List.of());
    }
}
