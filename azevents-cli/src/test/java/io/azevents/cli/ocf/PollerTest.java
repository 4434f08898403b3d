package io.azevents.cli.ocf;

import io.azevents.simulation.Visibility;
import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.wiring.Wiring;
import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.cli.faults.FaultKit;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.DrainForecast;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.imds.ImdsConfig;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resident poller through the fault matrix, in process: the real {@link Poller} with the real
 * Pacemaker adapter on a CIB file ({@code cibadmin}, {@code crm_simulate} as the scheduler between
 * rounds) and real HTTP to one {@link ImdsSimulator} per VM. The poller's clocks are the test's: a
 * wall clock that can step (NTP) and a monotonic clock that moves one poll interval per round.
 */
class PollerTest {
    private static final int MAX_ROUNDS = 40;

    /** A wall clock the test can step, and the poller's monotonic clock. */
    static final class Clocks extends Clock {
        final AtomicLong wallOffsetMillis = new AtomicLong();
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(wallOffsetMillis.get());
        }

        void tick(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    /** Thrown by a killed node's adapters on the first action past its kill point: the process is gone. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed", null, false, false);
        }
    }

    /**
     * The adapters of one node's poller, counting the plan's actions (writes, claims, releases,
     * approvals); with a kill point set, the action after it throws {@link Killed} and none is done.
     */
    static final class Counting implements ClusterAttributeStore, ScheduledEventsService {
        final ClusterAttributeStore store;
        final ScheduledEventsService source;
        final AtomicInteger actions = new AtomicInteger();
        volatile int killAfter = -1;
        volatile int failWrites;

        Counting(ClusterAttributeStore store, ScheduledEventsService source) {
            this.store = store;
            this.source = source;
        }

        private void act() {
            if (killAfter >= 0 && actions.get() >= killAfter) {
                throw new Killed();
            }
            actions.incrementAndGet();
        }

        private void writeFault() {
            if (failWrites > 0) {
                failWrites--;
                throw new ClusterStoreException("cibadmin --patch exited 102: not connected (injected)");
            }
        }

        @Override
        public String localNodeName() {
            return store.localNodeName();
        }

        @Override
        public ClusterView readView() {
            return store.readView();
        }

        @Override
        public void write(List<AttributeUpdate> updates) {
            act();
            writeFault();
            store.write(updates);
        }

        @Override
        public boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
            act();
            writeFault();
            return store.write(updates, fence, now);
        }

        @Override
        public boolean tryAcquire(Claim claim) {
            act();
            return store.tryAcquire(claim);
        }

        @Override
        public boolean release(Claim claim) {
            act();
            return store.release(claim);
        }

        @Override
        public DrainForecast forecastDrain(ClusterView view, List<AttributeUpdate> drain) {
            return store.forecastDrain(view, drain);
        }

        @Override
        public ScheduledEventsDocument fetch() {
            return source.fetch();
        }

        @Override
        public void approve(Set<String> eventIds) {
            act();
            source.approve(eventIds);
        }

        @Override
        public String vmName() {
            return source.vmName();
        }
    }

    /** One node: its simulator, adapters, configuration and (replaceable) poller. */
    static final class Node {
        final String name;
        final ImdsSimulator sim;
        final Counting adapters;
        final EnvConfig config;
        final StateFile state;
        final Clocks clocks;
        Poller poller;

        Node(String name, ImdsSimulator sim, Counting adapters, EnvConfig config, StateFile state, Clocks clocks) {
            this.name = name;
            this.sim = sim;
            this.adapters = adapters;
            this.config = config;
            this.state = state;
            this.clocks = clocks;
            restart();
        }

        /** A new poller process: nothing of the old one's memory. */
        void restart() {
            Wiring w = new Wiring() {
                @Override
                public ScheduledEventsService source(EnvConfig c, Duration deadline, Path stateDir) {
                    return adapters;
                }

                @Override
                public ClusterAttributeStore store(EnvConfig c) {
                    return adapters;
                }

                @Override
                public String queryCib() {
                    throw new UnsupportedOperationException();
                }
            };
            poller = new Poller(config, w, state, clocks, clocks.nanos::get, CycleListener.NONE);
        }

        Optional<String> heartbeat() throws IOException {
            Path hb = Path.of(state.path() + ".heartbeat");
            return Files.exists(hb) ? Optional.of(Files.readString(hb).trim()) : Optional.empty();
        }
    }

