package io.azevents.cli.internal;

import io.azevents.core.AzEventsAgent;
import io.azevents.core.AzEventsException;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.ScheduledEventSource;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The resident mode's poller: one JVM started by {@code start} that reads IMDS every
 * {@code poll_interval} (Azure recommends once a second) and runs a full cycle (cluster read,
 * decision, writes) whenever the document changed, the last cycle was not idle, or a monitor
 * interval passed. It reports through the heartbeat file and ends when its state file is removed
 * (by {@code stop}) or it is signalled.
 */
final class Poller {
    /** A full cycle at least this often even when IMDS shows nothing new: the cluster changes too. */
    static final Duration FULL_CYCLE_EVERY = Duration.ofSeconds(10);

    private final EnvConfig config;
    private final Wiring wiring;
    private final StateFile state;
    private final Resident resident;
    private final Clock clock;
    private final CycleListener listener;

    Poller(EnvConfig config, Wiring wiring, StateFile state, Clock clock, CycleListener listener) {
        this.config = config;
        this.wiring = wiring;
        this.state = state;
        this.resident = new Resident(state);
        this.clock = clock;
        this.listener = listener;
    }

    int run() {
        Duration interval = Resident.pollInterval(config);
        NodeDrainStrategy strategy = Strategies.discover().create(config.strategy(), config);
        // The deadline of one IMDS read must leave room for the next poll.
        ScheduledEventSource imds = wiring.source(config, Duration.ofSeconds(Math.max(5, interval.toSeconds() * 5)),
                state.directory());
        ClusterAttributeStore store = wiring.store(config);
        resident.writePid(ProcessHandle.current().pid());
        Log.get().info("resident poller started: IMDS every " + interval.toSeconds() + " s");
        Optional<ScheduledEventsDocument> lastSeen = Optional.empty();
        Instant lastFull = Instant.EPOCH;
        boolean busy = true;
        Instant failingSince = null;
        while (state.exists() && !Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            Optional<String> failure = Optional.empty();
            try {
                ScheduledEventsDocument doc = imds.fetch();
                boolean changed = lastSeen.map(d -> !d.equals(doc)).orElse(true);
                if (changed || busy || Duration.between(lastFull, now).compareTo(FULL_CYCLE_EVERY) >= 0) {
                    AzEventsAgent agent = new AzEventsAgent(new Prefetched(imds, doc), store, strategy, clock, listener);
                    CycleReport report = agent.runCycle();
                    busy = report.decisions().stream().anyMatch(d -> !d.idle());
                    lastFull = now;
                    lastSeen = Optional.of(doc);
                    failure = report.failure().map(o -> "cycle stopped: " + DecisionText.outcome(o));
                }
            } catch (AzEventsException | java.io.UncheckedIOException e) {
                failure = Optional.of(String.valueOf(e.getMessage()));
            }
            if (failure.isPresent()) {
                failingSince = failingSince == null ? now : failingSince;
                Duration failingFor = Duration.between(failingSince, now);
                boolean beyond = failingFor.compareTo(config.outageTolerance()) > 0;
                resident.beat(now, beyond ? Optional.of("cycles have failed for " + failingFor.toSeconds() + " s: "
                        + failure.get()) : Optional.empty());
            } else {
                if (failingSince != null) {
                    Log.get().info("cycles succeed again after failing since " + failingSince);
                }
                failingSince = null;
                resident.beat(now, Optional.empty());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Log.get().info("resident poller stopped");
        return Ocf.SUCCESS;
    }

    /** The source with this cycle's document already read, so a cycle costs one IMDS request. */
    private record Prefetched(ScheduledEventSource delegate, ScheduledEventsDocument document)
            implements ScheduledEventSource {
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
