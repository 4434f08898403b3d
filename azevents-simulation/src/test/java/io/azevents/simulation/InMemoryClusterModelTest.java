package io.azevents.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import io.azevents.core.NodeKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scheduler rules of {@link InMemoryCluster}, one at a time. */
class InMemoryClusterModelTest {

    private static InMemoryCluster three() {
        return InMemoryCluster.of("node1", "node2", "node3").withHealthInitialised();
    }

    private static ClusterNode node(InMemoryCluster c, String name) {
        return c.view(name).local();
    }

    @Nested
    @DisplayName("node conditions")
    class Conditions {
        @ParameterizedTest
        @ValueSource(strings = {"true", "on", "yes", "y", "1", "TRUE", "On"})
        @DisplayName("standby, in any crm_is_true spelling, empties the node")
        void standby(String spelling) {
            InMemoryCluster c = three().withResource("db", "node1");
            c.setAttribute("node1", "standby", spelling);
            c.settle();
            assertThat(node(c, "node1").standby()).isTrue();
            assertThat(c.resourcesOn("node1")).isEmpty();
            assertThat(c.nodesOf("db")).hasSize(1).doesNotContain("node1");
        }

        @Test
        @DisplayName("a transient standby value wins over the permanent one")
        void transientStandby() {
            InMemoryCluster c = three().withResource("db", "node1");
            c.setAttribute("node1", "standby", "on");
            c.setTransientAttribute("node1", "standby", "off");
            c.settle();
            assertThat(node(c, "node1").standby()).isFalse();
            assertThat(c.location("db")).contains("node1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "on", "yes", "1"})
        @DisplayName("node maintenance: what runs there stays, nothing new starts there")
        void maintenance(String spelling) {
            InMemoryCluster c = three().withResource("db", "node1").withResource("app", "node2");
            c.setAttribute("node1", "maintenance", spelling);
            c.setAttribute("node1", "#health-azure", "-1000000");
            c.setAttribute("node2", "standby", "on");
            c.settle();
            assertThat(node(c, "node1").status().maintenance()).isTrue();
            assertThat(c.location("db")).contains("node1");
            assertThat(c.location("app")).contains("node3");
            assertThat(node(c, "node1").runningResources()).containsExactly("db");
        }

        @Test
        @DisplayName("cluster maintenance mode: nothing starts, stops or moves")
        void maintenanceMode() {
            InMemoryCluster c = three().withResource("db", "node1");
            c.setMaintenanceMode(true);
            c.withPrimitive("new");
            c.setAttribute("node1", "standby", "on");
            c.settle();
            assertThat(c.view("node1").maintenanceMode()).isTrue();
            assertThat(c.location("db")).contains("node1");
            assertThat(c.nodesOf("new")).isEmpty();

            c.setMaintenanceMode(false);
            c.settle();
            assertThat(c.location("db")).isNotEqualTo(java.util.Optional.of("node1"));
            assertThat(c.nodesOf("new")).hasSize(1);
        }

        @Test
        @DisplayName("an unclean node is offline but what it ran still counts, until it is fenced")
        void unclean() {
            InMemoryCluster c = three().withResource("db", "node1");
            c.setUnclean("node1", true);
            c.settle();
            ClusterNode n1 = node(c, "node1");
            assertThat(n1.online()).isFalse();
            assertThat(n1.status().unclean()).isTrue();
            assertThat(n1.runningResources()).containsExactly("db");
            assertThat(c.nodesOf("db")).containsExactly("node1");

            c.fence("node1");
            c.settle();
            assertThat(node(c, "node1").runningResources()).isEmpty();
            assertThat(c.nodesOf("db")).hasSize(1).doesNotContain("node1");
        }

        @Test
        @DisplayName("a node shutting down takes nothing, and everything leaves it")
        void shutdown() {
            InMemoryCluster c = three().withResource("db", "node1").withAgentClone("agent-cln", "agent", true);
            c.settle();
            c.setShutdown("node1", true);
            c.settle();
            assertThat(node(c, "node1").status().shutdown()).isTrue();
            assertThat(c.resourcesOn("node1")).isEmpty();
        }

        @Test
        @DisplayName("an offline node's resources are not counted even before the cluster settles")
        void offline() {
            InMemoryCluster c = three().withResource("db", "node1");
            c.setOnline("node1", false);
            assertThat(node(c, "node1").runningResources()).isEmpty();
            assertThat(c.resourcesOn("node1")).containsExactly("db");
            c.settle();
            assertThat(c.resourcesOn("node1")).isEmpty();
        }
    }

    @Nested
    @DisplayName("health")
    class Health {
        @Test
        @DisplayName("with the health rule, a node without #health-azure takes nothing but the agent")
        void missingAttribute() {
            InMemoryCluster c = InMemoryCluster.of("node1", "node2").withHealthRule()
                    .withAgentClone("health-azure-events-cln", "health-azure-events", true);
            c.setAttribute("node2", "#health-azure", "0");
            c.withResource("db", "node1");
            assertThat(c.location("db")).contains("node2");
            assertThat(c.nodesOf("health-azure-events")).containsExactly("node1", "node2");
        }

        @Test
        @DisplayName("without the rule a node without #health-azure is healthy (as before)")
        void noRule() {
            InMemoryCluster c = InMemoryCluster.of("node1", "node2").withResource("db", "node1");
            assertThat(c.location("db")).contains("node1");
        }

        @Test
        @DisplayName("the agent stays on an unhealthy node only with allow-unhealthy-nodes")
        void agent() {
            InMemoryCluster c = three().withHealthRule()
                    .withAgentClone("health-azure-events-cln", "health-azure-events", true)
                    .withClone("other-cln", "other");
            InMemoryCluster strict = three().withHealthRule()
                    .withAgentClone("health-azure-events-cln", "health-azure-events", false);
            for (InMemoryCluster x : List.of(c, strict)) {
                x.setAttribute("node1", "#health-azure", "-1000000");
                x.settle();
            }
            assertThat(c.nodesOf("health-azure-events")).contains("node1");
            assertThat(c.nodesOf("other")).doesNotContain("node1");
            assertThat(strict.nodesOf("health-azure-events")).doesNotContain("node1");
        }

        @Test
        @DisplayName("red counts as -INFINITY; under node-health-strategy=none health is ignored")
        void strategies() {
            InMemoryCluster c = three().withResource("db", "node1");
            c.setAttribute("node1", "#health-azure", "red");
            c.settle();
            assertThat(c.location("db")).isNotEqualTo(java.util.Optional.of("node1"));

            c.setProperty("node-health-strategy", "none");
            c.settle();
            assertThat(c.location("db")).contains("node1");
        }
    }

    @Nested
    @DisplayName("constraints and clones")
    class Constraints {
        @Test
        @DisplayName("a banned resource never runs on the node; a colocated one follows it, or stops with it")
        void banAndColocation() {
            InMemoryCluster c = InMemoryCluster.of("node1", "node2", "node3").withPrimitive("db").withPrimitive("app")
                    .withBan("db", "node3").withColocation("app", "db");
            c.settle();
            String db = c.location("db").orElseThrow();
            assertThat(db).isNotEqualTo("node3");
            assertThat(c.location("app")).contains(db);

            c.setOnline("node1", false);
            c.setOnline("node2", false);
            c.settle();
            assertThat(c.nodesOf("db")).isEmpty();
            assertThat(c.nodesOf("app")).isEmpty();
            DrainForecast f = c.store("node3").forecastDrain(c.view("node3"), List.of());
            assertThat(f.stranded()).isEmpty();
        }

        @Test
        @DisplayName("a clone runs once on every node that may run it, and runs while one instance does")
        void cloneOnEveryNode() {
            InMemoryCluster c = three().withClone("web-cln", "web");
            c.settle();
            assertThat(c.nodesOf("web")).containsExactly("node1", "node2", "node3");
            assertThat(node(c, "node2").runningResources()).containsExactly("web");
            c.setAttribute("node1", "standby", "on");
            c.setAttribute("node2", "#health-azure", "-1000000");
            c.settle();
            assertThat(c.nodesOf("web")).containsExactly("node3");
        }

        @Test
        @DisplayName("a promotable clone is promoted on its preferred node, and nowhere when that node cannot run it")
        void promotable() {
            InMemoryCluster c = three().withPromotableClone("ms-cln", "ms", "node2");
            c.settle();
            assertThat(c.promotedOn("ms")).contains("node2");
            assertThat(c.placement().promoted()).containsEntry("ms", Set.of("node2"));

            c.setAttribute("node2", "standby", "on");
            c.settle();
            assertThat(c.promotedOn("ms")).isEmpty();
            assertThat(c.nodesOf("ms")).containsExactly("node1", "node3");

            DrainForecast f = c.store("node1").forecastDrain(c.view("node1"),
                    List.of(AttributeUpdate.delete("node2", "standby")));
            assertThat(f.drained().orElseThrow().promoted()).containsEntry("ms", Set.of("node2"));
        }
    }

    @Nested
    @DisplayName("remote and guest nodes")
    class RemoteAndGuest {
        @Test
        @DisplayName("a remote node is up while its connection runs on a member, and takes resources")
        void remote() {
            InMemoryCluster c = InMemoryCluster.of("node1").withRemoteNode("remote1").withHealthInitialised()
                    .withPrimitive("db").withBan("db", "node1");
            c.settle();
            ClusterNode r = node(c, "remote1");
            assertThat(r.online()).isTrue();
            assertThat(r.status().kind()).isEqualTo(NodeKind.REMOTE);
            assertThat(r.remote()).isTrue();
            assertThat(c.location("remote1")).contains("node1");
            assertThat(c.location("db")).contains("remote1");

            c.setAttribute("node1", "standby", "on");
            c.settle();
            assertThat(node(c, "remote1").online()).isFalse();
            assertThat(c.nodesOf("db")).isEmpty();
        }

        @Test
        @DisplayName("a guest node goes down when its container cannot run, and its resources with it")
        void guest() {
            InMemoryCluster c = InMemoryCluster.of("node1", "node2").withGuestNode("guest1", "guest1-vm")
                    .withHealthInitialised().withPrimitive("db").withBan("db", "node1").withBan("db", "node2");
            c.settle();
            ClusterNode g = node(c, "guest1");
            assertThat(g.online()).isTrue();
            assertThat(g.status().kind()).isEqualTo(NodeKind.GUEST);
            assertThat(c.location("db")).contains("guest1");
            String host = c.location("guest1-vm").orElseThrow();
            assertThat(node(c, host).runningResources()).contains("guest1", "guest1-vm");

            c.setAttribute("node1", "standby", "on");
            c.setAttribute("node2", "standby", "on");
            c.settle();
            assertThat(node(c, "guest1").online()).isFalse();
            assertThat(c.nodesOf("db")).isEmpty();
        }
    }

    @Nested
    @DisplayName("forecasts and fenced writes")
    class Forecasts {
        @Test
        @DisplayName("a forecast settles a copy before and after the drain, and changes nothing")
        void forecast() {
            InMemoryCluster c = three().withResource("db", "node1").withAgentClone("health-azure-events-cln",
                    "health-azure-events", true);
            c.settle();
            long epoch = c.epoch();

            DrainForecast f = c.store("node1").forecastDrain(c.view("node1"),
                    List.of(AttributeUpdate.set("node1", "#health-azure", "-1000000")));

            assertThat(f.known()).isTrue();
            assertThat(f.source()).isEqualTo(InMemoryCluster.FORECAST_SOURCE);
            assertThat(f.baseline().orElseThrow().nodesOf("db")).containsExactly("node1");
            assertThat(f.drained().orElseThrow().nodesOf("db")).hasSize(1).doesNotContain("node1");
            assertThat(f.stranded()).isEmpty();
            assertThat(f.stops("health-azure-events"::equals, "node1")).isFalse();
            assertThat(c.location("db")).contains("node1");
            assertThat(c.attribute("node1", "#health-azure")).contains("0");
            assertThat(c.epoch()).isEqualTo(epoch);
            assertThat(c.forecasts()).isEqualTo(1);
        }

        @Test
        @DisplayName("draining the only node that can run a resource strands it")
        void stranded() {
            InMemoryCluster c = three().withResource("db", "node1").withBan("db", "node2").withBan("db", "node3");
            c.settle();
            DrainForecast f = c.store("node1").forecastDrain(c.view("node1"),
                    List.of(AttributeUpdate.set("node1", "standby", "on")));
            assertThat(f.stranded()).containsExactly("db");
        }

        @Test
        @DisplayName("a test can make forecasts fail; they never throw")
        void failing() {
            InMemoryCluster c = three();
            c.failForecasts("crm_simulate exited 1");
            DrainForecast f = c.store("node1").forecastDrain(c.view("node1"), List.of());
            assertThat(f.failed()).isTrue();
            assertThat(f.source()).contains("crm_simulate exited 1");

            c.failForecasts(null);
            assertThat(c.store("node1").forecastDrain(c.view("node1"),
                    List.of(AttributeUpdate.set("nobody", "standby", "on"))).failed()).isTrue();
            assertThat(c.store("node1").forecastDrain(c.view("node1"), List.of()).known()).isTrue();
        }

        @Test
        @DisplayName("a fenced write checks and writes under the lock; an injected failure still fails it")
        void fenced() {
            InMemoryCluster c = three();
            Claim claim = new Claim("azevents-drain", "node1", Instant.parse("2030-01-01T00:00:00Z"));
            c.store("node1").tryAcquire(claim);
            List<AttributeUpdate> u = List.of(AttributeUpdate.set("node1", "standby", "on"));

            c.failNextWrite(new io.azevents.core.ClusterStoreException("injected"));
            assertThatThrownBy(() -> c.store("node1").write(u, claim, Instant.parse("2026-01-01T00:00:00Z")))
                    .isInstanceOf(io.azevents.core.ClusterStoreException.class);
            assertThat(c.attribute("node1", "standby")).isEmpty();

            assertThat(c.store("node1").write(u, claim, Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
            assertThat(c.attribute("node1", "standby")).contains("on");
        }
    }

    @Test
    @DisplayName("a simulation can run the agent where the model runs the agent's clone")
    void agentWhereItsCloneRuns() {
        InMemoryCluster c = three().withHealthRule()
                .withAgentClone("health-azure-events-cln", "health-azure-events", false);
        c.setAttribute("node2", "#health-azure", "-1000000");
        c.settle();
        ClusterSimulation sim = new ClusterSimulation(c, new FakeAzure(Visibility.ZONES,
                MutableClock.atEpochOfTests()), MutableClock.atEpochOfTests(),
                new NoopStrategy()).agentRunsWhereResourceRuns("health-azure-events");
        assertThat(sim.round()).hasSize(2);
    }

    /** A strategy that never acts. */
    private static final class NoopStrategy implements io.azevents.core.spi.NodeDrainStrategy {
        @Override
        public String name() {
            return "noop";
        }

        @Override
        public io.azevents.core.Decision decide(io.azevents.core.spi.CycleInput input) {
            return new io.azevents.core.Decision(name(), input.view().localNode(), io.azevents.core.NodeState.AVAILABLE,
                    List.of(), List.of(), List.of());
        }
    }

    @Nested
    @DisplayName("reading a CIB")
    class FromCib {
        @Test
        @DisplayName("the shared health-move CIB: node1 is unhealthy, and settling moves both dummies to node2")
        void healthMove() throws Exception {
            String xml = new String(InMemoryClusterModelTest.class.getResourceAsStream("/health-move.cib.xml")
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            InMemoryCluster c = InMemoryCluster.fromCib(xml);
            assertThat(c.unsupported()).isEmpty();
            ClusterView v = c.view("node1");
            assertThat(v.local().runningResources()).containsExactly("dummy1", "dummy2");
            assertThat(v.local().healthy()).isFalse();
            assertThat(v.version()).isEqualTo("1");

            c.settle();
            assertThat(c.nodesOf("dummy1")).containsExactly("node2");
            assertThat(c.nodesOf("dummy2")).containsExactly("node2");
        }

        @Test
        @DisplayName("claims are read in the Pacemaker adapter's format; other property sets are properties")
        void claims() {
            String xml = """
                    <cib epoch="7" num_updates="0" admin_epoch="0">
                      <configuration>
                        <crm_config>
                          <cluster_property_set id="cib-bootstrap-options">
                            <nvpair id="o1" name="maintenance-mode" value="yes"/>
                            <nvpair id="o2" name="hostName_node1-vm" value="node1"/>
                          </cluster_property_set>
                          <cluster_property_set id="azevents-claim-azevents-drain">
                            <nvpair id="azevents-claim-azevents-drain-owner" name="azevents-claim-azevents-drain-owner" value="node2"/>
                            <nvpair id="azevents-claim-azevents-drain-expires" name="azevents-claim-azevents-drain-expires" value="2030-01-01T00:00:00.123456789Z"/>
                          </cluster_property_set>
                        </crm_config>
                        <nodes>
                          <node id="1" uname="node1"/>
                          <node id="2" uname="node2"/>
                        </nodes>
                        <resources/>
                        <constraints/>
                      </configuration>
                      <status>
                        <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
                        <node_state id="2" uname="node2" in_ccm="1700000000" crmd="online" join="member" expected="member"/>
                      </status>
                    </cib>
                    """;
            InMemoryCluster c = InMemoryCluster.fromCib(xml);
            ClusterView v = c.view("node2");
            assertThat(v.claims()).containsEntry("azevents-drain",
                    new Claim("azevents-drain", "node2", Instant.parse("2030-01-01T00:00:00.123456789Z")));
            assertThat(v.property("hostName_node1-vm")).contains("node1");
            assertThat(v.maintenanceMode()).isTrue();
            assertThat(v.nodes()).allMatch(ClusterNode::online);
            assertThat(v.version()).isEqualTo("7");
        }

        @Test
        @DisplayName("DTDs and external entities are refused")
        void noDtd() {
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE cib [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<cib><configuration/></cib>";
            assertThatThrownBy(() -> InMemoryCluster.fromCib(xml)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