    /** A 3-node CIB file with one poller per node and a region shared by their simulators. */
    static final class Cluster implements AutoCloseable {
        final Path cib;
        final ImdsRegion region = new ImdsRegion();
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final Clocks clocks = new Clocks();
        final String strategy;

        Cluster(Path dir, String strategy, Map<String, String> params) throws IOException {
            this(dir, strategy, params, null);
        }

        Cluster(Path dir, String strategy, Map<String, String> params, Path template) throws IOException {
            this.strategy = strategy;
            Files.createDirectories(dir);
            if (template == null) {
                cib = FaultKit.threeNodeCib(dir);
            } else {
                cib = dir.resolve("cib.xml");
                Files.copy(template, cib);
            }
            Visibility visibility = strategy.equals("az-health")
                    ? Visibility.ZONES : Visibility.AVAILABILITY_SET;
            for (String n : FaultKit.NODES) {
                ImdsSimulator sim = ImdsSimulator.start(region, vm(n), visibility,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ImdsScheduledEventsService source = new ImdsScheduledEventsService(ImdsConfig.builder()
                        .baseUrl(sim.baseUrl()).deadline(Duration.ofSeconds(5)).retryCount(0).build());
                Map<String, String> env = new HashMap<>();
                env.put("OCF_RESKEY_strategy", strategy);
                env.put("OCF_RESKEY_imds_url", sim.baseUrl().toString());
                params.forEach((k, v) -> env.put("OCF_RESKEY_" + k, v));
                Path rsc = Files.createDirectories(dir.resolve("rsc-" + n));
                StateFile state = new StateFile(rsc.resolve("azevents-test.state"));
                state.write(Map.of("mode", "resident"));
                nodes.put(n, new Node(n, sim, new Counting(FaultKit.store(cib, n), source),
                        new EnvConfig(env, strategy), state, clocks));
            }
        }

        static String vm(String node) {
            return node + "-vm";
        }

        Node node(String name) {
            return nodes.get(name);
        }

        ClusterView view() {
            return nodes.get("node1").adapters.store.readView();
        }

        @Override
        public void close() {
            nodes.values().forEach(n -> n.sim.close());
        }
    }

    /** One plan seen in the reference run: round, node, number of actions. */
    record Plan(int round, String node, int size) {
    }

    /** In {@code round}, {@code node}'s poller dies after {@code k} actions and a new one takes over. */
    record Kill(int round, String node, int k) {
        static final Kill NONE = new Kill(-1, "", 0);

        @Override
        public String toString() {
            return this == NONE ? "no kill" : node + "'s poller killed in round " + round + " after " + k + " action(s)";
        }
    }

    /**
     * A Reboot of node1 played in rounds: in each round every node whose agent runs polls once, the
     * monotonic clock moves one second, then the scheduler acts and Azure moves the event along.
     * Checks after every round that changed something: no approval for a node still running
     * resources or with operations pending, and some node can still run resources.
     */
    static final class Scenario {
        final Cluster cluster;
        final List<String> violations = new ArrayList<>();
        final Map<String, List<String>> eventVms = new HashMap<>();
        int fullCycles;

        Scenario(Cluster cluster) {
            this.cluster = cluster;
        }

        void play(Kill kill, List<Plan> plans, int firstRound, Path saveAfterRound0) throws IOException {
            String label = cluster.strategy + ", resident, " + kill;
            ScheduledEvent e = null;
            boolean completed = false;
            boolean back = false;
            String offline = null;
            for (int round = firstRound; round < MAX_ROUNDS; round++) {
                if (round == 1) {
                    e = cluster.region.schedule(EventType.REBOOT, Cluster.vm("node1"));
                    eventVms.put(e.id(), e.resources());
                }
                ClusterView atStart = cluster.view();
                for (Node n : cluster.nodes.values()) {
                    ClusterNode self = atStart.node(n.name).orElseThrow();
                    if (!self.online() || self.standby()) {
                        continue; // the agent does not run there (rebooting, or stopped by standby)
                    }
                    poll(round, n, kill, plans, atStart);
                }
                cluster.clocks.tick(Duration.ofSeconds(1));
                FaultKit.simulate(cluster.cib);
                if (round == 0 && saveAfterRound0 != null) {
                    Files.copy(cluster.cib, saveAfterRound0);
                }
                if (offline != null) {
                    cluster.region.complete(e.id());
                    FaultKit.simulate(cluster.cib, "-u", offline);
                    // The VM rebooted: its poller is a new process.
                    cluster.node(offline).restart();
                    offline = null;
                    completed = true;
                } else if (e != null && cluster.region.event(e.id()).map(ScheduledEvent::isStarted).orElse(false)) {
                    FaultKit.simulate(cluster.cib, "-d", "node1");
                    offline = "node1";
                }
                if (completed && back() && cluster.view().claims().isEmpty()) {
                    back = true;
                    break;
                }
            }
            assertThat(violations).as(label).isEmpty();
            assertThat(completed).as(label + ": the Reboot was approved and ran").isTrue();
            assertThat(back).as(label + ": node1 back (AVAILABLE, healthy, no pending ids, resources home)\n"
                    + FaultKit.cibQuery(cluster.cib)).isTrue();
        }

