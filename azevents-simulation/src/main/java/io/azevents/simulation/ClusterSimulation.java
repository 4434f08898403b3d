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

    /**
     * A simulation over {@code cluster} and {@code azure}. Each node's VM is {@code <node>-vm}, so
     * schedule events in {@code azure} for {@link #vmName(String)} of a node.
     *
     * @param cluster  the cluster, whose nodes the agents run on; settled by every round
     * @param azure    the region the agents read and approve events in
     * @param clock    the clock the agents read, advanced by every round; share it with {@code azure}
     *                 so that events fall due
     * @param strategy the drain strategy every agent uses
     * @throws NullPointerException if an argument is null
     */
    public ClusterSimulation(InMemoryCluster cluster, FakeAzure azure, MutableClock clock, NodeDrainStrategy strategy) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.azure = Objects.requireNonNull(azure, "azure");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /**
     * The VM name the simulation gives {@code node}.
     *
     * @param node a node's name
     * @return {@code node + "-vm"}
     */
    public static String vmName(String node) {
        return node + "-vm";
    }

    /**
     * The node whose VM is {@code vm}.
     *
     * @param vm a VM name, as events name VMs
     * @return the node of the cluster whose {@link #vmName(String)} it is; empty if none
     */
    public Optional<String> nodeOfVm(String vm) {
        return cluster.nodeNames().stream().filter(n -> vmName(n).equals(vm)).findFirst();
    }

    /**
     * Decides on which nodes an agent runs each round, in place of the default (online and not in
     * standby).
     *
     * @param predicate tested, at the node's turn in each round, on the node as the cluster's view
     *                  shows it; true to run its agent
     * @return this simulation
     * @throws NullPointerException if {@code predicate} is null
     */
    public ClusterSimulation agentRunsWhere(Predicate<ClusterNode> predicate) {
        this.agentRuns = Objects.requireNonNull(predicate, "predicate");
        return this;
    }

    /**
     * Runs the agent where the cluster's model runs resource {@code primitiveId} (the agent's clone,
     * see {@link InMemoryCluster#withAgentClone}), instead of on every online node not in standby.
     *
     * @param primitiveId the primitive id of the agent's clone, as {@link InMemoryCluster#nodesOf}
     *                    takes it
     * @return this simulation
     * @throws NullPointerException if {@code primitiveId} is null
     */
    public ClusterSimulation agentRunsWhereResourceRuns(String primitiveId) {
        Objects.requireNonNull(primitiveId, "primitiveId");
        return agentRunsWhere(n -> cluster.nodesOf(primitiveId).contains(n.name()));
    }

    /**
     * Sets how far the clock moves after each round; default 10 s, the monitor interval.
     *
     * @param d the step; zero keeps the clock still
     * @return this simulation
     * @throws NullPointerException if {@code d} is null
     */
    public ClusterSimulation tick(Duration d) {
        this.tick = Objects.requireNonNull(d, "d");
        return this;
    }

    /**
     * The agent of {@code node}, as the simulation runs it: over {@code node}'s store, the source of
     * its VM, the strategy and the clock, with the approval invariant checked. Each round runs a new
     * one per node.
     *
     * @param node a node of the cluster
     * @return a new agent
     * @throws NullPointerException     if {@code node} is null
     * @throws IllegalArgumentException if {@code node} is not a node of the cluster, or its VM name
     *                                  is not valid
     */
    public AzEventsAgent agent(String node) {
        return new AzEventsAgent(azure.sourceFor(vmName(node)), cluster.store(node), strategy, clock, new Checker());
    }

    /**
     * One round in node order ({@link InMemoryCluster#nodeNames()}); see {@link #round(List)}.
     *
     * @return the reports of the cycles run, in order; empty if no agent ran
     */
    public List<CycleReport> round() {
        return round(cluster.nodeNames());
    }

    /**
     * One round: runs one cycle of the agents of {@code order} in that order, skipping nodes where
     * the agent does not run, then settles the cluster and advances the clock by the tick.
     *
     * @param order the nodes whose agents to run, in order; a node may be left out or repeated;
     *              empty to run no agent (the cluster still settles and the clock moves)
     * @return the reports of the cycles run, in order; empty if no agent ran
     * @throws io.azevents.core.ClusterStoreException if {@code order} names a node that is not the
     *                                                 cluster's
     */
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

    /**
     * Runs rounds in node order until {@code done} holds or {@code maxRounds} have run. {@code done}
     * is tested before each round and after the last.
     *
     * @param done      the goal, for example that an event was approved
     * @param maxRounds the most rounds to run
     * @return the number of rounds run before {@code done} held (0 if it held at once); -1 if it
     *     still does not hold after {@code maxRounds}
     */
    public int runUntil(java.util.function.BooleanSupplier done, int maxRounds) {
        for (int i = 0; i < maxRounds; i++) {
            if (done.getAsBoolean()) {
                return i;
            }
            round();
        }
        return done.getAsBoolean() ? maxRounds : -1;
    }

    /**
     * Invariant breaches seen so far (see the class documentation).
     *
     * @return one line each, in the order seen; empty if none, as a passing test expects
     */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * Every cycle report so far, of every round.
     *
     * @return a copy, in the order the cycles ran; empty if none
     */
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
