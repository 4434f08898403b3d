package io.azevents.pacemaker.admin;

import io.azevents.core.ClusterNode;
import io.azevents.core.Pacemaker;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.pacemaker.internal.Cib;
import io.azevents.pacemaker.internal.CibReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Holds a cluster's configuration against the documented best practice for a strategy
 * ({@code azevents check}; {@code validate-all} runs its errors). Each {@link Finding} names the
 * problem and the crmsh and pcs commands that fix it, with this cluster's names filled in. Pure:
 * CIB text in, findings out; stateless and thread-safe.
 */
public final class ConfigurationCheck {
    /** The node-health attribute through which {@code azure-events-az} drains a node. */
    public static final String HEALTH = "#health-azure";
    /** The OCF type of the agent that drains with node health; its strategy gets the health rules. */
    public static final String AZ_AGENT_TYPE = "azure-events-az";
    /** The cluster property of the {@code azure-events} agent's pull lock. */
    public static final String PULL_STATE = "azure-events_globalPullState";

    private ConfigurationCheck() {
    }

    /**
     * The names of the nodes in {@code cibXml}'s configuration, in document order.
     *
     * @param cibXml the CIB as XML text
     * @return the names, without repeats or empty ones; empty if the configuration lists no node
     * @throws io.azevents.core.ClusterStoreException if the text is not a CIB
     */
    public static List<String> nodeNames(String cibXml) {
        return CibReader.read(cibXml).nodes().stream().map(Cib.ConfigNode::name).filter(n -> !n.isEmpty())
                .distinct().toList();
    }

    /**
     * {@link #run(String, Optional, Strategies)} with the strategies on the class path.
     *
     * @param cibXml   the CIB as XML text
     * @param strategy the strategy to check for; empty to take the configured agent's
     * @return the findings, errors among them; empty if nothing is worth saying
     * @throws io.azevents.core.ClusterStoreException if the text is not a CIB
     */
    public static List<Finding> run(String cibXml, Optional<String> strategy) {
        return run(cibXml, strategy, Strategies.discover());
    }

    /**
     * Every finding for {@code strategy}; when empty, the strategy of the first agent in the CIB, or
     * the one that drains with node health when no agent is configured.
     *
     * @param cibXml     the CIB as XML text
     * @param strategy   the strategy to check for; empty to take the configured agent's
     * @param strategies the strategies known, to find agents and the strategies' attribute prefixes
     * @return the findings, errors among them; empty if nothing is worth saying
     * @throws io.azevents.core.ClusterStoreException if the text is not a CIB
     */
    public static List<Finding> run(String cibXml, Optional<String> strategy, Strategies strategies) {
        Objects.requireNonNull(strategy, "strategy");
        Cib cib = CibReader.read(cibXml);
        List<AgentResource> agents = AgentResource.in(cib, strategies);
        String healthStrategy = strategies.forOcfAgentType(AZ_AGENT_TYPE).map(NodeDrainStrategyProvider::name)
                .orElse(AZ_AGENT_TYPE);
        String chosen = strategy.orElseGet(() -> agents.isEmpty() ? healthStrategy : agents.get(0).strategy());
        boolean health = chosen.equals(healthStrategy);
        String prefix = strategies.names().contains(chosen)
                ? strategies.provider(chosen).ocfAgentType().orElse(AZ_AGENT_TYPE) + "_" : AZ_AGENT_TYPE + "_";
        Map<String, String> props = cib.properties();
        Map<String, Map<String, String>> nodes = cib.nodeAttributes();
        List<Finding> out = new ArrayList<>();

        AgentChecks.run(cib, agents, health, out);
        if (health) {
            checkHealthStrategy(props, out);
            Optional<Pattern> exclusion = checkLocationRule(cib, out);
            agents.forEach(a -> checkAgentExcluded(a, exclusion, out));
            checkHealthAttributes(cib, nodes, prefix, out);
            if (props.containsKey(PULL_STATE)) {
                out.add(Finding.warning("leftover-pull-state",
                        "cluster property " + PULL_STATE + " is a leftover of the azure-events agent",
                        List.of("crm_attribute --type crm_config --name " + PULL_STATE + " --delete"),
                        List.of("crm_attribute --type crm_config --name " + PULL_STATE + " --delete")));
            }
        } else if ("PULLING".equals(props.get(PULL_STATE))) {
            out.add(Finding.warning("pull-state-stuck",
                    PULL_STATE + " is PULLING; azevents treats it as a lease and takes over "
                            + "once it expires, the Python agent would wait forever",
                    List.of("crm_attribute --type crm_config --name " + PULL_STATE + " --update IDLE"),
                    List.of("pcs property set " + PULL_STATE + "=IDLE --force")));
        }
        checkStandby(nodes, prefix, out);
        return List.copyOf(out);
    }

    private static void checkHealthStrategy(Map<String, String> props, List<Finding> out) {
        String s = props.get("node-health-strategy");
        if (!"custom".equals(s)) {
            out.add(Finding.error("node-health-strategy", "node-health-strategy is "
                    + (s == null ? "not set" : "'" + s + "'") + "; the health strategy needs custom",
                    List.of(SetupCommands.CRMSH_HEALTH_STRATEGY), List.of(SetupCommands.PCS_HEALTH_STRATEGY)));
        }
    }