        private void poll(int round, Node n, Kill kill, List<Plan> plans, ClusterView before) {
            int approvalsBefore = cluster.region.approvals().size();
            boolean someoneCouldRun = before.nodes().stream().anyMatch(ClusterNode::canRunResources);
            boolean killed = kill.round() == round && kill.node().equals(n.name);
            n.adapters.actions.set(0);
            n.adapters.killAfter = killed ? kill.k() : -1;
            if (n.poller.poll()) {
                fullCycles++;
            }
            int done = n.adapters.actions.get();
            n.adapters.killAfter = -1;
            plans.add(new Plan(round, n.name, done));
            if (killed) {
                n.restart();
            }
            if (done == 0) {
                return;
            }
            ClusterView after = cluster.view();
            if (someoneCouldRun && after.nodes().stream().noneMatch(ClusterNode::canRunResources)) {
                violations.add("after " + n.name + "'s poll in round " + round + " no node can run resources");
            }
            for (ImdsRegion.Approval a : cluster.region.approvals().subList(approvalsBefore,
                    cluster.region.approvals().size())) {
                for (String id : a.eventIds()) {
                    for (String vmName : eventVms.getOrDefault(id, List.of())) {
                        ClusterNode target = after.node(vmName.replace("-vm", "")).orElseThrow();
                        if (!target.runningResources().isEmpty() || target.pendingOperations() > 0) {
                            violations.add(n.name + " approved " + id + " in round " + round + " while "
                                    + target.name() + " runs " + target.runningResources());
                        }
                    }
                }
            }
        }

        boolean back() {
            ClusterNode n1 = cluster.view().node("node1").orElseThrow();
            String prefix = cluster.strategy.equals("az-health") ? "azure-events-az_" : "azure-events_";
            boolean available = n1.permanentAttribute(prefix + "curNodeState").orElse("AVAILABLE").equals("AVAILABLE");
            boolean noPending = n1.permanentAttribute(prefix + "pendingEventIDs").map(String::isEmpty).orElse(true);
            boolean healthy = n1.canRunResources() && n1.permanentAttribute(FaultKit.HEALTH).equals(Optional.of("0"));
            return n1.online() && available && noPending && healthy && n1.runningResources().size() == 2;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"az-health", "legacy-pullstate"})
    @DisplayName("Reboot of node1: a poller killed after any prefix of any plan is replaced and the cluster converges, never approving a busy node")
    void everyKillPointConverges(String strategy, @TempDir Path dir) throws Exception {
        List<Plan> plans = new ArrayList<>();
        Path template = dir.resolve("after-round-0.xml");
        int referenceCycles;
        try (Cluster c = new Cluster(dir.resolve("reference"), strategy, Map.of())) {
            Scenario s = new Scenario(c);
            s.play(Kill.NONE, plans, 0, template);
            referenceCycles = s.fullCycles;
        }
        List<Kill> kills = new ArrayList<>();
        for (Plan p : plans) {
            for (int k = 0; k < p.size() && p.round() > 0; k++) {
                kills.add(new Kill(p.round(), p.node(), k));
            }
        }
        assertThat(kills).as("the reference run wrote at least three times after the Reboot appeared").hasSizeGreaterThanOrEqualTo(3);
        List<java.util.concurrent.Callable<Void>> runs = new ArrayList<>();
        for (int i = 0; i < kills.size(); i++) {
            Kill kill = kills.get(i);
            Path runDir = dir.resolve("kill-" + i);
            runs.add(() -> {
                try (Cluster c = new Cluster(runDir, strategy, Map.of(), template)) {
                    new Scenario(c).play(kill, new ArrayList<>(), 1, null);
                }
                return null;
            });
        }
        FaultKit.inParallel(3, runs);
        long polls = plans.size();
        System.out.println("[PollerTest] " + strategy + ": reference run " + polls + " polls, " + referenceCycles
                + " full cycles; " + kills.size() + " kill points, every one converged");
    }

