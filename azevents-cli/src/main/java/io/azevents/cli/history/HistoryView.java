package io.azevents.cli.history;

import io.azevents.cli.text.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code azevents history}: the node's history read back, filtered, as text or as a JSON model with a
 * schema version, and the comparison of an {@code observe_only} run with what the cluster did.
 */
public final class HistoryView {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhd])");

    private HistoryView() {
    }

    /** The entries kept in {@code files}, oldest first, at or after {@code since}, naming {@code event} (a prefix). */
    public static List<Map<String, Object>> entries(HistoryFiles files, Optional<Instant> since, Optional<String> event) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : files.lines()) {
            Map<String, Object> e;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = JSON.readValue(line, LinkedHashMap.class);
                e = parsed;
            } catch (JsonProcessingException ex) {
                continue; // a line cut by a full disk or a crash: the others still count
            }
            Instant t = time(e);
            if (since.isPresent() && (t == null || t.isBefore(since.get()))) {
                continue;
            }
            if (event.isPresent() && events(e).stream().noneMatch(id -> id.toLowerCase(Locale.ROOT)
                    .startsWith(event.get().toLowerCase(Locale.ROOT)))) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * {@code --since}: an instant ({@code 2026-11-22T03:00:00Z}), a date ({@code 2026-11-22}, UTC) or an
     * age ({@code 30m}, {@code 12h}, {@code 7d}) before {@code now}.
     *
     * @throws IllegalArgumentException if it is none of these
     */
    public static Instant since(String value, Instant now) {
        String v = value.trim();
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not a time: " + v
                        + " (give 2026-11-22T03:00:00Z, 2026-11-22, or an age such as 30m, 12h, 7d)");
            }
        }
    }

    /** The {@code --json} model. */
    public static Map<String, Object> model(HistoryFiles files, List<Map<String, Object>> entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", HistoryFiles.SCHEMA_VERSION);
        m.put("directory", files.dir().toString());
        m.put("entries", entries);
        return m;
    }

    /** One block per entry: time, kind, event, node; then the reason, wrapped. */
    public static String text(HistoryFiles files, List<Map<String, Object>> entries) {
        StringBuilder b = new StringBuilder();
        if (entries.isEmpty()) {
            return "No history" + (files.lines().isEmpty() ? " yet in " + files.dir()
                    + " (the agent writes it on this node when something happens)" : " matches") + ".\n";
        }
        for (Map<String, Object> e : entries) {
            String ids = events(e).stream().map(id -> id.length() > 8 ? id.substring(0, 8) : id)
                    .reduce((a, c) -> a + "," + c).orElse("-");
            b.append(String.format(Locale.ROOT, "%-24s %-15s %-8s %s", e.get("time"), e.get("kind"), ids,
                    Objects.toString(e.getOrDefault("subject", ""), "")).stripTrailing()).append('\n');
            StringBuilder why = new StringBuilder(Objects.toString(e.getOrDefault("reason", ""), ""));
            if (e.get("result") != null) {
                why.append(" [").append(e.get("result")).append(e.get("detail") != null ? ": " + e.get("detail") : "")
                        .append(']');
            }
            if (e.get("durationSeconds") instanceof Number d) {
                why.append(" (after ").append(seconds(d.doubleValue())).append(')');
            }
            if (e.get("marginSeconds") instanceof Number d) {
                why.append(" (").append(seconds(d.doubleValue())).append(" before NotBefore)");
            }
            if (e.get("tookMillis") instanceof Number d) {
                why.append(" (cycle took ").append(d.longValue()).append(" ms)");
            }
            if (!why.isEmpty()) {
                Text.wrap("    ", why.toString()).forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    /**
     * {@code --compare}: each decision of an {@code observe_only} run (drain, node empty, restore) beside
     * the first change of the same kind the cluster made on the same node, and the changes the cluster
     * made that the agent would not have made.
     */
    public static List<Map<String, Object>> compare(List<Map<String, Object>> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Map<String, Object>> actual = new ArrayList<>(entries.stream()
                .filter(e -> "cluster".equals(e.get("kind"))).toList());
        for (Map<String, Object> w : entries) {
            if (Boolean.TRUE.equals(w.get("observeOnly")) && "approval".equals(w.get("kind"))) {
                out.add(approvalRow(w, entries));
                continue;
            }
            if (!Boolean.TRUE.equals(w.get("observeOnly")) || "cluster".equals(w.get("kind"))
                    || !List.of("drain", "node-empty", "restored", "on-hold").contains(w.get("kind"))) {
                continue;
            }
            Instant t = time(w);
            Map<String, Object> match = null;
            for (Map<String, Object> a : actual) {
                Instant at = time(a);
                if (Objects.equals(a.get("subject"), w.get("subject")) && Objects.equals(a.get("did"), w.get("kind"))
                        && at != null && t != null && !at.isBefore(t.minus(Duration.ofHours(1)))) {
                    match = a;
                    break;
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", w.get("subject"));
            row.put("decision", w.get("kind"));
            row.put("events", events(w));
            row.put("azevents", w.get("time"));
            row.put("cluster", match == null ? null : match.get("time"));
            if (match != null) {
                actual.remove(match);
                row.put("differenceSeconds", Duration.between(t, time(match)).toMillis() / 1000.0);
                row.put("verdict", "both");
            } else {
                row.put("verdict", "only azevents");
            }
            row.put("reason", w.get("reason"));
            out.add(row);
        }
        for (Map<String, Object> a : actual) {
            if (!List.of("drain", "node-empty", "restored", "on-hold").contains(a.get("did"))) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", a.get("subject"));
            row.put("decision", a.get("did"));
            row.put("events", List.of());
            row.put("azevents", null);
            row.put("cluster", a.get("time"));
            row.put("verdict", "only the cluster");
            row.put("reason", a.get("reason"));
            out.add(row);
        }
        return out;
    }

    /** A would-be approval beside the moment IMDS showed the event Started (approved by the other agent, or due). */
    private static Map<String, Object> approvalRow(Map<String, Object> w, List<Map<String, Object>> entries) {
        Map<String, Object> started = entries.stream().filter(e -> "started".equals(e.get("kind")))
                .filter(e -> events(e).stream().anyMatch(events(w)::contains)).findFirst().orElse(null);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", w.get("subject"));
        row.put("decision", "approval");
        row.put("events", events(w));
        row.put("azevents", w.get("time"));
        row.put("cluster", started == null ? null : started.get("time"));
        if (started != null) {
            row.put("differenceSeconds", Duration.between(time(w), time(started)).toMillis() / 1000.0);
            row.put("verdict", "both");
        } else {
            row.put("verdict", "only azevents");
        }
        row.put("reason", w.get("reason"));
        return row;
    }

    /** The comparison as lines. */
    public static String compareText(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "Nothing to compare: no decision of an observe_only run and no drain or return by the cluster "
                    + "in this history.\n";
        }
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> r : rows) {
            String what = r.get("node") + " " + r.get("decision");
            String line = switch (String.valueOf(r.get("verdict"))) {
                case "both" -> {
                    double d = ((Number) r.get("differenceSeconds")).doubleValue();
                    yield what + ": azevents would have at " + r.get("azevents")
                            + ("approval".equals(r.get("decision")) ? ", the event started at " : ", the cluster did at ")
                            + r.get("cluster") + " (" + seconds(Math.abs(d)) + (d >= 0 ? " later" : " earlier") + ")";
                }
                case "only azevents" -> "DIFFERS " + what + ": azevents would have at " + r.get("azevents")
                        + ("approval".equals(r.get("decision")) ? "; the event has not started (nobody approved it)"
                        : "; the cluster did not");
                default -> "DIFFERS " + what + ": the cluster did at " + r.get("cluster")
                        + "; azevents would not have";
            };
            Text.wrap("", line).forEach(l -> b.append(l).append('\n'));
        }
        return b.toString();
    }

    static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        return whole / 60 + "m " + whole % 60 + "s";
    }

    private static Instant time(Map<String, Object> e) {
        try {
            return Instant.parse(String.valueOf(e.get("time")));
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> events(Map<String, Object> e) {
        Object v = e.get("events");
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }
}
