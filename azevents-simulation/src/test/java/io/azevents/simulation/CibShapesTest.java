package io.azevents.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.NodeKind;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The generator itself, without Pacemaker's tools: deterministic, varied, and readable by the model. */
class CibShapesTest {
    private static final List<CibShapes.Shape> SHAPES = CibShapes.generate(1, 200);

    @Test
    @DisplayName("a seed always gives the same CIB, and says what it holds")
    void deterministic() {
        assertThat(CibShapes.generate(42)).isEqualTo(CibShapes.generate(42));
        assertThat(CibShapes.generate(42).xml()).isNotEqualTo(CibShapes.generate(43).xml());
        assertThat(CibShapes.generate(42).toString()).startsWith("seed 42: ").contains("members");
    }

    @Test
    @DisplayName("200 seeds cover every feature of the suite")
    void covers() {
        assertThat(SHAPES).anyMatch(s -> s.members().size() == 2).anyMatch(s -> s.members().size() == 5);
        for (String feature : List.of("standby=", "maintenance=", "#health-azure=-1000000", "#health-azure=red",
                "no #health-azure", "offline", "maintenance-mode=", "remote node", "guest node", "db banned",
                "clone web-cln", "promotable ms-cln", "with allow-unhealthy", "without allow-unhealthy",
                "health rule", "no health rule", "VM names for all members", "VM names for node1..")) {
            assertThat(SHAPES).as(feature).anyMatch(s -> s.description().contains(feature));
        }
        for (String spelling : List.of("=true", "=on", "=yes", "=1")) {
            assertThat(SHAPES).as(spelling).anyMatch(s -> s.description().toLowerCase().contains("maintenance" + spelling));
        }
    }

    @Test
    @DisplayName("the model reads every shape completely: nodes, kinds and membership as generated")
    void readable() {
        for (CibShapes.Shape s : SHAPES) {
            InMemoryCluster c = InMemoryCluster.fromCib(s.xml());
            assertThat(c.unsupported()).as(s.toString()).isEmpty();
            assertThat(c.nodeNames()).as(s.toString()).containsExactlyInAnyOrderElementsOf(s.nodes());
            ClusterView v = c.view(s.members().get(0));
            assertThat(v.node("node1").orElseThrow().online()).isTrue();
            s.remoteNode().ifPresent(r -> assertThat(v.node(r).orElseThrow().status().kind()).isEqualTo(NodeKind.REMOTE));
            s.guestNode().ifPresent(g -> assertThat(v.node(g).orElseThrow().status().kind()).isEqualTo(NodeKind.GUEST));
            assertThat(v.nodes()).allMatch(n -> n.runningResources().isEmpty());
        }
    }

    @Test
    @DisplayName("a lost member reads as unclean once fencing is on")
    void loseNode() {
        CibShapes.Shape s = CibShapes.generate(7);
        InMemoryCluster c = InMemoryCluster.fromCib(CibShapes.loseNode(s.xml(), "node1"));
        ClusterNode n1 = c.view("node1").local();
        assertThat(n1.online()).isFalse();
        assertThat(n1.status().unclean()).isTrue();
    }

    @Test
    @DisplayName("setNodeAttribute writes, replaces and removes a node attribute")
    void setNodeAttribute() {
        String xml = CibShapes.generate(3).xml();
        String drained = CibShapes.setNodeAttribute(xml, "node2", "#health-azure", "-1000000");
        assertThat(InMemoryCluster.fromCib(drained).attribute("node2", "#health-azure")).contains("-1000000");
        String removed = CibShapes.setNodeAttribute(drained, "node2", "#health-azure", null);
        assertThat(InMemoryCluster.fromCib(removed).attribute("node2", "#health-azure")).isEmpty();
    }
}
