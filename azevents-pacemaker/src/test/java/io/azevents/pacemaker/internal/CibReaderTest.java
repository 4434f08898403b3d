package io.azevents.pacemaker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.ClusterStoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CIB reader on hand-written documents; no Pacemaker needed. */
class CibReaderTest {
    private static final String OP = "<lrm_rsc_op id=\"%s\" operation=\"%s\" call-id=\"%d\" rc-code=\"%d\""
            + " op-status=\"%d\" interval=\"0\"/>";

    private static String cib(String nodeState) {
        return "<cib admin_epoch=\"1\" epoch=\"2\" num_updates=\"3\"><configuration><crm_config/>"
                + "<nodes><node id=\"1\" uname=\"n1\"/></nodes></configuration><status>" + nodeState
                + "</status></cib>";
    }

    private static String op(String op, int callId, int rc, int status) {
        return String.format(OP, "r_" + op, op, callId, rc, status);
    }

    private static Cib.Node n1(String lrm, String membership) {
        return CibReader.read(cib("<node_state id=\"1\" uname=\"n1\" " + membership + "><lrm id=\"1\"><lrm_resources>"
                + "<lrm_resource id=\"r\">" + lrm + "</lrm_resource></lrm_resources></lrm></node_state>"))
                .node("n1").orElseThrow();
    }

    private static final String ONLINE = "in_ccm=\"true\" crmd=\"online\" join=\"member\"";

    @Test
    @DisplayName("active unless the last operation proves the resource stopped")
    void activity() {
        assertThat(n1(op("start", 2, 0, 0), ONLINE).running()).containsExactly("r");
        assertThat(n1(op("start", 2, 0, 0) + op("stop", 3, 0, 0), ONLINE).running()).isEmpty();
        assertThat(n1(op("stop", 3, 1, 0), ONLINE).running()).as("failed stop").containsExactly("r");
        assertThat(n1(op("monitor", 1, 7, 0), ONLINE).running()).as("probe: not running").isEmpty();
        assertThat(n1(op("start", 1, 1, 0), ONLINE).running()).as("failed start").containsExactly("r");
        Cib.Node pendingStop = n1(op("start", 2, 0, 0) + op("stop", -1, 193, -1), ONLINE);
        assertThat(pendingStop.running()).containsExactly("r");
        assertThat(pendingStop.pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("membership: Pacemaker 2.1.5 words and 2.1.7+ timestamps; offline nodes run nothing")
    void membership() {
        assertThat(n1(op("start", 2, 0, 0), "in_ccm=\"1700000000\" crmd=\"1700000001\" join=\"member\"").online())
                .isTrue();
        Cib.Node down = n1(op("start", 2, 0, 0), "in_ccm=\"false\" crmd=\"offline\" join=\"down\"");
        assertThat(down.online()).isFalse();
        assertThat(down.running()).isEmpty();
        assertThat(CibReader.read(cib("")).node("n1").orElseThrow().online()).as("no node_state").isFalse();
    }

    @Test
    @DisplayName("the version is admin_epoch.epoch.num_updates; a document that is no CIB is an error")
    void version() {
        assertThat(CibReader.read(cib("")).version().toString()).isEqualTo("1.2.3");
        assertThatThrownBy(() -> CibReader.read("<x/>")).isInstanceOf(ClusterStoreException.class);
        assertThatThrownBy(() -> CibReader.read("<!DOCTYPE cib [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<cib epoch=\"1\">&e;</cib>")).isInstanceOf(ClusterStoreException.class);
    }
}
