package io.azevents.cli.ocf;

import io.azevents.cli.text.DecisionText;
import io.azevents.cli.wiring.AgentFactory;
import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.wiring.Wiring;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.AzEventsException;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.NodeState;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.spi.NodeDrainStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The resident mode's poller: one JVM started by {@code start} that reads IMDS every
 * {@code poll_interval} (Azure recommends once a second) and runs a full cycle (cluster read,
 * decision, writes) only when something could have changed:
 * <ul>
 *   <li>the document differs from the last one a cycle saw;</li>
 *   <li>the last cycle was not at rest: it acted, it failed, the local node was not {@code AVAILABLE},
 *       or the document held any event (so a drain is followed every poll until the node is empty);</li>
 *   <li>{@code reconcile_interval} (default 60 s) passed since the last cycle, for what changes in the
 *       cluster alone (an administrator's edit, a peer's return).</li>
 * </ul>
 * At rest this is one IMDS request per poll and one cluster read (one process) per minute.
 *
 * <p>Intervals are measured on a monotonic clock, so a step of the wall clock (NTP) neither stops
 * nor hurries the polls; the wall clock only dates the heartbeat and the decisions. The poller
 * reports through the heartbeat file, never throws out of a poll, and ends when its state file is
 * removed (by {@code stop}) or it is signalled. It keeps nothing a new poller would need: one
 * killed at any point is replaced by one whose first poll runs a full cycle.
 */
final class Poller {

    private final EnvConfig config;
    private final StateFile state;
    private final Resident resident;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final AgentFactory factory;
    private final NodeDrainStrategy strategy;
    private final ScheduledEventsService imds;
    private final ClusterAttributeStore store;
    private final Duration interval;
    private final Duration reconcile;

    private Optional<ScheduledEventsDocument> lastSeen = Optional.empty();
    private long lastFullNanos;
    private boolean atRest;
    private boolean everFull;
    private Long failingSinceNanos;
    private Instant failingSince;
    private String lastFailure;
    private String lastBeatProblem;

    Poller(EnvConfig config, Wiring wiring, StateFile state, Clock clock, LongSupplier nanoTime, CycleListener listener) {
        this(new AgentFactory(config, wiring, clock, listener), state, nanoTime);
    }

    /** The poller of the agent {@code factory} assembles, reporting through {@code state}'s heartbeat. */
    Poller(AgentFactory factory, StateFile state, LongSupplier nanoTime) {
        this.factory = factory;
        this.config = factory.config();
        this.state = state;
        this.resident = new Resident(state);
        this.clock = factory.clock();
        this.nanoTime = nanoTime;
        this.interval = Resident.pollInterval(config);
        this.reconcile = Resident.reconcileInterval(config);
        this.strategy = factory.strategy();
        // The deadline of one IMDS read must leave room for the next poll.
        this.imds = factory.source(Duration.ofSeconds(Math.max(5, interval.toSeconds() * 5)), state.directory());
        this.store = factory.store();
    }

    /** Polls until the state file is gone or the thread is interrupted; returns the OCF exit code. */
    int run() {
        try {
            resident.writePid(ProcessHandle.current().pid());
        } catch (IOException e) {
            Log.get().error("resident poller not started: cannot write " + resident.pidFile() + ": " + e.getMessage());
            return Ocf.ERR_GENERIC;
        }
        Log.get().info("resident poller started: IMDS every " + interval.toSeconds() + " s, the cluster when "
                + "something may have changed and at least every " + reconcile.toSeconds() + " s");
        long next = nanoTime.getAsLong();
        while (state.exists() && !Thread.currentThread().isInterrupted()) {
            poll();
            next += interval.toNanos();
            long wait = next - nanoTime.getAsLong();
            if (wait <= 0) {
                next = nanoTime.getAsLong(); // a slow poll: start again from now rather than catch up
                continue;
            }
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Log.get().info("resident poller stopped");
        return Ocf.SUCCESS;
    }

    /**
     * One poll: read IMDS, run a full cycle if one is due, write the heartbeat. Never throws.
     *
     * @return true if this poll ran a full cycle
     */
    boolean poll() {
        long now = nanoTime.getAsLong();
        Optional<String> failure = Optional.empty();
        boolean full = false;
        try {
            ScheduledEventsDocument doc = imds.fetch();
            boolean changed = lastSeen.map(d -> !d.equals(doc)).orElse(true);
            boolean due = !everFull || now - lastFullNanos >= reconcile.toNanos();
            if (changed || !atRest || due) {
                full = true;
                lastFullNanos = now;
                everFull = true;
                atRest = false;
                AzEventsAgent agent = factory.agent(new Prefetched(imds, doc), store, strategy);
                CycleReport report = agent.runCycle();
                lastSeen = Optional.of(doc);
                failure = report.failure().map(o -> "cycle stopped: " + DecisionText.outcome(o));
                atRest = failure.isEmpty() && doc.events().isEmpty()
                        && report.decisions().stream().allMatch(d -> d.idle() && d.state() == NodeState.AVAILABLE);
            }
        } catch (AzEventsException | UncheckedIOException e) {
            failure = Optional.of(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            failure = Optional.of("unexpected " + e);
            Log.get().error("poll failed unexpectedly: " + e);
        }
        beat(now, failure);
        return full;
    }

    private void beat(long now, Optional<String> failure) {
        Instant wall = clock.instant();
        Optional<String> report = Optional.empty();
        if (failure.isPresent()) {
            atRest = false;
            if (failingSinceNanos == null) {
                failingSinceNanos = now;
                failingSince = wall;
            }
            Duration failingFor = Duration.ofNanos(now - failingSinceNanos);
            Duration tolerance = config.outageTolerance();
            if (!failure.get().equals(lastFailure)) {
                Log.get().warn("poll failed, tolerated for " + Math.max(0, tolerance.minus(failingFor).toSeconds())
                        + " s more: " + failure.get());
                lastFailure = failure.get();
            } else {
                Log.get().debug("still failing: " + failure.get());
            }
            if (failingFor.compareTo(tolerance) > 0) {
                report = Optional.of("cycles have failed for " + failingFor.toSeconds() + " s (tolerance "
                        + tolerance.toSeconds() + " s): " + failure.get());
            }
        } else if (failingSinceNanos != null) {
            Log.get().info("polls succeed again after failing since " + failingSince);
            failingSinceNanos = null;
            failingSince = null;
            lastFailure = null;
        }
        try {
            resident.beat(wall, report);
            if (lastBeatProblem != null) {
                Log.get().info("the heartbeat is written again");
                lastBeatProblem = null;
            }
        } catch (IOException e) {
            String problem = "cannot write the heartbeat " + resident.heartbeatFile() + ": " + e.getMessage();
            if (!problem.equals(lastBeatProblem)) {
                Log.get().error(problem);
                lastBeatProblem = problem;
            }
        }
    }

    /** The source with this cycle's document already read, so a cycle costs one IMDS request. */
    private record Prefetched(ScheduledEventsService delegate, ScheduledEventsDocument document)
            implements ScheduledEventsService {
        @Override
        public ScheduledEventsDocument fetch() {
            return document;
        }

        @Override
        public void approve(Set<String> eventIds) {
            delegate.approve(eventIds);
        }

        @Override
        public String vmName() {
            return delegate.vmName();
        }
    }
}
