package io.azevents.cli.history;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The node's counters, kept in {@code counters.properties} next to the history and rendered in the
 * Prometheus text exposition format (version 0.0.4). A sample is a metric name with its labels
 * ({@code azevents_events_seen_total{source="User",type="Reboot"}}) and a value. Not thread-safe.
 */
public final class Metrics {
    public static final String FILE = "counters.properties";

    /** Every metric this node exposes: name, type, help. Counters end in {@code _total}; times are seconds. */
    record Family(String name, String type, String help) {
    }

    static final List<Family> FAMILIES = List.of(
            new Family("azevents_events_seen_total", "counter",
                    "Scheduled events this node saw for the first time, by type and source."),
            new Family("azevents_drains_total", "counter", "Drains this node's agent wrote."),
            new Family("azevents_on_hold_total", "counter", "Times a node was put ON_HOLD (no safe drain)."),
            new Family("azevents_approvals_total", "counter",
                    "Approvals this node sent to IMDS, by IMDS's answer (accepted, failed)."),
            new Family("azevents_restores_total", "counter", "Nodes this node's agent brought back after their events."),
            new Family("azevents_imds_failures_total", "counter", "Failed IMDS reads, by kind."),
            new Family("azevents_action_failures_total", "counter", "Cluster writes, claims or approvals that failed, by action."),
            new Family("azevents_shadow_decisions_total", "counter",
                    "What the agent would have done with observe_only=true, by kind (nothing was written or approved)."),
            new Family("azevents_last_successful_cycle_timestamp_seconds", "gauge",
                    "When the last cycle that read IMDS and the cluster and failed no action ended (Unix time)."),
            new Family("azevents_drain_duration_seconds", "summary",
                    "From a drain written to the node found empty."),
            new Family("azevents_approval_margin_seconds", "summary",
                    "Time left before an event's NotBefore when this node approved it."));

    private final Map<String, Double> samples = new TreeMap<>();

    /** Counters read from {@code text} (a properties file); unreadable values are dropped. */
    public static Metrics parse(String text) {
        Metrics m = new Metrics();
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return m;
        }
        for (String k : p.stringPropertyNames()) {
            try {
                m.samples.put(k, Double.parseDouble(p.getProperty(k)));
            } catch (NumberFormatException e) {
                // A damaged line is forgotten, not fatal: the counters restart from zero for it.
            }
        }
        return m;
    }

    /** The counters of {@code files}, empty when there are none yet. */
    public static Metrics of(HistoryFiles files) {
        return files.read(FILE).map(Metrics::parse).orElseGet(Metrics::new);
    }

    public String store() {
        Properties p = new Properties();
        samples.forEach((k, v) -> p.setProperty(k, format(v)));
        StringWriter w = new StringWriter();
        try {
            p.store(w, "azevents counters; see 'azevents metrics'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Adds {@code by} to the sample {@code name{labels}}. Labels alternate name, value. */
    public void add(String name, double by, String... labels) {
        samples.merge(key(name, labels), by, Double::sum);
    }

    public void set(String name, double value, String... labels) {
        samples.put(key(name, labels), value);
    }

    /** Records one observation of a summary (its {@code _sum} and {@code _count}). */
    public void observe(String name, double value) {
        add(name + "_sum", value);
        add(name + "_count", 1);
    }

    public double get(String name, String... labels) {
        return samples.getOrDefault(key(name, labels), 0.0);
    }

    static String key(String name, String... labels) {
        if (labels.length == 0) {
            return name;
        }
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        StringBuilder b = new StringBuilder(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            b.append(first ? "" : ",").append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
            first = false;
        }
        return b.append('}').toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The text exposition: every family with HELP and TYPE, unlabelled counters at 0 until they count. */
    public String exposition() {
        Map<String, Map<String, Double>> byFamily = new LinkedHashMap<>();
        for (Family f : FAMILIES) {
            byFamily.put(f.name(), new TreeMap<>());
        }
        samples.forEach((k, v) -> {
            String base = k.contains("{") ? k.substring(0, k.indexOf('{')) : k;
            String family = base.replaceFirst("_(sum|count)$", "");
            Map<String, Double> target = byFamily.containsKey(base) ? byFamily.get(base) : byFamily.get(family);
            if (target != null) {
                target.put(k, v);
            }
        });
        StringBuilder b = new StringBuilder();
        for (Family f : FAMILIES) {
            Map<String, Double> s = byFamily.get(f.name());
            boolean labelled = f.name().equals("azevents_events_seen_total") || f.name().equals("azevents_approvals_total")
                    || f.name().equals("azevents_imds_failures_total") || f.name().equals("azevents_action_failures_total")
                    || f.name().equals("azevents_shadow_decisions_total");
            boolean gauge = f.type().equals("gauge");
            if (s.isEmpty() && (labelled || gauge)) {
                continue; // no sample to show yet: a labelled family without labels, or a time never seen
            }
            b.append("# HELP ").append(f.name()).append(' ').append(f.help()).append('\n');
            b.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            if (s.isEmpty() && f.type().equals("summary")) {
                b.append(f.name()).append("_sum 0\n").append(f.name()).append("_count 0\n");
            } else if (s.isEmpty()) {
                b.append(f.name()).append(" 0\n");
            }
            s.forEach((k, v) -> b.append(k).append(' ').append(format(v)).append('\n'));
        }
        return b.toString();
    }
}