    @Test
    @DisplayName("at rest the poller reads the cluster only every reconcile_interval, on the monotonic clock, whatever the wall clock does")
    void clockSteps(@TempDir Path dir) throws Exception {
        try (Cluster c = new Cluster(dir, "az-health", Map.of("reconcile_interval", "60"))) {
            Node n = c.node("node1");
            assertThat(n.poller.poll()).as("the first poll reads the cluster").isTrue();
            settle(n);
            assertThat(n.poller.poll()).as("then it is at rest").isFalse();
            c.clocks.wallOffsetMillis.set(Duration.ofHours(-1).toMillis()); // NTP steps the clock back an hour
            for (int i = 0; i < 50; i++) {
                c.clocks.tick(Duration.ofSeconds(1));
                assertThat(n.poller.poll()).as("poll " + i + " after the step back").isFalse();
            }
            c.clocks.tick(Duration.ofSeconds(11));
            assertThat(n.poller.poll()).as("60 s on the monotonic clock: a reconcile, though the wall clock went back").isTrue();
            assertThat(n.heartbeat()).hasValueSatisfying(h -> assertThat(h).startsWith("ok "));
            long beat = Long.parseLong(n.heartbeat().orElseThrow().split(" ")[1]);
            assertThat(beat).as("the heartbeat carries the wall clock's time").isCloseTo(c.clocks.instant().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(2L));

            c.clocks.wallOffsetMillis.set(Duration.ofHours(2).toMillis()); // and forwards
            c.clocks.tick(Duration.ofSeconds(1));
            assertThat(n.poller.poll()).as("a step forwards does not make a reconcile due").isFalse();

            // An event still gets a full cycle at once, whatever the wall clock says.
            c.region.schedule(EventType.REBOOT, Cluster.vm("node1"));
            c.clocks.tick(Duration.ofSeconds(1));
            assertThat(n.poller.poll()).as("a new document: a full cycle").isTrue();
            assertThat(c.view().node("node1").orElseThrow().permanentAttribute(FaultKit.HEALTH))
                    .as("node1 drained").contains("-1000000");
        }
    }

    @Test
    @DisplayName("a failing IMDS is tolerated for imds_outage_tolerance on the monotonic clock, then reported in the heartbeat; it recovers")
    void imdsOutage(@TempDir Path dir) throws Exception {
        try (Cluster c = new Cluster(dir, "az-health", Map.of("imds_outage_tolerance", "30"))) {
            Node n = c.node("node1");
            assertThat(n.poller.poll()).isTrue();
            n.sim.failNext(1_000, Fault.status(500));
            assertThat(n.poller.poll()).isFalse();
            assertThat(n.heartbeat()).hasValueSatisfying(h -> assertThat(h).startsWith("ok "));
            c.clocks.wallOffsetMillis.set(Duration.ofHours(1).toMillis()); // a wall-clock step is not an outage
            c.clocks.tick(Duration.ofSeconds(1));
            n.poller.poll();
            assertThat(n.heartbeat()).hasValueSatisfying(h -> assertThat(h).startsWith("ok "));
            c.clocks.tick(Duration.ofSeconds(31));
            n.poller.poll();
            assertThat(n.heartbeat()).hasValueSatisfying(h -> assertThat(h)
                    .startsWith("fail ").contains("cycles have failed for 32 s (tolerance 30 s)").contains("500"));
            n.sim.clearFaults();
            c.clocks.tick(Duration.ofSeconds(1));
            assertThat(n.poller.poll()).as("back: a full cycle at once (the last poll failed)").isTrue();
            assertThat(n.heartbeat()).hasValueSatisfying(h -> assertThat(h).startsWith("ok "));
        }
    }

