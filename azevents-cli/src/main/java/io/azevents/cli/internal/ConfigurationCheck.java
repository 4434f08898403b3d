package io.azevents.cli.internal;

import io.azevents.core.AgentConfig;
import io.azevents.core.ClusterNode;
import io.azevents.core.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.w3c.dom.Element;

/**
 * Holds a cluster's configuration against the documented best practice for a strategy
 * ({@code azevents check}; {@code validate-all} runs the errors of it). Each finding names the
 * problem and the crmsh and pcs commands that fix it, with this cluster's names filled in.
 * Pure: CIB text in, findings out.
 */
public final class ConfigurationCheck {
    static final String HEALTH = "#health-azure";
    private static final List<String> AGENT_TYPES = List.of("azure-events-az", "azure-events");

    private ConfigurationCheck() {
    }

    /** The agent primitives (ours or upstream's) found in the CIB. */
    public static List<Element> agents(Cib cib) {
        return cib.primitives().stream()
                .filter(p -> "ocf".equals(p.getAttribute("class")) && AGENT_TYPES.contains(p.getAttribute("type")))
                .toList();
    }

    /** The strategy a primitive runs: its {@code strategy} parameter, else what its type implies. */
    public static String strategyOf(Element primitive) {
        String s = Cib.nvpairs(primitive, "instance_attributes").get(AgentConfig.STRATEGY);
        if (s != null && !s.isBlank()) {
            return s.trim();
        }
        return primitive.getAttribute("type").equals("azure-events") ? "legacy-pullstate" : "az-health";
    }

    /** Every finding for {@code strategy}; the strategy is taken from the agent in the CIB when empty. */
    public static List<Finding> run(String cibXml, Optional<String> strategyOverride) {
        Cib cib = Cib.parse(cibXml);
        List<Finding> out = new ArrayList<>();
        List<Element> agents = agents(cib);
        String strategy = strategyOverride.orElseGet(() -> agents.isEmpty() ? "az-health" : strategyOf(agents.get(0)));
        Map<String, String> props = cib.properties();
        Map<String, Map<String, String>> nodes = cib.nodeAttributes();

        checkAgents(agents, strategy, out);
        if (strategy.equals("az-health")) {
            checkHealthStrategy(props, out);
            Optional<Pattern> exclusion = checkLocationRule(cib, out);
            agents.forEach(a -> checkAgentExcluded(a, exclusion, out));
            checkHealthAttributes(nodes, cib.transientAttributes(), out);
            if (props.containsKey("azure-events_globalPullState")) {
                out.add(Finding.warning("leftover-pull-state",
                        "cluster property azure-events_globalPullState is a leftover of the azure-events agent",
                        List.of("crm configure property --delete azure-events_globalPullState"),
                        List.of("pcs property unset azure-events_globalPullState")));
            }
        } else {
            String pull = props.get("azure-events_globalPullState");
            if ("PULLING".equals(pull)) {
                out.add(Finding.warning("pull-state-stuck",
                        "azure-events_globalPullState is PULLING; azevents treats it as a lease and takes over "
                                + "once it expires, the Python agent would wait forever",
                        List.of("crm_attribute --type crm_config --name azure-events_globalPullState --update IDLE"),
                        List.of("pcs property set azure-events_globalPullState=IDLE")));
            }
        }
        checkStandby(nodes, strategy, out);
        return out;
    }

