package io.azevents.cli.ocf;

import io.azevents.cli.history.HistoryFiles;
import io.azevents.cli.text.DecisionText;
import io.azevents.cli.wiring.AgentFactory;
import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.wiring.Plugins;
import io.azevents.cli.wiring.Wiring;
import io.azevents.core.ActionOutcome;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.Decision;
import io.azevents.core.DrainForecast;
import io.azevents.core.Pacemaker;
import io.azevents.core.ScheduledEventsException;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.Strategies;
import io.azevents.imds.ImdsDocumentException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the agent adds for its operators around a cycle, in both modes: the history and counters
 * ({@link HistoryRecorder}), the node_exporter textfile, and {@code observe_only} ({@link Shadow}).
 * The OCF agent passes {@link #listener(CycleListener)} where it passed its logging listener and
 * {@link #wiring(Wiring)} where it passed its wiring; nothing else of the agent changes.
 */
final class Operations {
    static final String OBSERVE_ONLY = EnvConfig.OBSERVE_ONLY;
    static final String METRICS_TEXTFILE_DIR = EnvConfig.METRICS_TEXTFILE_DIR;

    private final boolean observeOnly;
    private final HistoryRecorder recorder;
    private final Shadow shadow = new Shadow();

    private Operations(boolean observeOnly, HistoryRecorder recorder) {
        this.observeOnly = observeOnly;
        this.recorder = recorder;
    }

    /**
     * For the agent of {@code env}.
     *
     * @param longLived true in the resident poller, false in a one-cycle monitor
     */
    static Operations of(Map<String, String> env, EnvConfig config, Clock clock, boolean longLived) {
        boolean observe = observeOnly(config);
        Optional<Path> textfile = config.get(METRICS_TEXTFILE_DIR).map(String::trim).map(Path::of);
        HistoryRecorder recorder = new HistoryRecorder(HistoryFiles.from(env), observe, healthAttributes(env, config),
                textfile, clock, longLived);
        if (!observe) {
            recorder.notifying(new Notices(env, io.azevents.pacemaker.CommandRunner.local()));
        }
        return new Operations(observe, recorder);
    }

    /** The configured strategy's health attributes; none for a strategy no provider knows (the cycle reports that). */
    private static List<String> healthAttributes(Map<String, String> env, EnvConfig config) {
        Strategies strategies = Plugins.installed(env).strategies();
        String name = config.strategy();
        return strategies.names().contains(name) ? strategies.provider(name).requiredNodeAttributes() : List.of();
    }

    /**
     * {@code factory} with the operations of {@code env}'s agent around its adapters and listener.
     *
     * @param longLived true in the resident poller, false in a one-cycle monitor
     */
    static AgentFactory around(AgentFactory factory, Map<String, String> env, boolean longLived) {
        Operations ops = of(env, factory.config(), factory.clock(), longLived);
        return factory.around(ops::wiring, ops::listener);
    }

    /** {@code observe_only} as a boolean; anything but a Pacemaker true value is false. */
    static boolean observeOnly(EnvConfig config) {
        return config.get(OBSERVE_ONLY).map(Pacemaker::isTrue).orElse(false);
    }


    boolean observeOnly() {
        return observeOnly;
    }

    Shadow shadow() {
        return shadow;
    }

    /** {@code logging}, followed by the history; with observe_only, actions are logged as not done. */
    CycleListener listener(CycleListener logging) {
        return new CycleListener() {
            @Override
            public void decided(Decision decision) {
                logging.decided(decision);
            }

            @Override
            public void acted(ActionOutcome outcome) {
                if (observeOnly && outcome.result() == ActionOutcome.Result.DONE) {
                    Log.get().debug("observe_only, not done: " + DecisionText.action(outcome.action())
                            + " (" + outcome.action().reason() + ")");
                } else {
                    logging.acted(outcome);
                }
            }

            @Override
            public void finished(CycleReport report) {
                shadow.endCycle();
                logging.finished(report);
                recorder.finished(report);
            }
        };
    }

    /** {@code real}, with sources that report IMDS failures to the history and, with observe_only, write nothing. */
    Wiring wiring(Wiring real) {
        if (observeOnly) {
            Log.get().debug("observe_only=true: reading and deciding; writing and approving nothing");
        }
        return new Wiring() {
            @Override
            public ScheduledEventsService source(EnvConfig config, Duration deadline, Path stateDir) {
                ScheduledEventsService s = failuresCounted(real.source(config, deadline, stateDir));
                return observeOnly ? shadow.source(s) : s;
            }

            @Override
            public ClusterAttributeStore store(EnvConfig config) {
                ClusterAttributeStore s = viewsSeen(real.store(config));
                return observeOnly ? shadow.store(s) : s;
            }

            @Override
            public String queryCib() {
                return real.queryCib();
            }
        };
    }

    /** The short, stable kind of an IMDS failure, a label value. */
    static String kind(ScheduledEventsException e) {
        if (e instanceof ImdsDocumentException) {
            return "malformed";
        }
        if (e.httpStatus().isPresent()) {
            return "http_" + e.httpStatus().getAsInt();
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("timed out") || m.contains("timeout") || m.contains("deadline") ? "timeout" : "connection";
    }

    private ScheduledEventsService failuresCounted(ScheduledEventsService s) {
        return new ScheduledEventsService() {
            @Override
            public ScheduledEventsDocument fetch() {
                try {
                    return s.fetch();
                } catch (ScheduledEventsException e) {
                    shadow.endCycle();
                    recorder.imdsFailed(kind(e), String.valueOf(e.getMessage()));
                    throw e;
                }
            }

            @Override
            public void approve(Set<String> eventIds) {
                s.approve(eventIds);
            }

            @Override
            public String vmName() {
                try {
                    return s.vmName();
                } catch (ScheduledEventsException e) {
                    recorder.imdsFailed(kind(e), String.valueOf(e.getMessage()));
                    throw e;
                }
            }
        };
    }

    private ClusterAttributeStore viewsSeen(ClusterAttributeStore s) {
        return new ClusterAttributeStore() {
            @Override
            public String localNodeName() {
                return s.localNodeName();
            }

            @Override
            public ClusterView readView() {
                ClusterView v = s.readView();
                recorder.viewRead(v);
                return v;
            }

            @Override
            public void write(List<AttributeUpdate> updates) {
                s.write(updates);
            }

            @Override
            public boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
                return s.write(updates, fence, now);
            }

            @Override
            public boolean tryAcquire(Claim claim) {
                return s.tryAcquire(claim);
            }

            @Override
            public boolean release(Claim claim) {
                return s.release(claim);
            }

            @Override
            public DrainForecast forecastDrain(ClusterView view, List<AttributeUpdate> drain) {
                return s.forecastDrain(view, drain);
            }
        };
    }

}
