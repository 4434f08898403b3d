package io.azevents.cli.text;

import io.azevents.cli.wiring.AgentTypes;
import io.azevents.core.safety.AgentAttributes;
import io.azevents.core.safety.ClusterSafety;

import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.pacemaker.admin.ConfigurationCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azevents status}: every node's agent state, health, pending events, last incarnation handled,
 * who holds a claim, and whether the node could take resources now. Text fits 80 columns.
 */
public final class StatusView {
    private StatusView() {
    }

    /** The provider of {@code strategy}; for a name none has (a typo in the CIB), the default agent's. */
    private static NodeDrainStrategyProvider provider(Strategies strategies, String strategy) {
        return strategies.names().contains(strategy) ? strategies.provider(strategy)
                : AgentTypes.provider(strategies, AgentTypes.DEFAULT).orElseGet(() -> strategies.provider(strategy));
    }

    /**
     * The status of every node as a map (for JSON and {@link #text}): {@code strategy}'s view of
     * {@code view}, with this VM's events from {@code doc} when there is one.
     */
    public static Map<String, Object> model(Strategies strategies, String strategy, ClusterView view, Optional<ScheduledEventsDocument> doc,
                                     Optional<String> vmName, Instant now) {
        NodeDrainStrategyProvider provider = provider(strategies, strategy);
        AgentAttributes names = provider.attributes();
        String p = names.prefix();
        // Who could take resources over: the shared safety model's answer, with the reason when not.
        ClusterSafety safety = new ClusterSafety(view, names, r -> false, provider.requiredNodeAttributes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", strategy);
        m.put("localNode", view.localNode());
        m.put("cibVersion", view.version());
        List<Object> nodes = new ArrayList<>();
        for (ClusterNode n : view.nodes()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", n.name());
            o.put("online", n.online());
            o.put("standby", n.standby());
            o.put("health", n.attribute(ConfigurationCheck.HEALTH).orElse(null));
            o.put("state", n.permanentAttribute(names.state()).orElse("AVAILABLE"));
            o.put("pendingEventIds", splitIds(n.permanentAttribute(names.pending()).orElse("")));
            o.put("lastDocVersion", n.permanentAttribute(names.lastDocVersion()).orElse(null));
            o.put("azName", n.permanentAttribute(AgentAttributes.AZ_NAME).orElse(null));
            o.put("runningResources", n.runningResources());
            o.put("pendingOperations", n.pendingOperations());
            Optional<String> whyNot = safety.whyNotTaker(n);
            o.put("kind", n.status().kind().name().toLowerCase(java.util.Locale.ROOT));
            o.put("maintenance", n.status().maintenance());
            o.put("unclean", n.status().unclean());
            o.put("shuttingDown", n.status().shutdown());
            o.put("canTakeResources", whyNot.isEmpty());
            o.put("whyNotTaker", whyNot.orElse(null));
            nodes.add(o);
        }
        m.put("nodes", nodes);
        m.put("maintenanceMode", view.maintenanceMode());
        List<Object> claims = new ArrayList<>();
        for (Claim c : view.claims().values()) {
            claims.add(Map.of("id", c.id(), "owner", c.owner(), "expiresAt", c.expiresAt().toString(),
                    "expired", c.expiredAt(now)));
        }
        m.put("claims", claims);
        // The agent's own cluster properties (legacy-pullstate's pull state, for one), by their CIB names.
        Map<String, Object> properties = new java.util.TreeMap<>();
        view.clusterProperties().forEach((k, v) -> {
            if (k.startsWith(p)) {
                properties.put(k, v);
            }
        });
        m.put("agentProperties", properties);
        if (doc.isPresent()) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("vmName", vmName.orElse(null));
            ev.put("incarnation", doc.get().incarnation());
            List<Object> list = new ArrayList<>();
            for (ScheduledEvent e : doc.get().events()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", e.id());
                o.put("type", e.type().value());
                o.put("status", e.status().value());
                o.put("source", e.initiator().value());
                o.put("resources", e.resources());
                o.put("notBefore", e.notBefore().map(Instant::toString).orElse(null));
                o.put("secondsLeft", e.notBefore().map(t -> Duration.between(now, t).toSeconds()).orElse(null));
                o.put("durationSeconds", e.durationSeconds());
                list.add(o);
            }
            ev.put("events", list);
            m.put("events", ev);
        }
        return m;
    }