    private static void checkAgents(List<Element> agents, String strategy, List<Finding> out) {
        if (agents.isEmpty()) {
            out.add(Finding.warning("agent-missing", "no azure-events or azure-events-az resource is configured",
                    List.of("crm configure primitive health-azure-events ocf:azevents:azure-events-az "
                            + "op start start-delay=60s op monitor interval=10s meta failure-timeout=120s",
                            "crm configure clone health-azure-events-cln health-azure-events "
                                    + "meta allow-unhealthy-nodes=true interleave=true"),
                    List.of("pcs resource create health-azure-events ocf:azevents:azure-events-az "
                            + "op start start-delay=60s op monitor interval=10s meta failure-timeout=120s "
                            + "clone health-azure-events-cln allow-unhealthy-nodes=true interleave=true")));
            return;
        }
        if (agents.size() > 1) {
            out.add(Finding.error("two-agents", "more than one scheduled-events agent is configured ("
                    + agents.stream().map(a -> a.getAttribute("id") + " (" + a.getAttribute("type") + ")").toList()
                    + "); they would fight over the nodes", List.of("crm configure delete <the older one>"),
                    List.of("pcs resource delete <the older one>")));
        }
        for (Element a : agents) {
            String id = a.getAttribute("id");
            Map<String, String> params = Cib.nvpairs(a, "instance_attributes");
            checkEventTypes(id, params.get(AgentConfig.EVENT_TYPES), out);
            Optional<Element> clone = Cib.cloneOf(a);
            if (clone.isEmpty()) {
                out.add(Finding.error("agent-not-cloned", id + " is not a clone: it must run on every node",
                        List.of("crm configure clone " + id + "-cln " + id + " meta allow-unhealthy-nodes=true interleave=true"),
                        List.of("pcs resource clone " + id + " allow-unhealthy-nodes=true interleave=true")));
            } else {
                String cloneId = clone.get().getAttribute("id");
                Map<String, String> meta = Cib.nvpairs(clone.get(), "meta_attributes");
                if (strategy.equals("az-health") && !isTrue(meta.get("allow-unhealthy-nodes"))) {
                    out.add(Finding.error("allow-unhealthy-nodes",
                            "clone " + cloneId + " lacks allow-unhealthy-nodes=true: the agent would be stopped on "
                                    + "the node it drains and could not bring it back",
                            List.of("crm resource meta " + cloneId + " set allow-unhealthy-nodes true"),
                            List.of("pcs resource meta " + cloneId + " allow-unhealthy-nodes=true")));
                }
                if (!isTrue(meta.get("interleave"))) {
                    out.add(Finding.warning("interleave", "clone " + cloneId + " lacks interleave=true",
                            List.of("crm resource meta " + cloneId + " set interleave true"),
                            List.of("pcs resource meta " + cloneId + " interleave=true")));
                }
            }
            checkOperations(a, out);
        }
    }

