package io.azevents.cli.demo;

import io.azevents.simulation.Visibility;
import io.azevents.cli.text.DecisionText;
import io.azevents.cli.text.Text;
import io.azevents.cli.wiring.AgentFactory;
import io.azevents.cli.wiring.AgentTypes;
import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.wiring.Wiring;
import io.azevents.core.ActionOutcome;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.imds.ImdsConfig;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.pacemaker.admin.ConfigurationCheck;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code azevents demo}: a user-initiated Reboot of node1, played end to end on a 3-node cluster
 * with no Azure and no live cluster. Each VM has its own IMDS simulator on loopback (zones view),
 * each node runs the azure-events-az agent's strategy through the real adapters, and the cluster is Pacemaker's own
 * tools on a CIB file ({@code crm_simulate} schedules the resources) when installed, an in-process
 * cluster otherwise. Prints a timeline; exit 0 when node1 is back with its resources.
 */
public final class Demo {
    private static final String NODE = "node1";
    /** The OCF agent every node runs; its strategy is the one whose provider keeps that agent's behaviour. */
    private static final String AGENT = AgentTypes.DEFAULT;
    private static final String HEALTH = ConfigurationCheck.HEALTH;
    private static final int MAX_ROUNDS = 40;

    private final PrintStream out;
    private final long t0 = System.nanoTime();
    private final List<String> milestones = new ArrayList<>();

    private Demo(PrintStream out) {
        this.out = out;
    }

    public static int run(boolean fast, PrintStream out) {
        return new Demo(out).play();
    }

    private void line(String who, String text) {
        Text.wrap(String.format("%6.2fs  %-6s ", (System.nanoTime() - t0) / 1e9, who), text).forEach(out::println);
    }

    private void milestone(String name, String text) {
        milestones.add(name);
        line("==", name.toUpperCase() + ": " + text);
    }