    private static List<String> splitIds(String raw) {
        List<String> ids = new ArrayList<>();
        for (String s : raw.split(",")) {
            if (!s.isBlank()) {
                ids.add(s.trim());
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    public static String text(Map<String, Object> m, Optional<String> eventsProblem) {
        StringBuilder b = new StringBuilder();
        b.append("strategy ").append(m.get("strategy")).append(", this node ").append(m.get("localNode"))
                .append(", CIB ").append(m.get("cibVersion")).append('\n');
        b.append(String.format("%-14s %-7s %-8s %-9s %-10s %-5s %s%n", "NODE", "ONLINE", "STANDBY", "HEALTH", "STATE",
                "TAKES", "PENDING EVENTS"));
        for (Object o : (List<Object>) m.get("nodes")) {
            Map<String, Object> n = (Map<String, Object>) o;
            List<String> pending = (List<String>) n.get("pendingEventIds");
            b.append(String.format("%-14s %-7s %-8s %-9s %-10s %-5s %s%n", cut((String) n.get("name"), 14),
                    yes(n.get("online")), yes(n.get("standby")), n.get("health") == null ? "(unset)" : cut((String) n.get("health"), 9),
                    n.get("state"), yes(n.get("canTakeResources")),
                    pending.isEmpty() ? "-" : pending.size() + " (" + cut(pending.get(0), 8) + (pending.size() > 1 ? ",..)" : ")")));
        }
        if (Boolean.TRUE.equals(m.get("maintenanceMode"))) {
            b.append("the cluster is in maintenance mode: nothing moves, no node can be drained\n");
        }
        for (Object o : (List<Object>) m.get("nodes")) {
            Map<String, Object> n = (Map<String, Object>) o;
            if (n.get("whyNotTaker") != null && !Boolean.TRUE.equals(m.get("maintenanceMode"))) {
                b.append("  ").append(n.get("name")).append(" takes nothing: ").append(n.get("whyNotTaker")).append('\n');
            }
            if (!"member".equals(n.get("kind"))) {
                b.append("  ").append(n.get("name")).append(" is a ").append(n.get("kind")).append(" node\n");
            }
        }
        for (Object o : (List<Object>) m.get("nodes")) {
            Map<String, Object> n = (Map<String, Object>) o;
            if (n.get("lastDocVersion") != null || !((List<?>) n.get("runningResources")).isEmpty()) {
                b.append("  ").append(n.get("name")).append(": last incarnation handled ")
                        .append(n.get("lastDocVersion") == null ? "-" : n.get("lastDocVersion"))
                        .append("; runs ").append(((List<?>) n.get("runningResources")).size()).append(" resource(s)");
                if ((int) n.get("pendingOperations") > 0) {
                    b.append(", ").append(n.get("pendingOperations")).append(" operation(s) in flight");
                }
                b.append('\n');
            }
        }
        List<Object> claims = (List<Object>) m.get("claims");
        if (claims.isEmpty()) {
            b.append("claims: none (no drain or pull in progress)\n");
        }
        for (Object o : claims) {
            Map<String, Object> c = (Map<String, Object>) o;
            b.append("claim ").append(c.get("id")).append(" held by ").append(c.get("owner")).append(" until ")
                    .append(c.get("expiresAt")).append(Boolean.TRUE.equals(c.get("expired")) ? " (expired)" : "").append('\n');
        }
        ((Map<String, Object>) m.get("agentProperties")).forEach((k, v) ->
                b.append("cluster property ").append(k).append('=').append(v).append('\n'));
        if (m.containsKey("events")) {
            Map<String, Object> ev = (Map<String, Object>) m.get("events");
            List<Object> list = (List<Object>) ev.get("events");
            b.append("events seen by this VM (").append(ev.get("vmName")).append("), incarnation ")
                    .append(ev.get("incarnation")).append(list.isEmpty() ? ": none" : ":").append('\n');
            for (Object o : list) {
                Map<String, Object> e = (Map<String, Object>) o;
                b.append("  ").append(e.get("type")).append(' ').append(e.get("status")).append(" by ")
                        .append(e.get("source")).append(" for ").append(e.get("resources")).append('\n');
                b.append("    id ").append(e.get("id")).append('\n');
                if (e.get("notBefore") != null) {
                    b.append("    not before ").append(e.get("notBefore")).append(" (")
                            .append(left((Long) e.get("secondsLeft"))).append(")\n");
                }
            }
        } else {
            eventsProblem.ifPresent(p -> b.append("events: not read (").append(p).append(")\n"));
        }
        return b.toString();
    }

    private static String left(long s) {
        if (s <= 0) {
            return "due now";
        }
        return (s >= 60 ? s / 60 + "m " : "") + s % 60 + "s left";
    }

    private static String yes(Object b) {
        return Boolean.TRUE.equals(b) ? "yes" : "no";
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
