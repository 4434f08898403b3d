package io.azevents.pacemaker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.ClusterStoreException;
import io.azevents.core.Placement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reader of Pacemaker's status XML on hand-written answers in crm_mon's schema; no Pacemaker needed. */
class StatusReaderTest {
    private static final String NODES = "<nodes>"
            + "<node name=\"n1\" id=\"1\" online=\"true\" standby=\"false\" standby_onfail=\"false\" maintenance=\"false\""
            + " pending=\"false\" unclean=\"false\" shutdown=\"false\" type=\"member\"/>"
            + "<node name=\"g1\" id=\"g1\" online=\"true\" standby=\"false\" standby_onfail=\"true\" maintenance=\"true\""
            + " pending=\"false\" unclean=\"true\" shutdown=\"true\" type=\"remote\" id_as_resource=\"vm1\"/>"
            + "</nodes>";
    private static final String RESOURCES = "<resources>"
            + "<group id=\"grp\" number_resources=\"1\"><resource id=\"ip\" role=\"Started\" active=\"true\">"
            + "<node name=\"n1\" id=\"1\" cached=\"true\"/></resource></group>"
            + "<clone id=\"st-clone\"><resource id=\"st:0\" role=\"Promoted\"><node name=\"n1\" id=\"1\"/></resource>"
            + "<resource id=\"st:1\" role=\"Unpromoted\"><node name=\"g1\" id=\"g1\"/></resource>"
            + "<resource id=\"st:2\" role=\"Stopped\"/></clone>"
            + "<bundle id=\"b\"><replica id=\"0\"><resource id=\"b-podman-0\" role=\"Started\"><node name=\"n1\" id=\"1\"/>"
            + "</resource><resource id=\"httpd\" role=\"Started\"><node name=\"g1\" id=\"g1\"/></resource></replica></bundle>"
            + "<resource id=\"old\" role=\"Master\"><node name=\"g1\" id=\"g1\" cached=\"false\"/></resource>"
            + "</resources>";

    @Test
    @DisplayName("crm_mon's answer: nodes as printed, resources at any depth, instance suffixes removed, summary")
    void crmMon() {
        PacemakerStatus s = StatusReader.read("<pacemaker-result><summary><cluster_options maintenance-mode=\"true\"/>"
                + "</summary>" + NODES + RESOURCES + "<node_attributes><node name=\"zz\"/></node_attributes>"
                + "<status code=\"0\" message=\"OK\"/></pacemaker-result>");

        assertThat(s.nodes()).extracting(PacemakerStatus.Node::name).containsExactly("n1", "g1");
        PacemakerStatus.Node g = s.node("g1").orElseThrow();
        assertThat(g.guest()).isTrue();
        assertThat(g.remote()).isTrue();
        assertThat(g.standbyOnFail()).isTrue();
        assertThat(g.maintenance() && g.unclean() && g.shutdown()).isTrue();
        assertThat(s.node("n1").orElseThrow().remote()).isFalse();
        assertThat(s.activeOn("n1")).containsExactly("b-podman-0", "ip", "st");
        assertThat(s.activeOn("g1")).containsExactly("httpd", "old", "st");
        assertThat(s.maintenanceMode()).contains(true);
        Placement p = s.placement();
        assertThat(p.nodesOf("st")).containsExactlyInAnyOrder("n1", "g1");
        assertThat(p.promoted()).containsOnlyKeys("st", "old");
        assertThat(p.promoted().get("st")).containsExactly("n1");
    }

    @Test
    @DisplayName("crm_simulate's answer: cluster_status as current, revised_cluster_status as revised; no summary")
    void crmSimulate() {
        String revised = RESOURCES.replace("<node name=\"n1\" id=\"1\" cached=\"true\"/>", "<node name=\"g1\" id=\"g1\"/>");
        String xml = "<pacemaker-result><cluster_status>" + NODES + RESOURCES + "</cluster_status>"
                + "<transition><rsc_action resource=\"ip\" op=\"stop\" node=\"n1\"/></transition>"
                + "<revised_cluster_status>" + NODES + revised + "</revised_cluster_status>"
                + "<status code=\"0\" message=\"OK\"/></pacemaker-result>";

        assertThat(StatusReader.read(xml).placement().nodesOf("ip")).containsExactly("n1");
        assertThat(StatusReader.read(xml).maintenanceMode()).isEmpty();
        assertThat(StatusReader.read(xml, StatusReader.Section.REVISED).placement().nodesOf("ip")).containsExactly("g1");
        assertThatThrownBy(() -> StatusReader.read("<pacemaker-result><cluster_status>" + NODES
                + "</cluster_status></pacemaker-result>", StatusReader.Section.REVISED))
                .hasMessageContaining("revised_cluster_status");
    }

    @Test
    @DisplayName("errors: another document, an error status, a DTD")
    void errors() {
        assertThatThrownBy(() -> StatusReader.read("<cib/>")).isInstanceOf(ClusterStoreException.class)
                .hasMessageContaining("<cib>");
        assertThatThrownBy(() -> StatusReader.read("<pacemaker-result><status code=\"66\" message=\"Input file not available\"/>"
                + "</pacemaker-result>")).hasMessageContaining("66").hasMessageContaining("Input file not available");
        assertThatThrownBy(() -> StatusReader.read("<!DOCTYPE pacemaker-result [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<pacemaker-result>&e;</pacemaker-result>")).isInstanceOf(ClusterStoreException.class);
        assertThat(StatusReader.maintenanceMode("<pacemaker-result><summary><cluster_options maintenance-mode=\"false\"/>"
                + "</summary><status code=\"0\"/></pacemaker-result>")).isFalse();
    }
}