    private static void checkEventTypes(String id, String raw, List<Finding> out) {
        if (raw == null) {
            return;
        }
        for (String part : raw.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!EventType.of(t).isKnown()) {
                out.add(Finding.error("event-types", id + ": eventTypes names an unknown type '" + t + "'; known: "
                        + EventType.KNOWN, List.of("crm resource param " + id + " set eventTypes Reboot,Redeploy"),
                        List.of("pcs resource update " + id + " eventTypes=Reboot,Redeploy")));
            } else if (EventType.of(t).equals(EventType.FREEZE)) {
                out.add(new Finding(Finding.Severity.INFO, "freeze", id + ": eventTypes includes Freeze: a pause "
                        + "of a few seconds will cause a full failover; the documented advice is to leave it out",
                        List.of("crm resource param " + id + " set eventTypes Reboot,Redeploy"),
                        List.of("pcs resource update " + id + " eventTypes=Reboot,Redeploy")));
            }
        }
    }

    private static void checkOperations(Element agent, List<Finding> out) {
        String id = agent.getAttribute("id");
        Optional<Element> monitor = Optional.empty();
        Optional<Element> start = Optional.empty();
        for (Element ops : Cib.children(agent, "operations")) {
            for (Element op : Cib.children(ops, "op")) {
                if (op.getAttribute("name").equals("monitor")) {
                    monitor = Optional.of(op);
                } else if (op.getAttribute("name").equals("start")) {
                    start = Optional.of(op);
                }
            }
        }
        if (monitor.isEmpty()) {
            out.add(Finding.error("monitor-op", id + " has no monitor operation: events would never be seen",
                    List.of("crm configure edit " + id + "   # add: op monitor interval=10s"),
                    List.of("pcs resource op add " + id + " monitor interval=10s")));
        } else {
            OptionalLong interval = seconds(monitor.get().getAttribute("interval"));
            if (interval.isEmpty() || interval.getAsLong() > 10) {
                out.add(Finding.warning("monitor-interval", id + ": monitor interval is "
                        + monitor.get().getAttribute("interval") + "; 10s is recommended (a Preempt gives 30 s notice)",
                        List.of("crm configure edit " + id + "   # op monitor interval=10s"),
                        List.of("pcs resource update " + id + " op monitor interval=10s")));
            }
            OptionalLong timeout = seconds(monitor.get().getAttribute("timeout"));
            if (timeout.isPresent() && timeout.getAsLong() < 20) {
                out.add(Finding.warning("monitor-timeout", id + ": monitor timeout " + timeout.getAsLong()
                        + "s leaves IMDS retries no room; use at least 20s",
                        List.of("crm configure edit " + id + "   # op monitor interval=10s timeout=60s"),
                        List.of("pcs resource update " + id + " op monitor interval=10s timeout=60s")));
            }
        }
        if (start.isEmpty() || start.get().getAttribute("start-delay").isEmpty()) {
            out.add(Finding.info("start-delay", id + ": no start-delay on start; the documentation uses "
                    + "start-delay=60s so a rebooted node settles before the agent acts"));
        }
        Map<String, String> meta = Cib.nvpairs(agent, "meta_attributes");
        if (!meta.containsKey("failure-timeout")) {
            out.add(Finding.warning("failure-timeout", id + " has no failure-timeout: one failed monitor would "
                    + "stay counted until someone cleans it up",
                    List.of("crm resource meta " + id + " set failure-timeout 120s"),
                    List.of("pcs resource meta " + id + " failure-timeout=120s")));
        }
    }

    private static void checkHealthStrategy(Map<String, String> props, List<Finding> out) {
        String s = props.get("node-health-strategy");
        if (!"custom".equals(s)) {
            out.add(Finding.error("node-health-strategy", "node-health-strategy is "
                    + (s == null ? "not set" : "'" + s + "'") + "; az-health needs custom",
                    List.of("crm configure property node-health-strategy=custom"),
                    List.of("pcs property set node-health-strategy=custom")));
        }
    }

    /** Checks the health location rule; returns the exclusion pattern it uses, if there is one. */
    private static Optional<Pattern> checkLocationRule(Cib cib, List<Finding> out) {
        for (Element loc : cib.locations()) {
            for (Element rule : Cib.children(loc, "rule")) {
                if (!HEALTH.equals(rule.getAttribute("score-attribute"))) {
                    continue;
                }
                boolean definedUname = Cib.children(rule, "expression").stream().anyMatch(e ->
                        "#uname".equals(e.getAttribute("attribute")) && "defined".equals(e.getAttribute("operation")));
                if (!definedUname) {
                    out.add(Finding.warning("location-rule-expression", "location " + loc.getAttribute("id")
                            + " scores #health-azure but not with the expression 'defined #uname'", List.of(), List.of()));
                }
                String pattern = loc.getAttribute("rsc-pattern");
                if (!pattern.startsWith("!")) {
                    out.add(Finding.error("location-rule-pattern", "location " + loc.getAttribute("id")
                            + " has rsc-pattern '" + pattern + "'; it must exclude the agent, e.g. '!health-.*'",
                            List.of("crm configure delete " + loc.getAttribute("id"), locationCrmsh()),
                            List.of("pcs constraint remove " + loc.getAttribute("id"), locationPcs())));
                    return Optional.empty();
                }
                try {
                    return Optional.of(Pattern.compile(pattern.substring(1)));
                } catch (PatternSyntaxException e) {
                    out.add(Finding.error("location-rule-pattern", "location " + loc.getAttribute("id")
                            + " has an invalid rsc-pattern: " + e.getDescription(), List.of(locationCrmsh()),
                            List.of(locationPcs())));
                    return Optional.empty();
                }
            }
        }
        out.add(Finding.error("location-rule", "no location rule scores resources by #health-azure: draining "
                + "a node would not move the resources", List.of(locationCrmsh()), List.of(locationPcs())));
        return Optional.empty();
    }

    private static String locationCrmsh() {
        return "crm configure location loc_azure_health /'!health-.*'/ rule '#health-azure': defined '#uname'";
    }

    private static String locationPcs() {
        return "pcs constraint location 'regexp%!health-.*' rule score-attribute='#health-azure' defined '#uname'";
    }

    private static void checkAgentExcluded(Element agent, Optional<Pattern> exclusion, List<Finding> out) {
        String id = agent.getAttribute("id");
        if (exclusion.isPresent() && !exclusion.get().matcher(id).matches()) {
            out.add(Finding.error("agent-not-excluded", "the agent's resource " + id + " does not match the "
                    + "location rule's exclusion '" + exclusion.get() + "': draining a node would stop the agent there",
                    List.of("crm configure rename " + id + " health-" + id), List.of("pcs resource delete " + id
                            + "   # and create it again as health-" + id)));
        }
    }

    private static void checkHealthAttributes(Map<String, Map<String, String>> nodes,
                                              Map<String, Map<String, String>> transients, List<Finding> out) {
        for (Map.Entry<String, Map<String, String>> n : nodes.entrySet()) {
            String node = n.getKey();
            String value = transients.getOrDefault(node, Map.of()).getOrDefault(HEALTH, n.getValue().get(HEALTH));
            if (value == null) {
                out.add(Finding.error("health-missing", "node " + node + " has no #health-azure: the location rule "
                        + "gives it -INFINITY and no resource can run there",
                        List.of("crm_attribute --node " + node + " --name '#health-azure' --update 0"),
                        List.of("pcs node attribute " + node + " '#health-azure=0'")));
                continue;
            }
            OptionalLong score = ClusterNode.parseScore(value);
            String state = n.getValue().getOrDefault("azure-events-az_curNodeState", "AVAILABLE");
            if (score.isPresent() && score.getAsLong() < 0 && state.equals("AVAILABLE")
                    && n.getValue().getOrDefault("azure-events-az_pendingEventIDs", "").isEmpty()) {
                out.add(Finding.warning("health-held", "node " + node + " has #health-azure=" + value
                        + " but no event is being handled: someone else set it, and the agent will leave it",
                        List.of("crm_attribute --node " + node + " --name '#health-azure' --update 0"),
                        List.of("pcs node attribute " + node + " '#health-azure=0'")));
            }
        }
    }

    private static void checkStandby(Map<String, Map<String, String>> nodes, String strategy, List<Finding> out) {
        for (Map.Entry<String, Map<String, String>> n : nodes.entrySet()) {
            String standby = n.getValue().get("standby");
            if (isTrue(standby)) {
                String prefix = strategy.equals("az-health") ? "azure-events-az_" : "azure-events_";
                String state = n.getValue().getOrDefault(prefix + "curNodeState", "AVAILABLE");
                if (state.equals("AVAILABLE")) {
                    out.add(Finding.warning("stray-standby", "node " + n.getKey() + " is in standby while no event "
                            + "is being handled (an administrator's, or a leftover of azure-events); azevents leaves it",
                            List.of("crm node online " + n.getKey()), List.of("pcs node unstandby " + n.getKey())));
                }
            }
        }
    }

    private static boolean isTrue(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1", "y" -> true;
            default -> false;
        };
    }

    /** Pacemaker's interval syntax: "10", "10s", "2min", "1h", "500ms"; empty if unparsable. */
    static OptionalLong seconds(String raw) {
        if (raw == null || raw.isBlank()) {
            return OptionalLong.empty();
        }
        java.util.regex.Matcher m = Pattern.compile("\\s*(\\d+)\\s*(ms|msec|s|sec|m|min|h|hr)?\\s*").matcher(raw);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return OptionalLong.of(switch (unit) {
            case "ms", "msec" -> n / 1000;
            case "m", "min" -> n * 60;
            case "h", "hr" -> n * 3600;
            default -> n;
        });
    }
}
