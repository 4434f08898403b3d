package io.azevents.pacemaker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.ClusterStoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The raw CIB reader on hand-written documents; no Pacemaker needed. */
class CibReaderTest {
    private static final String OP = "<lrm_rsc_op id=\"%s\" operation=\"%s\" call-id=\"%d\" rc-code=\"%d\""
            + " op-status=\"%d\" interval=\"%d\"/>";

    private static String cib(String crmConfig, String status) {
        return "<cib admin_epoch=\"1\" epoch=\"2\" num_updates=\"3\"><configuration><crm_config>" + crmConfig
                + "</crm_config><nodes><node id=\"1\" uname=\"n1\"><instance_attributes id=\"nodes-1\">"
                + "<nvpair id=\"nodes-1-a\" name=\"a\" value=\"1\"/></instance_attributes></node></nodes>"
                + "</configuration><status>" + status + "</status></cib>";
    }

    private static String op(String op, int callId, int rc, int status, int interval) {
        return String.format(OP, "r_" + op + callId, op, callId, rc, status, interval);
    }

    private static String state(String id, String extra, String ops) {
        return "<node_state id=\"" + id + "\" uname=\"" + id + "\" " + extra + "><lrm id=\"" + id + "\"><lrm_resources>"
                + "<lrm_resource id=\"r\">" + ops + "</lrm_resource></lrm_resources></lrm>"
                + "<transient_attributes id=\"" + id + "\"><instance_attributes id=\"status-" + id + "\">"
                + "<nvpair id=\"status-" + id + "-t\" name=\"t\" value=\"" + id + "\"/></instance_attributes>"
                + "</transient_attributes></node_state>";
    }

    @Test
    @DisplayName("node entries, node states of members and remote nodes, with transient attributes")
    void nodesAndStates() {
        Cib c = CibReader.read(cib("", state("1", "in_ccm=\"true\" crmd=\"online\" join=\"member\"", "")
                + state("remote1", "remote_node=\"true\"", "")));

        assertThat(c.nodes()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo("1");
            assertThat(n.name()).isEqualTo("n1");
            assertThat(n.sets()).singleElement().satisfies(s -> assertThat(s.pairs()).extracting(Cib.NvPair::value)
                    .containsExactly("1"));
        });
        assertThat(c.states()).extracting(Cib.NodeState::id).containsExactly("1", "remote1");
        assertThat(c.state("remote1", "remote1").orElseThrow().transientAttributes()).containsEntry("t", "remote1");
        assertThat(c.configNode("remote1", "remote1")).isEmpty();
        assertThat(c.configNode("9", "n1")).as("found by name when the id differs").isPresent();
    }

    @Test
    @DisplayName("operations in flight are counted from every node state, remote ones included; recurring ones not")
    void pending() {
        Cib c = CibReader.read(cib("", state("1", "", op("start", 2, 0, 0, 0) + op("stop", -1, 193, -1, 0))
                + state("remote1", "remote_node=\"true\"", op("start", -1, 193, -1, 0) + op("monitor", -1, 193, -1, 10000))
                + state("2", "in_ccm=\"false\" crmd=\"offline\" join=\"down\"", op("promote", -1, 193, -1, 0))));

        assertThat(c.states()).extracting(Cib.NodeState::pending).containsExactly(1, 1, 1);
    }

    @Test
    @DisplayName("maintenance-mode: plain when unset or set once without rules (crm_is_true); else for Pacemaker")
    void maintenanceMode() {
        String bootstrap = "<cluster_property_set id=\"cib-bootstrap-options\">%s</cluster_property_set>";
        String mm = "<nvpair id=\"mm%d\" name=\"maintenance-mode\" value=\"%s\"/>";

        assertThat(CibReader.read(cib(String.format(bootstrap, ""), "")).maintenanceMode()).contains(false);
        assertThat(CibReader.read(cib(String.format(bootstrap, String.format(mm, 1, "On")), "")).maintenanceMode())
                .contains(true);
        assertThat(CibReader.read(cib(String.format(bootstrap, String.format(mm, 1, "no")), "")).maintenanceMode())
                .contains(false);
        assertThat(CibReader.read(cib(String.format(bootstrap, String.format(mm, 1, "true"))
                + "<cluster_property_set id=\"other\">" + String.format(mm, 2, "false") + "</cluster_property_set>",
                "")).maintenanceMode()).as("defined twice").isEmpty();
        assertThat(CibReader.read(cib(String.format(bootstrap, "")
                + "<cluster_property_set id=\"window\"><rule id=\"w-r\" score=\"INFINITY\">"
                + "<date_expression id=\"w-d\" operation=\"gt\" start=\"2000-01-01\"/></rule>"
                + String.format(mm, 2, "true") + "</cluster_property_set>", "")).maintenanceMode())
                .as("under a rule").isEmpty();
        assertThat(CibReader.read(cib("<cluster_property_set id-ref=\"elsewhere\"/>", "")).maintenanceMode())
                .as("a reference").isEmpty();
    }

    @Test
    @DisplayName("the version is admin_epoch.epoch.num_updates; a document that is no CIB is an error; no DTDs")
    void version() {
        assertThat(CibReader.read(cib("", "")).version().toString()).isEqualTo("1.2.3");
        assertThatThrownBy(() -> CibReader.read("<x/>")).isInstanceOf(ClusterStoreException.class);
        assertThatThrownBy(() -> CibReader.read("<!DOCTYPE cib [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<cib epoch=\"1\">&e;</cib>")).isInstanceOf(ClusterStoreException.class);
    }
}
