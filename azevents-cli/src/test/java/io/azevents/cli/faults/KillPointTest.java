package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.ActionOutcome;
import io.azevents.core.AgentConfig;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.Decision;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.Strategies;
import io.azevents.core.internal.PlanExecutor;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.imds.ImdsConfig;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.pacemaker.CrmClusterAttributeStore;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Process row of the fault matrix: the agent killed (SIGKILL) at every point between its writes and
 * its approval. A killed cycle is simulated by executing only a prefix of the plan it decided, with
 * the real Pacemaker adapter ({@code cibadmin} on a CIB file), real HTTP to an {@link ImdsSimulator}
 * per VM, and {@code crm_simulate} as the scheduler between rounds. For every plan of a Reboot
 * scenario and every prefix length, the scenario must still converge, and no approval may go out
 * for a node that still runs resources or has operations pending.
 */
class KillPointTest {
    private static final int MAX_ROUNDS = 20;

    /** One plan seen in the reference run: round, node, number of actions. */
    record Plan(int round, String node, int size) {
    }

    /** A kill: in {@code round}, {@code node}'s agent dies after {@code k} actions. */
    record Kill(int round, String node, int k) {
        static final Kill NONE = new Kill(-1, "", 0);

        @Override
        public String toString() {
            return this == NONE ? "no kill" : node + " killed in round " + round + " after " + k + " action(s)";
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"az-health", "legacy-pullstate"})
    @DisplayName("Reboot of node1: a cycle killed after any prefix of any plan converges, and never approves for a node still running resources")
    void everyKillPointConverges(String strategy, @TempDir Path dir) throws Exception {
        // The reference run, which also leaves the CIB as it is once every agent has recorded its VM
        // (round 0): every killed run starts from there, at the round the Reboot appears.
        List<Plan> plans = new ArrayList<>();
        Path template = dir.resolve("after-round-0.xml");
        Scenario.run(dir.resolve("reference"), strategy, Kill.NONE, plans, null, template);
        assertThat(plans).as("the reference run plans at least one multi-action cycle").anyMatch(p -> p.size() >= 2);
        List<Kill> kills = new ArrayList<>();
        for (Plan p : plans) {
            for (int k = 0; k < p.size() && p.round() > 0; k++) {
                kills.add(new Kill(p.round(), p.node(), k));
            }
        }
        // Runs are independent (a CIB file and simulators of their own): run a few at a time.
        List<java.util.concurrent.Callable<Void>> runs = new ArrayList<>();
        for (int i = 0; i < kills.size(); i++) {
            Kill kill = kills.get(i);
            Path runDir = dir.resolve("kill-" + i);
            runs.add(() -> {
                Scenario.run(runDir, strategy, kill, new ArrayList<>(), template, null);
                return null;
            });
        }
        FaultKit.inParallel(4, runs);
        System.out.println("[KillPointTest] " + strategy + ": " + plans.size() + " plans, " + kills.size()
                + " kill points after the Reboot appeared, every one converged");
        assertThat(kills.size()).isGreaterThanOrEqualTo(3);
    }

    /** One run of the scenario on a fresh CIB file and fresh simulators. */
    static final class Scenario {
        private final String strategyName;
        private final Path cib;
        private final ImdsRegion region = new ImdsRegion();
        private final Map<String, ImdsSimulator> sims = new LinkedHashMap<>();
        private final Map<String, AzEventsAgent> agents = new HashMap<>();
        private final Map<String, CrmClusterAttributeStore> stores = new HashMap<>();
        private final Map<String, ImdsScheduledEventsService> sources = new HashMap<>();
        private final NodeDrainStrategy strategy;
        private final List<String> violations = new ArrayList<>();
        private final Map<String, List<String>> eventVms = new HashMap<>();

