package io.azevents.cli.ocf;

import io.azevents.cli.history.HistoryFiles;
import io.azevents.cli.history.Metrics;
import io.azevents.cli.text.Json;
import io.azevents.core.ActionOutcome;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.CycleReport;
import io.azevents.core.Pacemaker;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Turns cycles into the node's history and counters: it hears each finished cycle (a
 * {@link CycleListener}), compares what it read and did with what it remembered from the cycle
 * before ({@code tracker.properties}) and appends one line per transition: an event first seen,
 * Started or gone; a claim taken, lost or given back; a drain written; a node found empty; an
 * approval sent and IMDS's answer; a node restored; an action that failed; IMDS failing or answering
 * again. An idle cycle finds no transition and writes nothing but, at most once a minute, the time
 * of the last successful cycle in the counters.
 *
 * <p>With {@code observe_only=true} the actions it hears were not carried out (see {@link Shadow}):
 * each is recorded once as what the agent would have done, and the changes the cluster made itself
 * (another agent's drain, its return) are recorded beside them for {@code azevents history --compare}.
 *
 * <p>Never throws into a cycle and never slows it by more than a few small file writes on a
 * transition; a history that cannot be written is logged at WARN once. Not thread-safe: one cycle at
 * a time, like the agent.
 */
final class HistoryRecorder implements CycleListener {
    /** The version of the entries' and {@code history --json}'s shape; bumped on incompatible change. */
    static final String TRACKER = "tracker.properties";
    static final String TEXTFILE = "azevents.prom";
    private static final Duration PERSIST_AT_REST = Duration.ofSeconds(60);

    private final HistoryFiles files;
    private final boolean observeOnly;
    /** The strategy's node attributes whose negative value keeps resources off a node (az-health: #health-azure). */
    private final List<String> healthAttributes;
    private final Optional<Path> textfileDir;
    private final Clock clock;
    private Properties tracker;
    private Metrics metrics;
    private Optional<ClusterView> lastView = Optional.empty();
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private final boolean longLived;
    private boolean dirty;
    private boolean countsChanged;
    private String lastProblem;
    private Notices notices;
    private final List<String[]> toPublish = new ArrayList<>();

    /**
     * @param longLived true in the resident poller: counters that change without a transition (IMDS
     *                  failures) are written at most once a minute; false in a one-cycle process,
     *                  which writes them before it ends
     * @param healthAttributes the strategy's node attributes a location rule needs
     *                  ({@link io.azevents.core.spi.NodeDrainStrategyProvider#requiredNodeAttributes()}):
     *                  a write to one undrains or drains a node, and a negative value is a drain
     */
    HistoryRecorder(HistoryFiles files, boolean observeOnly, List<String> healthAttributes,
                    Optional<Path> textfileDir, Clock clock, boolean longLived) {
        this.files = files;
        this.observeOnly = observeOnly;
        this.healthAttributes = List.copyOf(healthAttributes);
        this.longLived = longLived;
        this.textfileDir = textfileDir;
        this.clock = clock;
    }

    /** Publishes this node's transitions for Pacemaker's alerts (see {@link Notices}). */
    HistoryRecorder notifying(Notices n) {
        this.notices = n;
        return this;
    }

    /** The cluster as the cycle read it (from the store's wrapper). */
    void viewRead(ClusterView view) {
        lastView = Optional.of(view);
    }

    /** An IMDS read failed; {@code kind} is short and stable (timeout, connection, http_429, malformed). */
    void imdsFailed(String kind, String message) {
        guarded(() -> {
            load();
            metrics.add("azevents_imds_failures_total", 1, "kind", kind);
            countsChanged = true;
            if (!kind.equals(tracker.getProperty("imds"))) {
                tracker.setProperty("imds", kind);
                Map<String, Object> e = entry("imds-failing", List.of());
                e.put("reason", message);
                e.put("detail", kind);
                pending.add(e);
            }
            flush(false);
        });
    }

    @Override
    public void finished(CycleReport report) {
        guarded(() -> {
            load();
            record(report);
            flush(report.succeeded());
        });
        publish();
    }

    /**
     * After the history is written: the last notice of this cycle for each node (an approval says the
     * node is empty too). One update per node and cycle, because the attribute manager may fold two
     * quick updates of one attribute into one write, and so into one alert.
     */
    private void publish() {
        if (notices != null && !toPublish.isEmpty() && notices.enabled()) {
            Map<String, String> last = new LinkedHashMap<>();
            toPublish.forEach(n -> last.put(n[0], n[1]));
            last.forEach(notices::publish);
        }
        toPublish.clear();
    }

    private void notice(String node, String kind, List<String> events, Map<String, ScheduledEvent> doc) {
        String ids = events.isEmpty() ? "-" : String.join(",", events);
        String value = switch (kind) {
            case "drain" -> {
                String types = events.stream().map(doc::get).filter(java.util.Objects::nonNull)
                        .map(ev -> ev.type().toString()).distinct().reduce((a, b) -> a + "," + b).orElse("event");
                String due = events.stream().map(doc::get).filter(java.util.Objects::nonNull)
                        .flatMap(ev -> ev.notBefore().stream()).min(Instant::compareTo).map(Instant::toString)
                        .orElse("unknown");
                yield "drain " + ids + " " + types + " " + due;
            }
            case "node-empty" -> "empty " + ids;
            case "approval" -> "approved " + ids;
            case "on-hold" -> "on-hold " + ids;
            case "restored" -> "back " + ids;
            default -> null;
        };
        if (value != null) {
            toPublish.add(new String[] {node, value});
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
            if (lastProblem != null) {
                Log.get().info("the history in " + files.dir() + " is written again");
                lastProblem = null;
            }
        } catch (RuntimeException e) {
            String problem = "history not recorded: " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                Log.get().warn(problem);
                lastProblem = problem;
            } else {
                Log.get().debug(problem);
            }
            pending.clear();
        }
    }

    private void load() {
        if (tracker == null) {
            tracker = new Properties();
            files.read(TRACKER).ifPresent(t -> {
                try {
                    tracker.load(new StringReader(t));
                } catch (IOException | IllegalArgumentException e) {
                    tracker.clear(); // a damaged tracker costs at most a repeated "seen"
                }
            });
            metrics = Metrics.of(files);
        }
    }

    private void record(CycleReport report) {
        String local = report.decision().localNode();
        long tookMillis = report.took().toMillis();
        if (tracker.getProperty("imds") != null) {
            Map<String, Object> e = entry("imds-recovered", List.of());
            e.put("reason", "IMDS answers again after failing (" + tracker.getProperty("imds") + ")");
            pending.add(e);
            tracker.remove("imds");
        }
        Map<String, ScheduledEvent> now = new LinkedHashMap<>();
        report.document().events().forEach(ev -> now.put(ev.id(), ev));
        for (ScheduledEvent ev : now.values()) {
            String was = tracker.getProperty("event." + ev.id());
            if (was == null) {
                Map<String, Object> e = entry("seen", List.of(ev.id()));
                e.put("event", describe(ev));
                e.put("reason", ev.type() + " (" + ev.initiator() + ") for " + String.join(", ", ev.resources())
                        + ev.notBefore().map(t -> ", not before " + t).orElse(", under way"));
                pending.add(e);
                metrics.add("azevents_events_seen_total", 1, "type", ev.type().toString(), "source", ev.initiator().toString());
                tracker.setProperty("seen." + ev.id(), Long.toString(clock.millis()));
                ev.notBefore().ifPresent(t -> tracker.setProperty("notBefore." + ev.id(), t.toString()));
            } else if (ev.isStarted() && !was.equals(ev.status().toString())) {
                Map<String, Object> e = entry("started", List.of(ev.id()));
                e.put("reason", ev.type() + " is under way (IMDS says Started)");
                since("seen." + ev.id()).ifPresent(d -> e.put("durationSeconds", d));
                pending.add(e);
            }
            tracker.setProperty("event." + ev.id(), ev.status().toString());
        }
        for (String key : new TreeSet<>(tracker.stringPropertyNames())) {
            if (key.startsWith("event.") && !now.containsKey(key.substring(6))) {
                String id = key.substring(6);
                Map<String, Object> e = entry("gone", List.of(id));
                e.put("reason", "the event is no longer in the document: over or cancelled");
                since("seen." + id).ifPresent(d -> e.put("durationSeconds", d));
                pending.add(e);
                tracker.remove(key);
                tracker.remove("seen." + id);
                tracker.remove("notBefore." + id);
                tracker.stringPropertyNames().stream().filter(k -> k.startsWith("would.") && k.contains(id))
                        .forEach(tracker::remove);
            }
        }
        for (ActionOutcome o : report.allOutcomes()) {
            outcome(o, now, local, tookMillis);
        }
        if (observeOnly) {
            lastView.ifPresent(this::clusterChanges);
        }
        if (!pending.isEmpty()) {
            dirty = true;
        }
    }

    private void outcome(ActionOutcome o, Map<String, ScheduledEvent> doc, String local, long tookMillis) {
        PlannedAction a = o.action();
        String kind;
        String subject = local;
        List<String> events = List.of();
        Map<String, String> attributes = new LinkedHashMap<>();
        if (a instanceof PlannedAction.WriteAttributes w) {
            kind = "attributes";
            for (AttributeUpdate u : w.updates()) {
                attributes.put(u.node().map(n -> n + " ").orElse("") + u.name(), u.value().orElse("(delete)"));
                if (u.name().endsWith("curNodeState") && u.node().isPresent()) {
                    subject = u.node().get();
                    kind = switch (u.value().orElse("AVAILABLE")) {
                        case "STOPPING" -> "drain";
                        case "IN_EVENT" -> "node-empty";
                        case "ON_HOLD" -> "on-hold";
                        default -> "restored";
                    };
                } else if (u.name().endsWith("pendingEventIDs") && u.value().isPresent()) {
                    events = Arrays.stream(u.value().get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                }
            }
            boolean undrains = w.updates().stream().anyMatch(u -> u.name().equals(Pacemaker.STANDBY)
                    || healthAttributes.contains(u.name()));
            if (kind.equals("attributes")) {
                // No agent state written (a plugin's strategy, say): a node put in standby or made unhealthy
                // is a drain, and one taken out of both after a drain is restored.
                Optional<AttributeUpdate> gate = w.updates().stream().filter(u -> u.node().isPresent()
                        && (u.name().equals(Pacemaker.STANDBY) || healthAttributes.contains(u.name()))).findFirst();
                if (gate.isPresent()) {
                    AttributeUpdate g = gate.get();
                    String node = g.node().get();
                    boolean drains = w.updates().stream().filter(u -> u.node().equals(g.node())).anyMatch(u ->
                            u.name().equals(Pacemaker.STANDBY) ? u.value().filter(Pacemaker::isTrue).isPresent()
                                    : u.value().filter(HistoryRecorder::negative).isPresent());
                    if (drains) {
                        subject = node;
                        kind = "drain";
                        events = List.copyOf(doc.keySet());
                    } else if (tracker.getProperty("drained." + node) != null) {
                        subject = node;
                        kind = "restored";
                    }
                }
            }
            if (kind.equals("restored") && !undrains && tracker.getProperty("drained." + subject) == null) {
                kind = "available"; // back from ON_HOLD (or a first AVAILABLE): nothing was drained
            }
            if (events.isEmpty() && !kind.equals("attributes")) {
                events = Optional.ofNullable(tracker.getProperty("pending." + subject))
                        .map(p -> Arrays.stream(p.split(",")).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
            }
        } else if (a instanceof PlannedAction.AcquireClaim c) {
            kind = o.result() == ActionOutcome.Result.CLAIM_LOST ? "claim-lost" : "claim-taken";
            attributes.put("claim", c.claim().id());
            events = List.copyOf(doc.keySet()); // a claim is cluster-wide: it belongs to the events of its cycle
        } else if (a instanceof PlannedAction.ReleaseClaim c) {
            kind = "claim-released";
            attributes.put("claim", c.claim().id());
            events = List.copyOf(doc.keySet());
        } else {
            kind = "approval";
            events = List.copyOf(((PlannedAction.ApproveEvents) a).eventIds());
        }
        if (o.result() == ActionOutcome.Result.UNCHANGED || o.result() == ActionOutcome.Result.SKIPPED
                || (o.result() == ActionOutcome.Result.CLAIM_LOST && !kind.equals("claim-lost"))) {
            return;
        }
        if (o.result() == ActionOutcome.Result.FAILED) {
            metrics.add("azevents_action_failures_total", 1, "action", kind);
            if (kind.equals("approval")) {
                metrics.add("azevents_approvals_total", 1, "result", "failed");
            }
            Map<String, Object> e = entry(kind.equals("approval") ? "approval" : "action-failed", events);
            e.put("subject", subject);
            e.put("reason", a.reason());
            e.put("action", kind);
            e.put("result", "failed");
            e.put("detail", o.detail().orElse(""));
            e.put("tookMillis", tookMillis);
            pending.add(e);
            return;
        }
        Map<String, Object> e = entry(kind, events);
        e.put("subject", subject);
        e.put("reason", a.reason());
        if (!attributes.isEmpty()) {
            e.put("attributes", attributes);
        }
        e.put("tookMillis", tookMillis);
        if (kind.equals("drain")) {
            tracker.setProperty("pending." + subject, String.join(",", events)); // names the events of later steps
        }
        if (observeOnly) {
            String key = "would." + kind + "." + subject + "." + String.join(",", events)
                    + (kind.equals("attributes") ? "." + attributes.hashCode() : "");
            if (tracker.getProperty(key) != null) {
                return; // decided again, as it will be every cycle while nothing changes: recorded once
            }
            tracker.setProperty(key, Long.toString(clock.millis()));
            e.put("result", "not done (observe_only)");
            metrics.add("azevents_shadow_decisions_total", 1, "kind", kind);
            pending.add(e);
            return;
        }
        notice(subject, kind, events, doc);
        switch (kind) {
            case "drain" -> {
                metrics.add("azevents_drains_total", 1);
                tracker.setProperty("drained." + subject, Long.toString(clock.millis()));
                tracker.setProperty("pending." + subject, String.join(",", events));
            }
            case "on-hold" -> metrics.add("azevents_on_hold_total", 1);
            case "node-empty" -> since("drained." + subject).ifPresent(d -> {
                e.put("durationSeconds", d);
                metrics.observe("azevents_drain_duration_seconds", d);
            });
            case "approval" -> {
                e.put("result", "accepted");
                metrics.add("azevents_approvals_total", 1, "result", "accepted");
                for (String id : events) {
                    Optional<Instant> nb = Optional.ofNullable(doc.get(id)).flatMap(ScheduledEvent::notBefore)
                            .or(() -> Optional.ofNullable(tracker.getProperty("notBefore." + id)).map(Instant::parse));
                    nb.ifPresent(t -> {
                        double margin = Duration.between(clock.instant(), t).toMillis() / 1000.0;
                        e.put("marginSeconds", margin);
                        metrics.observe("azevents_approval_margin_seconds", margin);
                    });
                }
            }
            case "restored" -> {
                since("drained." + subject).ifPresent(d -> e.put("durationSeconds", d));
                metrics.add("azevents_restores_total", 1);
                tracker.remove("drained." + subject);
                tracker.remove("pending." + subject);
            }
            default -> {
            }
        }
        pending.add(e);
    }

    /** A health value that keeps resources off a node: a negative score, -INFINITY or red. */
    private static boolean negative(String score) {
        return ClusterNode.parseScore(score).orElse(0) < 0;
    }

    /** With observe_only: what the cluster did on its own (another agent's drain and return), per node. */
    private void clusterChanges(ClusterView view) {
        for (ClusterNode n : view.nodes()) {
            String state = n.attributes().entrySet().stream().filter(x -> x.getKey().endsWith("_curNodeState"))
                    .map(Map.Entry::getValue).findFirst().orElse("AVAILABLE");
            StringBuilder summary = new StringBuilder("curNodeState=").append(state);
            boolean unhealthy = false;
            for (String h : healthAttributes) {
                String value = n.attribute(h).orElse("");
                summary.append(' ').append(h).append('=').append(value);
                unhealthy |= negative(value);
            }
            summary.append(" standby=").append(n.standby() ? "on" : "off");
            String was = tracker.getProperty("actual." + n.name());
            tracker.setProperty("actual." + n.name(), summary.toString());
            if (was == null || was.equals(summary.toString())) {
                continue;
            }
            boolean wasDrained = was.contains("STOPPING") || was.contains("IN_EVENT") || was.contains("standby=on")
                    || was.contains("=-");
            boolean drained = state.equals("STOPPING") || n.standby() || unhealthy;
            String did = state.equals("IN_EVENT") ? "node-empty" : state.equals("ON_HOLD") ? "on-hold"
                    : drained && !wasDrained ? "drain" : !drained && wasDrained ? "restored" : "changed";
            List<String> ids = n.attributes().entrySet().stream().filter(x -> x.getKey().endsWith("_pendingEventIDs"))
                    .flatMap(x -> Arrays.stream(x.getValue().split(","))).map(String::trim).filter(x -> !x.isEmpty())
                    .toList();
            Map<String, Object> e = entry("cluster", ids);
            e.put("subject", n.name());
            e.put("did", did);
            e.put("reason", n.name() + ": " + was + " -> " + summary + " (written by someone else: observe_only)");
            pending.add(e);
            dirty = true;
        }
    }

    private Optional<Double> since(String key) {
        return Optional.ofNullable(tracker.getProperty(key)).map(Long::parseLong)
                .map(t -> (clock.millis() - t) / 1000.0);
    }

    private Map<String, Object> entry(String kind, List<String> events) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schemaVersion", HistoryFiles.SCHEMA_VERSION);
        e.put("time", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        e.put("kind", kind);
        e.put("events", events);
        if (observeOnly) {
            e.put("observeOnly", true);
        }
        return e;
    }

    private static Map<String, Object> describe(ScheduledEvent ev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", ev.type().toString());
        m.put("source", ev.initiator().toString());
        m.put("status", ev.status().toString());
        m.put("resources", ev.resources());
        m.put("notBefore", ev.notBefore().map(Instant::toString).orElse(null));
        m.put("durationSeconds", ev.durationSeconds());
        m.put("description", ev.description());
        return m;
    }

    /**
     * Writes what this cycle found: the entries, the tracker and the counters (and the textfile) when
     * anything changed; at rest only the last-success time, at most once a minute.
     */
    private void flush(boolean succeeded) {
        if (succeeded) {
            metrics.set("azevents_last_successful_cycle_timestamp_seconds", clock.instant().getEpochSecond());
        }
        long persistedAt = Optional.ofNullable(tracker.getProperty("persistedAt")).map(Long::parseLong).orElse(0L);
        boolean stale = clock.millis() - persistedAt >= PERSIST_AT_REST.toMillis();
        if (!dirty && !(countsChanged && (stale || !longLived)) && !(succeeded && stale)) {
            return;
        }
        tracker.setProperty("persistedAt", Long.toString(clock.millis()));
        List<String> lines = pending.stream().map(Json::line).toList();
        pending.clear();
        files.append(lines);
        StringWriter w = new StringWriter();
        try {
            tracker.store(w, "azevents history tracker: what the last cycle saw");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.replace(TRACKER, w.toString());
        files.replace(Metrics.FILE, metrics.store());
        textfileDir.ifPresent(d -> {
            try {
                // node_exporter reads the directory as another user: world-readable, written atomically.
                HistoryFiles.writeAtomically(d, TEXTFILE, metrics.exposition(), "rw-r--r--");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + d.resolve(TEXTFILE) + ": " + e.getMessage(), e);
            }
        });
        dirty = false;
        countsChanged = false;
    }
}
