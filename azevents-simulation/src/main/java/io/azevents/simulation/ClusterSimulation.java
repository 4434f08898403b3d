package io.azevents.simulation;

import io.azevents.core.ActionOutcome;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterNode;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.NodeDrainStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Several agents, one per node, over one {@link InMemoryCluster} and one {@link FakeAzure}: the
 * harness for scenario and invariant tests. A round runs the agent of every node where it runs
 * (by default: online and not in standby, as a clone with {@code allow-unhealthy-nodes}), in the
 * order given, then lets the cluster {@link InMemoryCluster#settle() settle} and advances the clock.
 *
 * <p>It checks two invariants as it goes and records every breach in {@link #violations()}: an
 * approval is only sent when every cluster node the event names is empty and idle, and some node can
 * always run resources while one could at the start of the round. VM names are {@code <node>-vm}.
 * Not thread-safe.
 */
public final class ClusterSimulation {
    private final InMemoryCluster cluster;
    private final FakeAzure azure;
    private final MutableClock clock;
    private final NodeDrainStrategy strategy;
    private final List<String> violations = new ArrayList<>();
    private final List<CycleReport> reports = new ArrayList<>();
    private Predicate<ClusterNode> agentRuns = n -> n.online() && !n.standby();
    private Duration tick = Duration.ofSeconds(10);

    public ClusterSimulation(InMemoryCluster cluster, FakeAzure azure, MutableClock clock, NodeDrainStrategy strategy) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.azure = Objects.requireNonNull(azure, "azure");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** The VM name the simulation gives {@code node}. */
    public static String vmName(String node) {
        return node + "-vm";
    }

    /** The node whose VM is {@code vm}, if it is one of the cluster's. */
    public Optional<String> nodeOfVm(String vm) {
        return cluster.nodeNames().stream().filter(n -> vmName(n).equals(vm)).findFirst();
    }

    /** Decides on which nodes an agent runs each round. */
    public ClusterSimulation agentRunsWhere(Predicate<ClusterNode> predicate) {
        this.agentRuns = Objects.requireNonNull(predicate, "predicate");
        return this;
    }

    /**
     * Runs the agent where the cluster's model runs resource {@code primitiveId} (the agent's clone,
     * see {@link InMemoryCluster#withAgentClone}), instead of on every online node not in standby.
     */
    public ClusterSimulation agentRunsWhereResourceRuns(String primitiveId) {
        Objects.requireNonNull(primitiveId, "primitiveId");
        return agentRunsWhere(n -> cluster.nodesOf(primitiveId).contains(n.name()));
    }

    /** How far the clock moves after each round; default 10 s, the monitor interval. */
    public ClusterSimulation tick(Duration d) {
        this.tick = Objects.requireNonNull(d, "d");
        return this;
    }

    /** The agent of {@code node}, as the simulation runs it. */
    public AzEventsAgent agent(String node) {
        return new AzEventsAgent(azure.sourceFor(vmName(node)), cluster.store(node), strategy, clock, new Checker());
    }

    /** One round in node order. */
    public List<CycleReport> round() {
        return round(cluster.nodeNames());
    }

    /** One round, running the agents of {@code order} (where they run) in that order. */
    public List<CycleReport> round(List<String> order) {
        boolean someoneCouldRun = cluster.view(order.isEmpty() ? cluster.nodeNames().get(0) : order.get(0))
                .nodes().stream().anyMatch(ClusterNode::canRunResources);
        List<CycleReport> out = new ArrayList<>();
        for (String node : order) {
            ClusterNode n = cluster.view(node).local();
            if (!agentRuns.test(n)) {
                continue;
            }
            CycleReport r = agent(node).runCycle();
            out.add(r);
            boolean someoneCan = cluster.view(node).nodes().stream().anyMatch(ClusterNode::canRunResources);
            if (someoneCouldRun && !someoneCan) {
                violations.add("after " + node + "'s cycle at " + clock.instant() + " no node can run resources: "
                        + r.decision());
            }
        }
        cluster.settle();
        clock.advance(tick);
        reports.addAll(out);
        return out;
    }

    /** Runs rounds until {@code done} holds or {@code maxRounds} have run; the rounds run. */
    public int runUntil(java.util.function.BooleanSupplier done, int maxRounds) {
        for (int i = 0; i < maxRounds; i++) {
            if (done.getAsBoolean()) {
                return i;
            }
            round();
        }
        return done.getAsBoolean() ? maxRounds : -1;
    }

    /** Invariant breaches seen so far, one line each. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every cycle report so far. */
    public List<CycleReport> reports() {
        return List.copyOf(reports);
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
                if (e.isEmpty()) {
                    continue;
                }
                for (String vm : e.get().resources()) {
                    nodeOfVm(vm).ifPresent(node -> {
                        List<String> running = cluster.resourcesOn(node);
                        ClusterNode n = cluster.view(node).local();
                        if (!running.isEmpty() || n.pendingOperations() > 0) {
                            violations.add("event " + id + " approved at " + clock.instant() + " while " + node
                                    + " still runs " + running + " with " + n.pendingOperations() + " pending operations");
                        }
                    });
                }
            }
        }
    }
}