    private int play() {
        ImdsRegion region = new ImdsRegion();
        Map<String, ImdsSimulator> sims = new LinkedHashMap<>();
        try (DemoCluster cluster = DemoCluster.create()) {
            for (String n : DemoCluster.NODES) {
                sims.put(n, ImdsSimulator.start(region, n + "-vm", Visibility.ZONES,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            }
            out.println("azevents demo: a user-initiated Reboot of node1 on a 3-node cluster");
            out.println("  cluster: " + cluster.description());
            out.println("  IMDS:    a simulator per VM on " + sims.get(NODE).baseUrl().getHost()
                    + " (each VM sees only its own events)");
            String strategyName = AgentTypes.defaultStrategy(Strategies.discover(), AGENT);
            out.println("  agent:   strategy " + strategyName + ", resources db and app prefer node1");
            out.println();
            EnvConfig config = new EnvConfig(Map.of(), strategyName);
            NodeDrainStrategy strategy = null;
            Map<String, AzEventsAgent> agents = new LinkedHashMap<>();
            for (String n : DemoCluster.NODES) {
                AgentFactory f = new AgentFactory(config, new NodeWiring(sims.get(n), cluster.store(n)),
                        Clock.systemUTC(), new Narrator(n));
                strategy = strategy == null ? f.strategy() : strategy; // one strategy, shared as one agent's would be
                agents.put(n, f.agent(f.source(Duration.ofSeconds(5), Path.of("")), f.store(), strategy));
            }
            line("==", "resources on node1: " + cluster.resourcesOn(NODE));
            round(cluster, agents);
            line("==", "first round done: no event; each node recorded its VM name");

            ScheduledEvent event = region.add(ScheduledEvent.of(UUID.randomUUID().toString(), EventType.REBOOT,
                    Optional.of(java.time.Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                    NODE + "-vm").withInitiator(EventInitiator.USER).withDescription("Virtual machine is going to be restarted"));
            milestone("event", "Azure schedules a Reboot (User) of node1-vm, id " + event.id().substring(0, 8)
                    + "..., not before " + event.notBefore().orElseThrow());
            int rebootedAt = -1;
            for (int r = 1; r <= MAX_ROUNDS; r++) {
                round(cluster, agents);
                if (!milestones.contains("drained") && cluster.attribute(NODE, HEALTH).equals(Optional.of("-1000000"))) {
                    milestone("drained", "node1 is marked unhealthy (#health-azure=-1000000)");
                }
                if (milestones.contains("drained") && !milestones.contains("empty") && cluster.resourcesOn(NODE).isEmpty()) {
                    milestone("empty", "resources gone from node1: db on " + where(cluster, "db") + ", app on "
                            + where(cluster, "app"));
                }
                if (!milestones.contains("approved") && region.approvedIds().contains(event.id())) {
                    if (!cluster.resourcesOn(NODE).isEmpty()) {
                        milestone("unsafe", "approved while node1 still ran " + cluster.resourcesOn(NODE));
                        return 1;
                    }
                    milestone("approved", "node1-vm's IMDS received the approval; the event is Started");
                    rebootedAt = r;
                }
                if (rebootedAt > 0 && r == rebootedAt + 1) {
                    cluster.setOnline(NODE, false);
                    milestone("reboot", "node1 reboots (it leaves the cluster)");
                }
                if (rebootedAt > 0 && r == rebootedAt + 2) {
                    region.complete(event.id());
                    cluster.setOnline(NODE, true);
                    milestone("done", "the event is over and gone from IMDS; node1 rejoins");
                }
                if (milestones.contains("done") && !milestones.contains("back")
                        && cluster.attribute(NODE, HEALTH).equals(Optional.of("0"))
                        && cluster.attribute(NODE, AGENT + "_curNodeState").orElse("AVAILABLE").equals("AVAILABLE")) {
                    milestone("back", "node1 is healthy (#health-azure=0) and AVAILABLE again");
                }
                if (milestones.contains("back") && cluster.resourcesOn(NODE).size() == 2) {
                    milestone("home", "db and app run on node1 again");
                    break;
                }
            }
            out.println();
            boolean ok = milestones.containsAll(List.of("drained", "empty", "approved", "done", "back", "home"));
            out.println(ok ? String.format("demo finished in %.1f s: drain, approval after the node was empty, "
                    + "recovery.", (System.nanoTime() - t0) / 1e9)
                    : "demo did not finish: reached " + milestones);
            return ok ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the IMDS simulators: " + e.getMessage(), e);
        } finally {
            sims.values().forEach(ImdsSimulator::close);
        }
    }

    private static String where(DemoCluster c, String resource) {
        for (String n : DemoCluster.NODES) {
            if (c.resourcesOn(n).contains(resource)) {
                return n;
            }
        }
        return "(stopped)";
    }

    private void round(DemoCluster cluster, Map<String, AzEventsAgent> agents) {
        for (Map.Entry<String, AzEventsAgent> a : agents.entrySet()) {
            if (cluster.online(a.getKey())) {
                CycleReport report = a.getValue().runCycle();
                report.failure().ifPresent(f -> line(a.getKey(), "FAILED " + DecisionText.outcome(f)));
            }
        }
        cluster.settle();
    }

    /** One node's adapters: its VM's IMDS simulator (no retries, no files), its store of the demo cluster. */
    private record NodeWiring(ImdsSimulator sim, ClusterAttributeStore store) implements Wiring {
        @Override
        public ScheduledEventsService source(EnvConfig config, Duration deadline, Path stateDir) {
            return new ImdsScheduledEventsService(ImdsConfig.builder()
                    .baseUrl(sim.baseUrl()).retryCount(0).deadline(deadline).build());
        }

        @Override
        public ClusterAttributeStore store(EnvConfig config) {
            return store;
        }

        @Override
        public String queryCib() {
            throw new UnsupportedOperationException("the demo checks no configuration");
        }
    }

    /** Prints every action an agent carries out, with its reason. */
    private final class Narrator implements CycleListener {
        private final String node;

        Narrator(String node) {
            this.node = node;
        }

        @Override
        public void acted(ActionOutcome o) {
            if (o.result() == ActionOutcome.Result.DONE || o.result() == ActionOutcome.Result.CLAIM_LOST) {
                line(node, o.action().reason() + " -> " + DecisionText.action(o.action())
                        + (o.result() == ActionOutcome.Result.CLAIM_LOST ? " (claim held elsewhere)" : ""));
            }
        }
    }
}
