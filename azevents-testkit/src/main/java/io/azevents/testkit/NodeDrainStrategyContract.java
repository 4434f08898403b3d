package io.azevents.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.AgentConfig;
import io.azevents.core.ClusterNode;
import io.azevents.core.Decision;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.simulation.ClusterSimulation;
import io.azevents.simulation.FakeAzure;
import io.azevents.simulation.InMemoryCluster;
import io.azevents.simulation.MutableClock;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeDrainStrategy} must do, whatever drains a node: stay idle when nothing
 * happens, drain before approving, bring the node back, never drain the last node, and explain
 * itself. A strategy's test extends this class with its provider and the event visibility it is
 * made for. Uses {@link InMemoryCluster}, {@link FakeAzure} and {@link ClusterSimulation}.
 */
public abstract class NodeDrainStrategyContract {

    /**
     * The provider under test; the contract creates a new strategy from it, with {@link #config()},
     * before each test.
     *
     * @return the provider whose strategies the contract checks
     */
    protected abstract NodeDrainStrategyProvider provider();

    /**
     * What each VM sees: zones for a strategy where a node handles its own events, a set where peers
     * help.
     *
     * @return the visibility of the contract's {@link #azure}
     */
    protected abstract Visibility visibility();

    /**
     * The configuration the contract creates the strategy with; override to set what the strategy
     * needs.
     *
     * @return by default, the configuration with every setting at its default
     */
    protected AgentConfig config() {
        return AgentConfig.of(Map.of());
    }

    /**
     * The cluster a case runs on, initialised as the strategy's documentation says, with resources
     * {@code db} and {@code app} on the first node. Override to add what the strategy needs (a health
     * rule, the agent's clone); keep the two resources on the first node, which the cases drain.
     *
     * @param nodes the member nodes' names, at least two (the cases use {@code node1} to
     *              {@code node3}); the first hosts the resources
     * @return a new settled cluster; by default with {@code #health-azure=0} on every node and the
     *     two resources preferring the first node
     */
    protected InMemoryCluster newCluster(String... nodes) {
        InMemoryCluster c = InMemoryCluster.of(nodes).withHealthInitialised();
        c.withResource("db", nodes[0]).withResource("app", nodes[0]);
        return c;
    }

    /**
     * Where the contract's simulation runs the agent, by node; default: on every online node not in
     * standby, as a clone with {@code allow-unhealthy-nodes=true} runs. A strategy whose agent keeps
     * running on a node it has put in standby (its clone tolerates standby) says so here.
     *
     * @return the nodes the agent runs on
     */
    protected Predicate<ClusterNode> agentRunsOn() {
        return n -> n.online() && !n.standby();
    }

    /**
     * The simulation the contract's cases run: {@code cluster}, the contract's Azure, clock and
     * strategy, with the agent placed by {@link #agentRunsOn()}.
     *
     * @param cluster the cluster to simulate
     * @return a new simulation
     */
    protected ClusterSimulation simulation(InMemoryCluster cluster) {
        return new ClusterSimulation(cluster, azure, clock, strategy).agentRunsWhere(agentRunsOn());
    }

    /** The clock of the current test, new before each, at {@link MutableClock#atEpochOfTests()}. */
    protected MutableClock clock;
    /** The Azure of the current test, new before each, with {@link #visibility()} and {@link #clock}. */
    protected FakeAzure azure;
    /** The strategy under test, created from {@link #provider()} with {@link #config()} before each test. */
    protected NodeDrainStrategy strategy;

    @BeforeEach
    void setUpContract() {
        clock = MutableClock.atEpochOfTests();
        azure = new FakeAzure(visibility(), clock);
        strategy = provider().create(config());
    }

    private static boolean available(InMemoryCluster c, String node) {
        ClusterNode n = c.view(node).local();
        return n.canRunResources();
    }

    @Nested
    @DisplayName("naming")
    class Naming {
        @Test
        @DisplayName("the strategy's name is the provider's, in kebab-case")
        void name() {
            assertThat(strategy.name()).isEqualTo(provider().name()).matches("[a-z][a-z0-9-]*");
            assertThat(provider().description()).isNotBlank();
        }
    }

