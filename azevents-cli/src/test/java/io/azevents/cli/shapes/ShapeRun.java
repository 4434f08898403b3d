package io.azevents.cli.shapes;

import io.azevents.simulation.Visibility;
import io.azevents.core.AgentConfig;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.DrainForecast;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.Strategies;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.CrmClusterAttributeStore;
import io.azevents.simulation.CibShapes;
import io.azevents.simulation.FakeAzure;
import io.azevents.simulation.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One generated shape, one strategy, one seeded story of events and faults, played on a CIB file with
 * Pacemaker's own tools: {@code cibadmin} behind every agent's store, {@code crm_simulate -X} as the
 * scheduler that carries out each transition, and the real adapter's {@code crm_simulate} forecasts.
 * After every agent cycle the invariants are checked against what Pacemaker then reports:
 * <ol>
 *   <li>no approval of an event while a node it names (by the shape's true VM mapping) runs anything
 *       but the agent's clone;</li>
 *   <li>no resource that ran before the agents acted is left stopped, nor a promoted role lost;</li>
 *   <li>once every event has ended, every node is back within {@value #RECOVERY_ROUNDS} rounds: the
 *       agent's state AVAILABLE and its drain attribute as the shape had it;</li>
 *   <li>nothing the agent did not drain is touched: administrators' standby, maintenance and health
 *       values are as the shape had them at the end.</li>
 * </ol>
 * Faults, drawn from the seed: a store killed before or after its k-th write of a cycle (the rest of
 * the cycle is lost, as with SIGKILL), and a fenced write paused until its claim's lease ran out and
 * a peer took the claim. Every violation names the seed. Not thread-safe.
 */
final class ShapeRun implements AutoCloseable {
    static final int RECOVERY_ROUNDS = 6;
    private static final String AGENT = CibShapes.AGENT_PRIMITIVE;

    private final CibShapes.Shape shape;
    private final String strategy;
    private final Random rnd;
    private final Path dir;
    private final Path cib;
    private final MutableClock clock = MutableClock.atEpochOfTests();
    private final FakeAzure azure;
    private final CrmClusterAttributeStore observer;
    private final List<String> violations = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Map<String, Map<String, Optional<String>>> adminValues = new TreeMap<>();
    private final Set<String> drainedByAgent = new TreeSet<>();
    private final Map<String, AzEventsAgent> agents = new LinkedHashMap<>();
    private final Map<String, FaultyStore> stores = new LinkedHashMap<>();
    private Map<String, Set<String>> initialActive;
    private Map<String, Set<String>> initialPromoted;
    private final Set<String> approved = new TreeSet<>();
    private final Set<String> down = new TreeSet<>();
    private final List<ScheduledEvent> replacements = new ArrayList<>();
    private int round;
    private int cycles;
    private int approvals;

    ShapeRun(CibShapes.Shape shape, String strategy) {
        this.shape = shape;
        this.strategy = strategy;
        this.rnd = new Random(shape.seed() * 31 + strategy.hashCode());
        this.azure = new FakeAzure(strategy.equals("az-health") ? Visibility.ZONES
                : Visibility.AVAILABILITY_SET, clock);
        try {
            dir = Files.createTempDirectory("azevents-shape");
            cib = dir.resolve("cib.xml");
            Files.writeString(cib, shape.xml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        observer = CrmClusterAttributeStore.builder().cibFile(cib).localNodeName(shape.members().get(0))
                .snapshotReuse(Duration.ZERO).build();
    }

    /** The VM each event-capable node runs on: the truth, whatever the agents recorded. */
    private static String vm(String node) {
        return node + "-vm";
    }

    private List<String> eventNodes() {
        List<String> n = new ArrayList<>(shape.members());
        shape.remoteNode().ifPresent(n::add);
        return n;
    }

    /** Plays the story; returns the violations found (empty when every invariant held). */
    List<String> play() {
        ClusterView start = settleFully();
        initialActive = activeMap(start);
        initialPromoted = Map.of();
        for (ClusterNode n : start.nodes()) {
            Map<String, Optional<String>> v = new TreeMap<>();
            for (String a : List.of("standby", "maintenance", "#health-azure")) {
                v.put(a, n.permanentAttribute(a));
            }
            adminValues.put(n.name(), v);
        }
        log("start: " + describe(start));
        for (String node : eventNodes()) {
            String name = strategy;
            FaultyStore store = new FaultyStore(CrmClusterAttributeStore.builder().cibFile(cib).localNodeName(node)
                    .runner(CommandRunner.local()).build());
            stores.put(node, store);
            ScheduledEventsService source = new CheckedSource(azure.sourceFor(vm(node)));
            agents.put(node, new AzEventsAgent(source, store,
                    Strategies.discover().create(name, AgentConfig.of(Map.of("strategy", name))), clock,
                    CycleListener.NONE));
        }
        rounds(1);
        List<String> targets = new ArrayList<>(eventNodes());
        java.util.Collections.shuffle(targets, rnd);
        int eventCount = 1 + rnd.nextInt(Math.min(3, targets.size()));
        List<ScheduledEvent> events = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            List<String> vms = new ArrayList<>(List.of(vm(targets.get(i))));
            if (rnd.nextInt(4) == 0 && targets.size() > i + 1) {
                vms.add(vm(targets.get(i + 1)));
            }
            ScheduledEvent e = azure.schedule(rnd.nextInt(5) == 0 ? EventType.REDEPLOY : EventType.REBOOT,
                    vms.toArray(String[]::new));
            if (rnd.nextInt(8) == 0) {
                azure.start(e.id());
            }
            events.add(e);
            log("event " + e.type() + " " + e.id().substring(0, 8) + " for " + vms + " " + e.status());
        }
        for (int r = 0; r < 12; r++) {
            rounds(1);
            events.addAll(replacements);
            replacements.clear();
            for (ScheduledEvent e : events) {
                Optional<ScheduledEvent> now = azure.event(e.id());
                if (now.isEmpty()) {
                    continue;
                }
                if (now.get().status().equals(EventStatus.STARTED) && approved.contains(e.id())) {
                    if (down.add(e.id())) {
                        // The approved event runs: its nodes reboot. They leave the cluster now...
                        for (String vmName : e.resources()) {
                            settle("-d", vmName.substring(0, vmName.length() - "-vm".length()));
                        }
                        check("the reboot of " + e.resources());
                        log("event " + e.id().substring(0, 8) + " runs: " + e.resources() + " down");
                    } else {
                        // ...and come back once it is over and gone.
                        azure.complete(e.id());
                        for (String vmName : e.resources()) {
                            settle("-u", vmName.substring(0, vmName.length() - "-vm".length()));
                        }
                        log("event " + e.id().substring(0, 8) + " done, nodes back");
                    }
                } else if (now.get().status().equals(EventStatus.STARTED) && r > 6) {
                    azure.complete(e.id());
                    log("event " + e.id().substring(0, 8) + " (started on first sight) over");
                } else if (r == 5 && rnd.nextInt(6) == 0) {
                    azure.cancel(e.id());
                    log("event " + e.id().substring(0, 8) + " cancelled");
                } else if (r == 3 && rnd.nextInt(5) == 0 && !approved.contains(e.id())) {
                    // Azure replaces the event: the same VMs, a new id.
                    azure.cancel(e.id());
                    ScheduledEvent again = azure.schedule(e.type(), e.resources().toArray(String[]::new));
                    replacements.add(again);
                    log("event " + e.id().substring(0, 8) + " replaced by " + again.id().substring(0, 8));
                }
            }
        }
        // Events that were never approved (a node on hold) end too: Azure gives up on them.
        for (ScheduledEvent e : azure.events()) {
            azure.complete(e.id());
        }
        rounds(RECOVERY_ROUNDS);
        checkRecovered();
        return violations;
    }

    private void rounds(int count) {
        for (int i = 0; i < count; i++) {
            round++;
            ClusterView v = observer.readView();
            for (Map.Entry<String, AzEventsAgent> a : agents.entrySet()) {
                ClusterNode n = v.node(a.getKey()).orElse(null);
                if (n == null || !n.online() || !n.runningResources().contains(AGENT)) {
                    continue; // Pacemaker would not call this instance's monitor
                }
                int mutations = totalMutations();
                int approvedBefore = approvals;
                cycle(a.getKey(), a.getValue());
                if (totalMutations() == mutations && approvals == approvedBefore) {
                    continue; // the cycle changed nothing: the cluster is as it was checked last
                }
                settle();
                check(a.getKey());
                v = observer.readView();
            }
            clock.advance(Duration.ofSeconds(10));
        }
    }

    private void cycle(String node, AzEventsAgent agent) {
        cycles++;
        FaultyStore store = stores.get(node);
        int fault = rnd.nextInt(12);
        if (fault == 0) {
            store.killAt(1 + rnd.nextInt(3), rnd.nextBoolean());
        } else if (fault == 1) {
            store.pauseFencedWrite(() -> {
                clock.advance(Duration.ofSeconds(180));
                log("  (" + node + "'s fenced write paused past its lease; peers run)");
                for (Map.Entry<String, AzEventsAgent> peer : agents.entrySet()) {
                    if (!peer.getKey().equals(node) && agentRuns(peer.getKey())) {
                        runQuietly(peer.getKey(), peer.getValue());
                        settle();
                    }
                }
            });
        }
        runQuietly(node, agent);
        store.clearFaults();
    }

    private void runQuietly(String node, AzEventsAgent agent) {
        try {
            var report = agent.runCycle();
            for (var d : report.decisions()) {
                if (!d.idle()) {
                    log("r" + round + " " + node + " " + d.state() + " " + d.actions().stream()
                            .map(x -> x.getClass().getSimpleName() + (x instanceof io.azevents.core.PlannedAction.WriteAttributes w
                                    ? w.updates().toString() : "")).toList());
                }
                d.warnings().forEach(w -> log("  warn " + node + ": " + w));
            }
            report.allOutcomes().stream().filter(o -> o.result() != io.azevents.core.ActionOutcome.Result.DONE
                    && o.result() != io.azevents.core.ActionOutcome.Result.UNCHANGED)
                    .forEach(o -> log("  " + node + " " + o.result() + " " + o.detail().orElse("")));
        } catch (RuntimeException e) {
            log("r" + round + " " + node + " cycle failed: " + e.getMessage());
        }
    }

    private int totalMutations() {
        return stores.values().stream().mapToInt(FaultyStore::mutations).sum();
    }

    private boolean agentRuns(String node) {
        return observer.readView().node(node).map(n -> n.online() && n.runningResources().contains(AGENT))
                .orElse(false);
    }

    /**
     * Lets Pacemaker carry the new cluster to where it stays before any agent runs: one transition can
     * place resources on a guest node it starts in the same transition and move them off in the next,
     * once the guest's own attributes count (a guest without {@code #health-azure}, seed 221), so the
     * start is judged only when a transition changes nothing more.
     */
    private ClusterView settleFully() {
        ClusterView before = observer.readView();
        for (int i = 1; i <= 10; i++) {
            settle();
            ClusterView after = observer.readView();
            if (i > 1 && activeMap(after).equals(activeMap(before))) {
                return after;
            }
            before = after;
        }
        throw new IllegalStateException("the shape does not settle in 10 transitions: " + describe(before));
    }

    /** Lets Pacemaker carry out what it schedules, as the cluster would between two monitors. */
    private void settle(String... extra) {
        {
            List<String> argv = new ArrayList<>(List.of("crm_simulate", "-X", "-x", cib.toString(), "-Q"));
            argv.addAll(List.of(extra));
            CommandRunner.Result r = CommandRunner.local().run(argv, Map.of(), Duration.ofSeconds(30));
            if (r.exitCode() != 0) {
                throw new IllegalStateException("crm_simulate -X failed (" + r.exitCode() + "): " + r.stderr());
            }
        }
    }

    private void check(String after) {
        ClusterView v = observer.readView();
        Map<String, Set<String>> active = activeMap(v);
        for (Map.Entry<String, Set<String>> e : initialActive.entrySet()) {
            if (!active.containsKey(e.getKey())) {
                violate("after " + after + "'s cycle in round " + round + ", " + e.getKey()
                        + " is stopped; it ran on " + e.getValue() + " before the agents acted: " + describe(v));
            }
        }
        for (ClusterNode n : v.nodes()) {
            String state = n.permanentAttribute(stateAttribute()).orElse("AVAILABLE");
            if (state.equals("STOPPING") || state.equals("IN_EVENT")) {
                drainedByAgent.add(n.name());
            }
        }
    }

    private void checkRecovered() {
        ClusterView v = observer.readView();
        for (ClusterNode n : v.nodes()) {
            String state = n.permanentAttribute(stateAttribute()).orElse("AVAILABLE");
            if (!state.equals("AVAILABLE") && !state.equals("ON_HOLD") && drainedByAgent.contains(n.name())) {
                violate(n.name() + " is still " + state + " " + RECOVERY_ROUNDS + " rounds after every event ended");
            }
            Map<String, Optional<String>> before = adminValues.getOrDefault(n.name(), Map.of());
            for (Map.Entry<String, Optional<String>> a : before.entrySet()) {
                Optional<String> now = n.permanentAttribute(a.getKey());
                boolean same = now.equals(a.getValue())
                        || (a.getKey().equals("standby") && a.getValue().isEmpty() && now.equals(Optional.of("off")));
                if (!same) {
                    violate(n.name() + "'s " + a.getKey() + " was " + a.getValue().orElse("(unset)")
                            + " before the agents ran and is " + now.orElse("(unset)") + " after every event ended"
                            + (drainedByAgent.contains(n.name()) ? " (the agent drained it)" : " (the agent never drained it)"));
                }
            }
        }
        if (!claimsOf(v).isEmpty()) {
            violate("claims left after every event ended: " + claimsOf(v));
        }
    }

    private static Map<String, Claim> claimsOf(ClusterView v) {
        return v.claims();
    }

    private String stateAttribute() {
        return strategy.equals("az-health") ? "azure-events-az_curNodeState" : "azure-events_curNodeState";
    }

    private static Map<String, Set<String>> activeMap(ClusterView v) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (ClusterNode n : v.nodes()) {
            for (String r : n.runningResources()) {
                m.computeIfAbsent(r, k -> new TreeSet<>()).add(n.name());
            }
        }
        return m;
    }

    private static String describe(ClusterView v) {
        StringBuilder b = new StringBuilder();
        for (ClusterNode n : v.nodes()) {
            b.append(n.name()).append(n.online() ? "" : "(off)").append(n.standby() ? "(sb)" : "")
                    .append(n.status().maintenance() ? "(mnt)" : "").append('=').append(n.runningResources())
                    .append(' ');
        }
        return b.toString().trim();
    }

    private void violate(String what) {
        violations.add(shape + " [" + strategy + "]: " + what);
    }

    private void log(String line) {
        log.add(line);
    }

    /** What happened, for a failure message. */
    String transcript() {
        return String.join("\n", log);
    }

    int cycles() {
        return cycles;
    }

    int approvals() {
        return approvals;
    }

    @Override
    public void close() {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** Checks invariant 1 at the moment of each approval, against Pacemaker's view of the cluster then. */
    private final class CheckedSource implements ScheduledEventsService {
        private final ScheduledEventsService delegate;

        CheckedSource(ScheduledEventsService delegate) {
            this.delegate = delegate;
        }

        @Override
        public ScheduledEventsDocument fetch() {
            return delegate.fetch();
        }

        @Override
        public void approve(Set<String> eventIds) {
            ClusterView v = observer.readView();
            for (String id : eventIds) {
                ScheduledEvent e = azure.event(id).orElse(null);
                if (e == null) {
                    continue;
                }
                for (String vmName : e.resources()) {
                    String node = vmName.substring(0, vmName.length() - "-vm".length());
                    v.node(node).ifPresent(n -> {
                        List<String> work = n.runningResources().stream().filter(r -> !r.equals(AGENT)).toList();
                        if (!work.isEmpty() || n.pendingOperations() > 0) {
                            violate("round " + round + ": event " + id + " approved while " + node + " runs " + work
                                    + " (" + n.pendingOperations() + " pending): " + describe(v));
                        }
                    });
                }
            }
            approvals++;
            approved.addAll(eventIds);
            delegate.approve(eventIds);
        }

        @Override
        public String vmName() {
            return delegate.vmName();
        }
    }

    /** The real store, with a kill before or after its k-th mutating call, or a pause before a fenced write. */
    private static final class FaultyStore implements ClusterAttributeStore {
        private final CrmClusterAttributeStore delegate;
        private int killAt = -1;
        private boolean after;
        private int calls;
        private int mutations;
        private Runnable pause;

        FaultyStore(CrmClusterAttributeStore delegate) {
            this.delegate = delegate;
        }

        void killAt(int k, boolean afterTheWrite) {
            killAt = k;
            after = afterTheWrite;
            calls = 0;
        }

        void pauseFencedWrite(Runnable r) {
            pause = r;
        }

        void clearFaults() {
            killAt = -1;
            pause = null;
        }

        int mutations() {
            return mutations;
        }

        private void mutating(Runnable write) {
            mutations++;
            calls++;
            if (calls == killAt && !after) {
                throw new IllegalStateException("killed before write " + calls);
            }
            write.run();
            if (calls == killAt) {
                killAt = -1;
                throw new IllegalStateException("killed after write " + calls);
            }
        }

        @Override
        public String localNodeName() {
            return delegate.localNodeName();
        }

        @Override
        public ClusterView readView() {
            if (killAt > 0 && calls >= killAt) {
                throw new IllegalStateException("killed");
            }
            return delegate.readView();
        }

        @Override
        public void write(List<AttributeUpdate> updates) {
            mutating(() -> delegate.write(updates));
        }

        @Override
        public boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
            boolean[] done = new boolean[1];
            Runnable p = pause;
            pause = null;
            Instant at = now;
            if (p != null) {
                p.run();
                at = now.plusSeconds(180);
            }
            Instant when = at;
            mutating(() -> done[0] = delegate.write(updates, fence, when));
            return done[0];
        }

        @Override
        public boolean tryAcquire(Claim claim) {
            boolean[] done = new boolean[1];
            mutating(() -> done[0] = delegate.tryAcquire(claim));
            return done[0];
        }

        @Override
        public boolean release(Claim claim) {
            boolean[] done = new boolean[1];
            mutating(() -> done[0] = delegate.release(claim));
            return done[0];
        }

        @Override
        public DrainForecast forecastDrain(ClusterView view, List<AttributeUpdate> drain) {
            return delegate.forecastDrain(view, drain);
        }
    }
}
