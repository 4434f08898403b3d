package io.azevents.cli.scenario;

import io.azevents.simulation.Visibility;
import io.azevents.core.ActionOutcome;
import io.azevents.core.AgentConfig;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.imds.ImdsConfig;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent per node of a {@link ScenarioCluster}, each with its own IMDS simulator over one shared
 * {@link ImdsRegion}. Every cycle is assembled afresh, as the OCF agent is (one process per monitor):
 * a new IMDS source whose VM name cache is a file of the node's, and a new store with the production
 * defaults whose commands go through a counting runner.
 */
final class Fleet implements AutoCloseable {
    final ScenarioCluster cluster;
    final ImdsRegion region = new ImdsRegion();
    final Map<String, ImdsSimulator> sims = new LinkedHashMap<>();
    private final NodeDrainStrategy strategy;
    /** Every command each node's agent ran, per round: node -> list of argv, cleared by {@link #round()}. */
    final Map<String, List<List<String>>> commands = new LinkedHashMap<>();
    /** What every agent decided and did, for failure messages. */
    final StringBuilder log = new StringBuilder();
    private int round = -1;

    Fleet(ScenarioCluster cluster, String strategyName, Visibility visibility) {
        this.cluster = cluster;
        this.strategy = Strategies.discover().create(strategyName, AgentConfig.of(Map.of()));
        try {
            for (String n : ScenarioCluster.NODES) {
                sims.put(n, ImdsSimulator.start(region, n + "-vm", visibility,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One round: the agent of every node where the scheduler runs its clone runs one cycle, in node
     * order; then the scheduler acts on what they wrote. Returns the nodes whose agent ran.
     */
    List<String> round() {
        round++;
        commands.clear();
        ClusterView before = cluster.view();
        List<String> ran = new ArrayList<>();
        for (String n : ScenarioCluster.NODES) {
            if (!cluster.agentRunsOn(before, n)) {
                continue;
            }
            CycleReport report = agent(n).runCycle();
            ran.add(n);
            if (!report.decision().warnings().isEmpty()) {
                log.append("  ").append(n).append(" warns: ").append(report.decision().warnings()).append('\n');
            }
            if (report.failure().isPresent()) {
                throw new AssertionError("round " + round + ": " + n + "'s cycle failed: " + report.failure().get()
                        + "\n" + log);
            }
        }
        cluster.simulate();
        return ran;
    }

    int roundNumber() {
        return round;
    }

    private AzEventsAgent agent(String node) {
        List<List<String>> argvs = commands.computeIfAbsent(node, k -> new ArrayList<>());
        CommandRunner counting = (argv, env, timeout) -> {
            synchronized (argvs) {
                argvs.add(List.copyOf(argv));
            }
            return CommandRunner.local().run(argv, env, timeout);
        };
        ImdsScheduledEventsService source = new ImdsScheduledEventsService(ImdsConfig.builder()
                .baseUrl(sims.get(node).baseUrl()).retryCount(0).deadline(Duration.ofSeconds(5))
                .vmNameCache(cluster.dir().resolve(node + "-vmname")).build());
        return new AzEventsAgent(source, cluster.store(node, counting), strategy, Clock.systemUTC(), new CycleListener() {
            @Override
            public void acted(ActionOutcome o) {
                if (o.result() != ActionOutcome.Result.UNCHANGED) {
                    log.append("  r").append(round).append(' ').append(node).append(' ').append(o.result()).append(": ")
                            .append(o.action().reason()).append(o.detail().map(d -> " (" + d + ")").orElse(""))
                            .append('\n');
                }
            }
        });
    }

    /** The GETs of {@code path} a node's simulator has received so far. */
    long gets(String node, String path) {
        return sims.get(node).requests(path).stream().filter(r -> r.method().equals("GET")).count();
    }

    @Override
    public void close() {
        sims.values().forEach(ImdsSimulator::close);
    }
}
