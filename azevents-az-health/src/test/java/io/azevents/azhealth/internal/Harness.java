package io.azevents.azhealth.internal;

import io.azevents.simulation.Visibility;
import io.azevents.core.ActionOutcome;
import io.azevents.core.AgentConfig;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterNode;
import io.azevents.core.CycleListener;
import io.azevents.core.Decision;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.internal.PlanExecutor;
import io.azevents.core.spi.CycleInput;
import io.azevents.simulation.ClusterSimulation;
import io.azevents.simulation.FakeAzure;
import io.azevents.simulation.InMemoryCluster;
import io.azevents.simulation.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agents over one {@link InMemoryCluster} and one {@link FakeAzure} whose reads and plans can be
 * interleaved at will (a node's plan may run on a view other nodes have changed since), with the
 * invariants checked after every plan: no plan leaves no node able to run resources when one could
 * before it, and an approval goes out only for nodes that are empty, idle and kept empty.
 */
final class Harness {
    final InMemoryCluster cluster;
    final FakeAzure azure;
    final MutableClock clock;
    final AzHealthStrategy strategy;
    final List<String> violations = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();

    Harness(InMemoryCluster cluster, Visibility visibility, AgentConfig config) {
        this.cluster = cluster;
        this.clock = MutableClock.atEpochOfTests();
        this.azure = new FakeAzure(visibility, clock);
        this.strategy = AzHealthStrategy.create(config);
    }

    Harness(InMemoryCluster cluster) {
        this(cluster, Visibility.ZONES, AgentConfig.of(Map.of()));
    }

    /** A 3-node (or n-node) cluster initialised as documented, with resources db and app on the first node. */
    static InMemoryCluster cluster(String... nodes) {
        InMemoryCluster c = InMemoryCluster.of(nodes).withHealthInitialised();
        c.withResource("db", nodes[0]).withResource("app", nodes[0]);
        return c;
    }

    static String vm(String node) {
        return ClusterSimulation.vmName(node);
    }

    /** What {@code node}'s agent reads now. */
    CycleInput read(String node) {
        return new CycleInput(vm(node), azure.documentFor(vm(node)), cluster.view(node), clock.instant(),
                cluster.store(node)::forecastDrain);
    }

    Decision decide(String node) {
        return strategy.decide(read(node));
    }

    /** Runs {@code decision} (decided on {@code input}) as the engine would, checking the invariants. */
    List<ActionOutcome> execute(String node, CycleInput input, Decision decision) {
        decisions.add(decision);
        boolean before = someoneCanRun();
        List<ActionOutcome> out = new PlanExecutor(cluster.store(node), azure.sourceFor(vm(node)), new Checker(), clock)
                .execute(decision, input.view());
        if (before && !someoneCanRun()) {
            violations.add("after " + node + "'s plan at " + clock.instant() + " no node can run resources: " + decision);
        }
        return out;
    }

    /** One full cycle of {@code node}: read, decide, run every action. */
    Decision cycle(String node) {
        CycleInput in = read(node);
        Decision d = strategy.decide(in);
        execute(node, in, d);
        return d;
    }

    /** Like {@link #cycle} but only the first {@code k} actions run: the agent was killed after them. */
    Decision killedCycle(String node, int k) {
        CycleInput in = read(node);
        Decision d = strategy.decide(in);
        Decision prefix = new Decision(d.strategy(), d.localNode(), d.state(), d.notes(), d.warnings(),
                d.actions().subList(0, Math.min(k, d.actions().size())));
        execute(node, in, prefix);
        return d;
    }

    /** A round in node order where the agent runs (online, not standby), then settle and tick. */
    void round() {
        for (String n : cluster.nodeNames()) {
            if (runs(n)) {
                cycle(n);
            }
        }
        endRound();
    }

    void endRound() {
        cluster.settle();
        clock.advance(java.time.Duration.ofSeconds(10));
    }

    boolean runs(String node) {
        ClusterNode n = cluster.view(node).local();
        return n.online() && !n.standby();
    }

    boolean someoneCanRun() {
        return cluster.view(cluster.nodeNames().get(0)).nodes().stream().anyMatch(ClusterNode::canRunResources);
    }

    Optional<String> state(String node) {
        return cluster.attribute(node, Keys.STATE);
    }

    Optional<String> health(String node) {
        return cluster.attribute(node, Keys.HEALTH);
    }

    /** True if the node is back: AVAILABLE (or never touched), #health-azure=0, no pending ids. */
    boolean back(String node) {
        return state(node).orElse("AVAILABLE").equals("AVAILABLE") && health(node).equals(Optional.of("0"))
                && cluster.attribute(node, Keys.PENDING).isEmpty();
    }

    /** Records that node {@code n} runs on its VM, as its first cycle would. */
    static void recordVms(InMemoryCluster c) {
        for (String n : c.nodeNames()) {
            c.setAttribute(n, Keys.AZ_NAME, vm(n));
            c.store(n).write(List.of(AttributeUpdate.setProperty(Keys.HOST_NAME_PREFIX + vm(n), n)));
        }
    }

    private final class Checker implements CycleListener {
        @Override
        public void acted(ActionOutcome outcome) {
            if (outcome.result() != ActionOutcome.Result.DONE
                    || !(outcome.action() instanceof PlannedAction.ApproveEvents approve)) {
                return;
            }
            for (String id : approve.eventIds()) {
                Optional<ScheduledEvent> e = azure.event(id);
                for (String v : e.map(ScheduledEvent::resources).orElse(List.of())) {
                    cluster.nodeNames().stream().filter(n -> vm(n).equals(v)).forEach(n -> {
                        ClusterNode node = cluster.view(n).local();
                        if (!cluster.resourcesOn(n).isEmpty() || node.pendingOperations() > 0
                                || (node.online() && node.canRunResources())) {
                            violations.add("event " + id + " approved at " + clock.instant() + " while " + n
                                    + " runs " + cluster.resourcesOn(n) + ", has " + node.pendingOperations()
                                    + " pending operations, can run resources: " + node.canRunResources());
                        }
                    });
                }
            }
        }
    }
}