    /** Checks the health location rule; returns the exclusion pattern it uses, if there is one. */
    private static Optional<Pattern> checkLocationRule(Cib cib, List<Finding> out) {
        for (Cib.Location loc : cib.locations()) {
            for (Cib.Rule rule : loc.rules()) {
                if (!HEALTH.equals(rule.scoreAttribute())) {
                    continue;
                }
                boolean definedUname = rule.expressions().stream().anyMatch(e ->
                        "#uname".equals(e.attribute()) && "defined".equals(e.operation()));
                if (!definedUname) {
                    out.add(Finding.warning("location-rule-expression", "location " + loc.id()
                            + " scores #health-azure but not with the expression 'defined #uname'", List.of(), List.of()));
                }
                String pattern = loc.rscPattern();
                if (!pattern.startsWith("!")) {
                    out.add(Finding.error("location-rule-pattern", "location " + loc.id() + " has rsc-pattern '"
                            + pattern + "'; it must exclude the agent, e.g. '!health-.*'",
                            List.of("crm configure delete " + loc.id(), SetupCommands.CRMSH_LOCATION),
                            List.of("pcs constraint remove " + loc.id(), SetupCommands.PCS_LOCATION)));
                    return Optional.empty();
                }
                try {
                    return Optional.of(Pattern.compile(pattern.substring(1)));
                } catch (PatternSyntaxException e) {
                    out.add(Finding.error("location-rule-pattern", "location " + loc.id()
                            + " has an invalid rsc-pattern: " + e.getDescription(),
                            List.of(SetupCommands.CRMSH_LOCATION), List.of(SetupCommands.PCS_LOCATION)));
                    return Optional.empty();
                }
            }
        }
        out.add(Finding.error("location-rule", "no location rule scores resources by #health-azure: draining "
                + "a node would not move the resources",
                List.of(SetupCommands.CRMSH_LOCATION), List.of(SetupCommands.PCS_LOCATION)));
        return Optional.empty();
    }

    private static void checkAgentExcluded(AgentResource agent, Optional<Pattern> exclusion, List<Finding> out) {
        String id = agent.id();
        if (exclusion.isPresent() && !exclusion.get().matcher(id).matches()) {
            out.add(Finding.error("agent-not-excluded", "the agent's resource " + id + " does not match the "
                    + "location rule's exclusion '" + exclusion.get() + "': draining a node would stop the agent there",
                    List.of("crm configure rename " + id + " health-" + id),
                    List.of("pcs resource delete " + id + "   # and create it again as health-" + id)));
        }
    }

    private static void checkHealthAttributes(Cib cib, Map<String, Map<String, String>> nodes, String prefix,
                                              List<Finding> out) {
        for (Cib.ConfigNode n : cib.nodes()) {
            String node = n.name().isEmpty() ? n.id() : n.name();
            Map<String, String> permanent = nodes.getOrDefault(node, Map.of());
            String value = cib.state(n.id(), node).map(s -> s.transientAttributes().get(HEALTH))
                    .orElse(null);
            value = value != null ? value : permanent.get(HEALTH);
            if (value == null) {
                out.add(Finding.error("health-missing", "node " + node + " has no #health-azure: the location rule "
                        + "gives it -INFINITY and no resource can run there",
                        List.of(SetupCommands.crmshHealth(node)), List.of(SetupCommands.pcsHealth(node))));
                continue;
            }
            OptionalLong score = ClusterNode.parseScore(value);
            String state = permanent.getOrDefault(prefix + "curNodeState", "AVAILABLE");
            if (score.isPresent() && score.getAsLong() < 0 && state.equals("AVAILABLE")
                    && permanent.getOrDefault(prefix + "pendingEventIDs", "").isEmpty()) {
                out.add(Finding.warning("health-held", "node " + node + " has #health-azure=" + value
                        + " but no event is being handled: someone else set it, and the agent will leave it",
                        List.of(SetupCommands.crmshHealth(node)), List.of(SetupCommands.pcsHealth(node))));
            }
        }
    }

    private static void checkStandby(Map<String, Map<String, String>> nodes, String prefix, List<Finding> out) {
        for (Map.Entry<String, Map<String, String>> n : nodes.entrySet()) {
            if (Pacemaker.isTrue(n.getValue().get(Pacemaker.STANDBY))
                    && n.getValue().getOrDefault(prefix + "curNodeState", "AVAILABLE").equals("AVAILABLE")) {
                out.add(Finding.warning("stray-standby", "node " + n.getKey() + " is in standby while no event "
                        + "is being handled (an administrator's, or a leftover of azure-events); azevents leaves it",
                        List.of("crm_attribute --node " + n.getKey() + " --name standby --update off"), List.of("pcs node unstandby " + n.getKey())));
            }
        }
    }

    /** Pacemaker's interval syntax: "10", "10s", "2min", "1h", "500ms"; empty if unparsable. */
    static OptionalLong seconds(String raw) {
        if (raw == null || raw.isBlank()) {
            return OptionalLong.empty();
        }
        Matcher m = Pattern.compile("\\s*(\\d+)\\s*(ms|msec|s|sec|m|min|h|hr)?\\s*").matcher(raw);
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
