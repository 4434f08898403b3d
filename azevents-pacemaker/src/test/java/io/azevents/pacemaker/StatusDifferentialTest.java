package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.NodeKind;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view against Pacemaker's own answer: for each CIB file, what the store reads must agree with
 * what {@code crm_mon --one-shot --output-as=xml} says of the same file (parsed independently, see
 * {@link CrmMon}) in every node's online, unclean, shutdown, standby and maintenance state, its kind,
 * the resources active on it, and the cluster's maintenance mode. Real tools, no daemons.
 */
class StatusDifferentialTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Requirements.requireTools("cibadmin", "crm_attribute", "crm_mon", "crm_simulate");
    }

    /** Reads the view of {@code file} (checking it costs {@code processes}) and checks it against crm_mon. */
    private static ClusterView agreeingView(Path file, int processes) {
        CountingRunner runner = new CountingRunner(CommandRunner.local());
        ClusterView v = CibFiles.store(file, "node1", runner).readView();
        assertThat(runner.count()).as("processes per view: %s", runner.commands()).isEqualTo(processes);
        assertThat(runner.commands().get(0)).startsWith("crm_simulate", "--live-check");
        assertAgrees(v, CrmMon.of(file));
        return v;
    }

    static void assertAgrees(ClusterView v, CrmMon mon) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(v.names()).as("nodes, in crm_mon's order").containsExactlyElementsOf(mon.nodes().keySet());
        for (CrmMon.Node m : mon.nodes().values()) {
            ClusterNode n = v.node(m.name()).orElse(null);
            if (n == null) {
                continue;
            }
            String who = m.name() + " " + m.attributes();
            soft.assertThat(n.online()).as("online: " + who).isEqualTo(m.flag("online") && !m.flag("pending"));
            soft.assertThat(n.standby()).as("standby: " + who).isEqualTo(m.flag("standby") || m.flag("standby_onfail"));
            soft.assertThat(n.status().maintenance()).as("maintenance: " + who).isEqualTo(m.flag("maintenance"));
            soft.assertThat(n.status().unclean()).as("unclean: " + who).isEqualTo(m.flag("unclean"));
            soft.assertThat(n.status().shutdown()).as("shutdown: " + who).isEqualTo(m.flag("shutdown"));
            NodeKind kind = "member".equals(m.get("type")) ? NodeKind.MEMBER
                    : m.get("id_as_resource") != null ? NodeKind.GUEST : NodeKind.REMOTE;
            soft.assertThat(n.status().kind()).as("kind: " + who).isEqualTo(kind);
            soft.assertThat(n.runningResources()).as("active resources: " + who)
                    .containsExactlyElementsOf(mon.activeByNode().get(m.name()));
        }
        soft.assertThat(v.maintenanceMode()).as("maintenance-mode").isEqualTo(mon.maintenanceMode());
        soft.assertAll();
    }

    @Test
    @DisplayName("a plain 3-node cluster: one process per view, as crm_mon says")
    void threeNodes() {
        ClusterView v = agreeingView(CibFiles.copy(dir), 1);
        assertThat(v.node("node2").orElseThrow().runningResources()).containsExactly("dummy2", "health-azure-events");
        assertThat(v.maintenanceMode()).isFalse();
    }

    @Test
    @DisplayName("remote, guest and bundle nodes are listed, online, of their kind, with what runs on them")
    void remoteGuestAndBundleNodes() {
        ClusterView v = agreeingView(CibFiles.copy(dir, CibFiles.REMOTE_GUEST), 1);

        ClusterNode remote = v.node("remote1").orElseThrow();
        assertThat(remote.online()).isTrue();
        assertThat(remote.status().kind()).isEqualTo(NodeKind.REMOTE);
        assertThat(remote.remote()).isTrue();
        assertThat(remote.runningResources()).containsExactly("db");
        assertThat(remote.transientAttributes()).containsEntry("foo", "bar");
        assertThat(remote.attributes()).isEmpty();
        assertThat(remote.canRunResources()).isTrue();

        ClusterNode guest = v.node("guest1").orElseThrow();
        assertThat(guest.online()).isTrue();
        assertThat(guest.status().kind()).isEqualTo(NodeKind.GUEST);
        assertThat(guest.runningResources()).containsExactly("web");

        ClusterNode bundle = v.node("httpd-bundle-0").orElseThrow();
        assertThat(bundle.status().kind()).isEqualTo(NodeKind.GUEST);
        assertThat(bundle.runningResources()).containsExactly("httpd");

        // what carries the remote, guest and bundle nodes runs on the members
        assertThat(v.node("node1").orElseThrow().runningResources()).containsExactly("remote1");
        assertThat(v.node("node2").orElseThrow().runningResources()).containsExactly("guest1", "vm-guest1");
        assertThat(v.node("node3").orElseThrow().runningResources())
                .containsExactly("httpd-bundle-0", "httpd-bundle-ip-10.0.0.50", "httpd-bundle-podman-0");
        assertThat(v.nodes()).filteredOn(n -> n.status().kind() == NodeKind.MEMBER).extracting(ClusterNode::name)
                .containsExactly("node1", "node2", "node3");
    }

    @Test
    @DisplayName("node maintenance in any crm_is_true spelling (on, YES), permanent or transient")
    void nodeMaintenance() {
        Path file = CibFiles.copy(dir);
        CibFiles.tool(file, "crm_attribute", "--node", "node2", "--name", "maintenance", "--update", "on");
        CibFiles.tool(file, "crm_attribute", "--node", "node3", "--name", "maintenance", "--update", "YES",
                "--lifetime", "reboot");

        ClusterView v = agreeingView(file, 1);
        assertThat(v.nodes()).extracting(n -> n.status().maintenance()).containsExactly(false, true, true);
        assertThat(v.node("node2").orElseThrow().canRunResources()).isFalse();
        assertThat(v.maintenanceMode()).isFalse();
    }

    @Test
    @DisplayName("cluster maintenance-mode=True: read from the snapshot in one process; remote nodes follow it")
    void clusterMaintenanceMode() {
        Path file = CibFiles.copy(dir, CibFiles.REMOTE_GUEST);
        CibFiles.tool(file, "crm_attribute", "--name", "maintenance-mode", "--update", "True");

        ClusterView v = agreeingView(file, 1);
        assertThat(v.maintenanceMode()).isTrue();
        // Pacemaker puts remote and guest nodes, whose connections are unmanaged now, in maintenance
        assertThat(v.node("remote1").orElseThrow().status().maintenance()).isTrue();
        assertThat(v.node("node1").orElseThrow().status().maintenance()).isFalse();
    }

    @Test
    @DisplayName("a conditional maintenance-mode (a rule-based property set) is Pacemaker's to evaluate: crm_mon")
    void conditionalMaintenanceMode() {
        Path file = CibFiles.copy(dir);
        CibFiles.tool(file, "cibadmin", "--create", "--scope", "crm_config", "--xml-text",
                "<cluster_property_set id=\"maintenance-window\" score=\"10\">"
                        + "<rule id=\"maintenance-window-rule\" score=\"INFINITY\">"
                        + "<date_expression id=\"maintenance-window-date\" operation=\"gt\" start=\"2000-01-01\"/>"
                        + "</rule><nvpair id=\"maintenance-window-mode\" name=\"maintenance-mode\" value=\"true\"/>"
                        + "</cluster_property_set>");
        ClusterView open = agreeingView(file, 2);
        assertThat(open.maintenanceMode()).as("inside the window").isTrue();

        // cib-bootstrap-options comes first whatever the scores: its false wins over the window's true
        CibFiles.tool(file, "crm_attribute", "--type", "crm_config", "--set-name", "cib-bootstrap-options",
                "--name", "maintenance-mode", "--update", "false");
        ClusterView overridden = agreeingView(file, 2);
        assertThat(overridden.maintenanceMode()).isFalse();
        assertThat(overridden.property("maintenance-mode")).contains("false");
    }

    @Test
    @DisplayName("unclean nodes (lost with fencing on, or a failed stop): unclean, and what they ran still counts")
    void uncleanNodes() {
        ClusterView v = agreeingView(CibFiles.copy(dir, CibFiles.UNCLEAN), 1);

        ClusterNode lost = v.node("node3").orElseThrow();
        assertThat(lost.online()).isFalse();
        assertThat(lost.status().unclean()).isTrue();
        assertThat(lost.runningResources()).containsExactly("db");

        ClusterNode failedStop = v.node("node2").orElseThrow();
        assertThat(failedStop.online()).isTrue();
        assertThat(failedStop.status().unclean()).isTrue();
        assertThat(failedStop.runningResources()).containsExactly("app");
        assertThat(failedStop.canRunResources()).as("not a takeover target").isFalse();
        assertThat(v.node("node1").orElseThrow().canRunResources()).isTrue();
    }

    @Test
    @DisplayName("a recurring monitor alone, a partial migration, a node shutting down: as Pacemaker reads them")
    void history() {
        ClusterView v = agreeingView(CibFiles.copy(dir, CibFiles.HISTORY), 1);

        assertThat(v.node("node1").orElseThrow().runningResources()).containsExactly("mon", "vm");
        assertThat(v.node("node2").orElseThrow().runningResources()).as("partial migration target")
                .containsExactly("vm");
        ClusterNode leaving = v.node("node3").orElseThrow();
        assertThat(leaving.status().shutdown()).isTrue();
        assertThat(leaving.runningResources()).containsExactly("web");
        assertThat(leaving.canRunResources()).as("not a takeover target").isFalse();
    }

    @Test
    @DisplayName("every fixture, through crm_simulate --simulate first (resources moved by the scheduler)")
    void afterTransitions() {
        for (String fixture : List.of(CibFiles.THREE_NODES, CibFiles.REMOTE_GUEST, CibFiles.HISTORY,
                CibFiles.HEALTH)) {
            Path file = CibFiles.copy(dir, fixture);
            CibFiles.tool(file, "crm_simulate", "--xml-file=" + file, "--in-place", "--quiet");
            agreeingView(file, 1);
        }
    }
}