    @Test
    @DisplayName("IMDS hanging: a poll ends within its deadline, and a hostile document drains nothing")
    void imdsHangingAndHostile(@TempDir Path dir) throws Exception {
        try (Cluster c = new Cluster(dir, "az-health", Map.of())) {
            Node n = c.node("node1");
            n.poller.poll();
            n.sim.failNext(1, Fault.delay(Duration.ofSeconds(30)));
            long t0 = System.nanoTime();
            n.poller.poll();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a hung IMDS read is cut at its deadline")
                    .isLessThan(Duration.ofSeconds(15));
            n.sim.failNext(3, Fault.body("application/json", "{\"DocumentIncarnation\":7,\"Events\":[{\"EventId\":"
                    + "\"x'; rm -rf /\",\"EventType\":\"Reboot\",\"ResourceType\":\"VirtualMachine\",\"Resources\":"
                    + "[\"node1-vm\"],\"EventStatus\":\"Scheduled\",\"NotBefore\":\"\"}]}"));
            for (int i = 0; i < 3; i++) {
                c.clocks.tick(Duration.ofSeconds(1));
                n.poller.poll();
            }
            assertThat(c.view().node("node1").orElseThrow().permanentAttribute(FaultKit.HEALTH))
                    .as("a quarantined event drains nothing").contains("0");
            assertThat(n.heartbeat()).hasValueSatisfying(h -> assertThat(h).startsWith("ok "));
        }
    }

    @Test
    @DisplayName("CIB writes failing: the poll fails, the poller retries on every poll (never at rest), approves nothing meanwhile, and converges")
    void cibWritesFailing(@TempDir Path dir) throws Exception {
        try (Cluster c = new Cluster(dir, "az-health", Map.of())) {
            Node n = c.node("node1");
            n.poller.poll();
            c.clocks.tick(Duration.ofSeconds(1));
            c.region.schedule(EventType.REBOOT, Cluster.vm("node1"));
            n.adapters.failWrites = 5;
            for (int i = 0; i < 5; i++) {
                assertThat(n.poller.poll()).as("poll " + i + " with the CIB refusing writes runs a full cycle").isTrue();
                c.clocks.tick(Duration.ofSeconds(1));
            }
            assertThat(c.region.approvals()).as("nothing approved while the drain could not be written").isEmpty();
            for (int i = 0; i < 20 && c.region.approvals().isEmpty(); i++) {
                n.poller.poll();
                c.clocks.tick(Duration.ofSeconds(1));
                FaultKit.simulate(c.cib);
            }
            ClusterNode n1 = c.view().node("node1").orElseThrow();
            assertThat(c.region.approvals()).as("approved once the drain landed and node1 emptied").isNotEmpty();
            assertThat(n1.runningResources()).isEmpty();
        }
    }

    @Test
    @DisplayName("a long run: the heap the poller keeps stays flat over thousands of polls and cluster reads")
    void memoryStaysFlat(@TempDir Path dir) throws Exception {
        int polls = Integer.getInteger("azevents.poller.polls", 6_000);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (Cluster c = new Cluster(dir, "az-health", Map.of("reconcile_interval", "10"))) {
            Node n = c.node("node1");
            long warm = polls / 5;
            long baseline = 0;
            int full = 0;
            for (int i = 0; i < polls; i++) {
                if (n.poller.poll()) {
                    full++;
                }
                c.clocks.tick(Duration.ofSeconds(1));
                if (i % 100 == 0) {
                    n.sim.clearRequests(); // the simulator's own record of requests is not the poller's memory
                }
                if (i == warm) {
                    baseline = usedAfterGc(mem);
                }
            }
            long end = usedAfterGc(mem);
            System.out.printf("[PollerTest] %d polls (%d full cycles with a cluster read): heap used after GC %.1f MiB "
                    + "after %d polls, %.1f MiB at the end%n", polls, full, baseline / 1048576.0, warm, end / 1048576.0);
            assertThat(full).as("one cluster read per reconcile_interval").isBetween(polls / 10 - 2, polls / 10 + 2);
            assertThat(end - baseline).as("heap growth over %d polls", polls - warm).isLessThan(2L << 20);
        }
    }

    /** Polls until the poller is at rest (a poll that reads nothing but IMDS). */
    private static void settle(Node n) {
        for (int i = 0; i < 10; i++) {
            n.clocks.tick(Duration.ofSeconds(1));
            if (!n.poller.poll()) {
                return;
            }
        }
        throw new AssertionError("the poller did not come to rest in 10 polls");
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