    @Nested
    @DisplayName("an idle cluster")
    class Idle {
        @Test
        @DisplayName("with no events, a settled cluster gets no writes and no approvals")
        void idleWritesNothing() {
            InMemoryCluster c = newCluster("node1", "node2", "node3");
            ClusterSimulation sim = simulation(c);
            sim.round();
            int writesAfterFirstRound = c.writes();

            sim.round();
            sim.round();

            assertThat(c.writes()).isEqualTo(writesAfterFirstRound);
            assertThat(sim.reports().subList(3, sim.reports().size())).allMatch(r -> r.decision().idle());
            assertThat(azure.approvals()).isEmpty();
        }

        @Test
        @DisplayName("deciding twice on the same input gives the same decision")
        void pure() {
            InMemoryCluster c = newCluster("node1", "node2", "node3");
            azure.schedule(EventType.REBOOT, ClusterSimulation.vmName("node1"));
            CycleInput input = new CycleInput(ClusterSimulation.vmName("node1"),
                    azure.documentFor(ClusterSimulation.vmName("node1")), c.view("node1"), clock.instant());

            assertThat(strategy.decide(input)).isEqualTo(strategy.decide(input));
        }
    }

    @Nested
    @DisplayName("a Reboot of node1")
    class Reboot {
        @Test
        @DisplayName("is approved only once node1 is empty, and node1 comes back after it")
        void endToEnd() {
            InMemoryCluster c = newCluster("node1", "node2", "node3");
            ClusterSimulation sim = simulation(c);
            sim.round();
            ScheduledEvent e = azure.schedule(EventType.REBOOT, ClusterSimulation.vmName("node1"));

            int rounds = sim.runUntil(() -> azure.event(e.id()).map(ScheduledEvent::isStarted).orElse(false), 10);
            assertThat(rounds).as("rounds until approval").isBetween(1, 10);
            assertThat(c.resourcesOn("node1")).isEmpty();

            azure.complete(e.id());
            int back = sim.runUntil(() -> available(c, "node1")
                    && c.attribute("node1", stateAttribute()).map("AVAILABLE"::equals).orElse(true)
                    && c.resourcesOn("node1").size() == 2, 10);

            assertThat(back).as("rounds until node1 is back").isBetween(0, 10);
            assertThat(sim.violations()).isEmpty();
            assertThat(sim.reports()).allSatisfy(r -> r.decision().actions()
                    .forEach(a -> assertThat(a.reason()).isNotBlank()));
        }

        @Test
        @DisplayName("is not let through when node1 is the only node that can run resources")
        void lastNode() {
            InMemoryCluster c = newCluster("node1", "node2");
            c.setOnline("node2", false);
            c.settle();
            ClusterSimulation sim = simulation(c);
            ScheduledEvent e = azure.schedule(EventType.REBOOT, ClusterSimulation.vmName("node1"));

            for (int i = 0; i < 5; i++) {
                sim.round();
            }

            assertThat(available(c, "node1")).isTrue();
            assertThat(c.resourcesOn("node1")).hasSize(2);
            assertThat(azure.event(e.id()).orElseThrow().isStarted()).isFalse();
            Decision last = sim.reports().get(sim.reports().size() - 1).decision();
            assertThat(last.state()).isEqualTo(NodeState.ON_HOLD);
            assertThat(sim.violations()).isEmpty();
        }

        @Test
        @DisplayName("of a type not in eventTypes is ignored")
        void irrelevant() {
            InMemoryCluster c = newCluster("node1", "node2", "node3");
            ClusterSimulation sim = simulation(c);
            sim.round();
            int writes = c.writes();
            azure.schedule(EventType.FREEZE, ClusterSimulation.vmName("node1"));

            sim.round();
            sim.round();

            assertThat(c.writes()).isEqualTo(writes);
            assertThat(azure.approvals()).isEmpty();
            assertThat(sim.reports()).noneMatch(r -> r.decision().actions().stream()
                    .anyMatch(PlannedAction.ApproveEvents.class::isInstance));
        }
    }

    /**
     * The node attribute that holds the state machine's state, for example
     * {@code azure-events-az_curNodeState}. The contract expects it to be {@code AVAILABLE}, or not
     * set, once a drained node is back.
     *
     * @return the permanent node attribute's name
     */
    protected abstract String stateAttribute();
}
