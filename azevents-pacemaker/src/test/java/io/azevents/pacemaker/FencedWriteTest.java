package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fenced write, {@code write(updates, fence, now)}, with the real tools on a CIB file. */
class FencedWriteTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String HEALTH = "#health-azure";

    @TempDir
    Path dir;
    Path file;
    CountingRunner runner;
    CrmClusterAttributeStore node1;
    CrmClusterAttributeStore node2;
    Claim fence;

    @BeforeAll
    static void tools() {
        Requirements.requireTools("cibadmin", "crm_attribute", "crm_simulate");
    }

    @BeforeEach
    void setUp() {
        file = CibFiles.copy(dir);
        runner = new CountingRunner(CommandRunner.local());
        node1 = CibFiles.store(file, "node1", runner);
        node2 = CibFiles.store(file, "node2", CommandRunner.local());
        fence = new Claim("azevents-drain", "node1", NOW.plusSeconds(300));
        assertThat(node1.tryAcquire(fence)).isTrue();
    }

    private static List<AttributeUpdate> drain() {
        return List.of(AttributeUpdate.set("node1", HEALTH, "-1000000"),
                AttributeUpdate.set("node1", "azure-events-az_curNodeState", "STOPPING"));
    }

    private ClusterView view() {
        return CibFiles.store(file, "node3", CommandRunner.local()).readView();
    }

    @Test
    @DisplayName("claim held: written in one version-checked patch, one process after a view")
    void held() {
        ClusterView before = node1.readView();
        runner.reset();

        assertThat(node1.write(drain(), fence, NOW)).isTrue();

        assertThat(runner.commands()).extracting(c -> c.get(0) + " " + c.get(1)).containsExactly("cibadmin --patch");
        ClusterView after = view();
        assertThat(after.node("node1").orElseThrow().permanentAttribute(HEALTH)).contains("-1000000");
        assertThat(Long.parseLong(after.version().split("\\.")[1]))
                .isEqualTo(Long.parseLong(before.version().split("\\.")[1]) + 1);
    }

    @Test
    @DisplayName("claim replaced by another owner after the view: false, nothing written")
    void replaced() {
        node1.readView(); // the decision is made on a view that still shows the claim
        // the lease ran out from node2's point of view: it removes the claim and takes it
        CibFiles.tool(file, "cibadmin", "--delete", "--xml-text",
                "<cluster_property_set id=\"azevents-claim-azevents-drain\"/>");
        Claim theirs = new Claim("azevents-drain", "node2", NOW.plusSeconds(600));
        assertThat(node2.tryAcquire(theirs)).isTrue();
        String version = view().version();
        runner.reset();

        assertThat(node1.write(drain(), fence, NOW)).isFalse();

        assertThat(runner.commands()).as("the stale patch is refused, the fresh read shows the new owner")
                .extracting(c -> c.get(0) + " " + c.get(1))
                .containsExactly("cibadmin --patch", "crm_simulate --live-check");
        ClusterView after = view();
        assertThat(after.version()).isEqualTo(version);
        assertThat(after.node("node1").orElseThrow().permanentAttribute(HEALTH)).contains("0");
        assertThat(after.claims().get("azevents-drain")).isEqualTo(theirs);

        // without a view first: one read, no write
        runner.reset();
        assertThat(node1.write(drain(), fence, NOW)).isFalse();
        assertThat(runner.count()).isEqualTo(1);
        assertThat(view().version()).isEqualTo(version);
    }

    @Test
    @DisplayName("a claim with the same owner but another expiry is not the fence: false, nothing written")
    void renewedElsewhere() {
        Claim other = new Claim(fence.id(), fence.owner(), fence.expiresAt().plusSeconds(1));
        assertThat(node1.write(drain(), other, NOW)).isFalse();
        assertThat(view().node("node1").orElseThrow().permanentAttribute(HEALTH)).contains("0");
    }

    @Test
    @DisplayName("claim expired at now: false, nothing run, nothing written")
    void expired() {
        String version = view().version();
        runner.reset();

        assertThat(node1.write(drain(), fence, fence.expiresAt())).isFalse();
        assertThat(node1.write(drain(), fence, fence.expiresAt().plusSeconds(1))).isFalse();

        assertThat(runner.count()).isZero();
        assertThat(view().version()).isEqualTo(version);
    }

    @Test
    @DisplayName("the CIB changed between view and write, claim still held: read again, check again, written")
    void changedButHeld() {
        node1.readView();
        node2.write(List.of(AttributeUpdate.set("node2", "azure-events-az_curNodeState", "ON_HOLD")));
        runner.reset();

        assertThat(node1.write(drain(), fence, NOW)).isTrue();

        assertThat(runner.commands()).extracting(c -> c.get(0) + " " + c.get(1))
                .containsExactly("cibadmin --patch", "crm_simulate --live-check", "cibadmin --patch");
        ClusterView after = view();
        assertThat(after.node("node1").orElseThrow().permanentAttribute(HEALTH)).contains("-1000000");
        assertThat(after.node("node2").orElseThrow().permanentAttribute("azure-events-az_curNodeState"))
                .contains("ON_HOLD");
    }

    @Test
    @DisplayName("nothing to write: the claim is still checked on a fresh read (true when held, false when not)")
    void nothingToWrite() {
        List<AttributeUpdate> noOp = List.of(AttributeUpdate.set("node1", HEALTH, "0"));
        node1.readView();
        runner.reset();
        assertThat(node1.write(noOp, fence, NOW)).isTrue();
        assertThat(runner.commands()).extracting(c -> c.get(0)).containsExactly("crm_simulate");

        node1.readView();
        assertThat(node1.release(fence)).isTrue();
        assertThat(node1.write(noOp, fence, NOW)).isFalse();
        assertThat(node1.write(List.of(), fence, NOW)).isFalse();
    }
}