        private Scenario(Path dir, String strategyName, Path template) throws IOException {
            Files.createDirectories(dir);
            this.strategyName = strategyName;
            if (template == null) {
                this.cib = FaultKit.threeNodeCib(dir);
            } else {
                this.cib = dir.resolve("cib.xml");
                Files.copy(template, cib);
            }
            Visibility visibility = strategyName.equals("az-health")
                    ? Visibility.ZONES : Visibility.AVAILABILITY_SET;
            AgentConfig config = AgentConfig.of(Map.of("strategy", strategyName));
            this.strategy = Strategies.discover().create(strategyName, config);
            for (String n : FaultKit.NODES) {
                ImdsSimulator sim = ImdsSimulator.start(region, vm(n), visibility,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                sims.put(n, sim);
                ImdsScheduledEventsService source = new ImdsScheduledEventsService(ImdsConfig.builder()
                        .baseUrl(sim.baseUrl()).deadline(Duration.ofSeconds(10)).build());
                CrmClusterAttributeStore store = FaultKit.store(cib, n);
                stores.put(n, store);
                sources.put(n, source);
                agents.put(n, new AzEventsAgent(source, store, strategy, Clock.systemUTC(), CycleListener.NONE));
            }
        }

        static String vm(String node) {
            return node + "-vm";
        }

        /** From a fresh cluster (template null), or from {@code template} at round 1; saves round 0's CIB to {@code saveAfterRound0}. */
        static void run(Path dir, String strategyName, Kill kill, List<Plan> plans, Path template, Path saveAfterRound0)
                throws IOException {
            Scenario s = new Scenario(dir, strategyName, template);
            try {
                s.play(kill, plans, template == null ? 0 : 1, saveAfterRound0);
            } finally {
                s.sims.values().forEach(ImdsSimulator::close);
            }
        }

        private void play(Kill kill, List<Plan> plans, int firstRound, Path saveAfterRound0) throws IOException {
            String label = strategyName + ", " + kill;
            // Round 0: every agent records its VM (azName, hostName_*); then the Reboot appears.
            ScheduledEvent e = null;
            boolean completed = false;
            boolean back = false;
            String offline = null;
            for (int round = firstRound; round < MAX_ROUNDS; round++) {
                if (round == 1) {
                    e = region.schedule(EventType.REBOOT, vm("node1"));
                    eventVms.put(e.id(), e.resources());
                }
                ClusterView atStart = view();
                for (String n : FaultKit.NODES) {
                    ClusterNode self = atStart.node(n).orElseThrow();
                    if (!self.online() || self.standby()) {
                        continue; // the agent does not run there (rebooting, or stopped by standby)
                    }
                    cycle(round, n, kill, plans);
                }
                FaultKit.simulate(cib);
                if (round == 0 && saveAfterRound0 != null) {
                    Files.copy(cib, saveAfterRound0);
                }
                // Azure: a started event runs (the VM reboots), then it is over and the VM is back.
                if (offline != null) {
                    region.complete(e.id());
                    FaultKit.simulate(cib, "-u", offline);
                    offline = null;
                    completed = true;
                } else if (e != null && region.event(e.id()).map(ScheduledEvent::isStarted).orElse(false)) {
                    FaultKit.simulate(cib, "-d", "node1");
                    offline = "node1";
                }
                if (completed && back() && view().claims().isEmpty()) {
                    back = true;
                    break;
                }
            }
            assertThat(violations).as(label).isEmpty();
            assertThat(completed).as(label + ": the Reboot was approved and ran").isTrue();
            assertThat(back).as(label + ": node1 back (AVAILABLE, healthy, no pending ids, resources home)\n"
                    + FaultKit.cibQuery(cib)).isTrue();
            assertThat(view().claims()).as(label + ": no claim left").isEmpty();
        }

        private ClusterView view() {
            return stores.get("node1").readView();
        }

        private void cycle(int round, String node, Kill kill, List<Plan> plans) {
            AzEventsAgent agent = agents.get(node);
            CycleInput in = agent.read();
            Decision d = strategy.decide(in);
            plans.add(new Plan(round, node, d.actions().size()));
            if (System.getenv("KP_DEBUG") != null) {
                System.out.println("DBG " + System.currentTimeMillis() % 100000 + " r" + round + " " + node + " " + d.state() + " " + d.actions() + " notes " + d.notes());
            }
            Decision run = d;
            if (kill.round() == round && kill.node().equals(node)) {
                run = new Decision(d.strategy(), d.localNode(), d.state(), d.notes(), d.warnings(),
                        d.actions().subList(0, Math.min(kill.k(), d.actions().size())));
            }
            int approvalsBefore = region.approvals().size();
            boolean someoneCouldRun = in.view().nodes().stream().anyMatch(ClusterNode::canRunResources);
            List<ActionOutcome> outcomes = new PlanExecutor(stores.get(node), sources.get(node), CycleListener.NONE,
                    Clock.systemUTC())
                    .execute(run, in.view());
            outcomes.stream().filter(o -> o.result() == ActionOutcome.Result.FAILED)
                    .forEach(o -> violations.add(node + " round " + round + ": action failed: " + o));
            if (outcomes.stream().noneMatch(o -> o.result() == ActionOutcome.Result.DONE)) {
                return; // nothing changed: no invariant can have been broken
            }
            ClusterView after = view();
            if (someoneCouldRun && after.nodes().stream().noneMatch(ClusterNode::canRunResources)) {
                violations.add("after " + node + "'s plan in round " + round + " no node can run resources: " + d);
            }
            for (ImdsRegion.Approval a : region.approvals().subList(approvalsBefore, region.approvals().size())) {
                for (String id : a.eventIds()) {
                    for (String vmName : eventVms.getOrDefault(id, List.of())) {
                        ClusterNode target = after.node(vmName.replace("-vm", "")).orElseThrow();
                        if (!target.runningResources().isEmpty() || target.pendingOperations() > 0) {
                            violations.add(node + " approved " + id + " in round " + round + " while "
                                    + target.name() + " runs " + target.runningResources() + " ("
                                    + target.pendingOperations() + " pending)");
                        }
                    }
                }
            }
        }

        private boolean back() {
            ClusterNode n1 = view().node("node1").orElseThrow();
            String prefix = strategyName.equals("az-health") ? "azure-events-az_" : "azure-events_";
            boolean available = n1.permanentAttribute(prefix + "curNodeState").orElse("AVAILABLE").equals("AVAILABLE");
            boolean noPending = n1.permanentAttribute(prefix + "pendingEventIDs").map(String::isEmpty).orElse(true);
            boolean healthy = n1.canRunResources()
                    && n1.permanentAttribute(FaultKit.HEALTH).equals(Optional.of("0"));
            return n1.online() && available && noPending && healthy && n1.runningResources().size() == 2;
        }
    }
}
