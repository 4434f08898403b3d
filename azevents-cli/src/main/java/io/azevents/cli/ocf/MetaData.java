package io.azevents.cli.ocf;

import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.history.HistoryFiles;
import io.azevents.core.AgentConfig;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.core.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCF meta-data of the two agents: the upstream parameters with their upstream defaults, then
 * azevents' own, then each strategy's (so switching {@code strategy} needs no other agent).
 * Validates against {@code ra-api-1.dtd}.
 */
final class MetaData {
    static final String OUTAGE_TOLERANCE = EnvConfig.OUTAGE_TOLERANCE;
    static final String IMDS_URL = EnvConfig.IMDS_URL;

    private MetaData() {
    }

    /** The common parameters, the upstream ones first. */
    static List<ParameterSpec> common(String defaultStrategy, Strategies strategies) {
        return List.of(
                new ParameterSpec(AgentConfig.EVENT_TYPES, "string", AgentConfig.DEFAULT_EVENT_TYPES,
                        "Event types that drain a node",
                        "Comma-separated Scheduled Event types the agent acts on: any of Freeze, Reboot, Redeploy, "
                                + "Preempt, Terminate. Freeze is usually left out: it pauses a VM for seconds."),
                new ParameterSpec(AgentConfig.VERBOSE, "boolean", "false", "Log details",
                        "Log every step of a cycle, not only its decisions."),
                new ParameterSpec(AgentConfig.RETRY_COUNT, "integer", "3", "IMDS retries",
                        "How many times a failed IMDS request is retried (429, 410, 5xx, connection errors)."),
                new ParameterSpec(AgentConfig.RETRY_WAIT, "integer", "20", "Seconds between IMDS retries",
                        "The base wait between retries, in seconds; a Retry-After from Azure takes precedence. "
                                + "Retries never run past the operation's timeout."),
                new ParameterSpec(AgentConfig.REQUEST_TIMEOUT, "integer", "15", "IMDS request timeout (s)",
                        "Timeout of one IMDS request, in seconds."),
                new ParameterSpec(AgentConfig.STRATEGY, "string", defaultStrategy, "Drain strategy",
                        "How nodes are drained: " + strategyList(strategies) + "."),
                new ParameterSpec(OUTAGE_TOLERANCE, "integer", "300", "Tolerated IMDS outage (s)",
                        "For how many seconds failing cycles (IMDS unreachable, cluster commands failing) are only "
                                + "logged; after that the monitor fails so the cluster shows the problem."),
                new ParameterSpec(Resident.MODE, "string", Resident.DEFAULT_MODE, "resident or stateless",
                        "resident (the default): start launches a poller that reads IMDS every poll_interval "
                                + "seconds and acts within seconds; it reads the cluster only when something may have "
                                + "changed (at least once a minute), and monitor only checks its heartbeat, starting no "
                                + "process. stateless: each monitor is one full cycle in a fresh process, so the agent "
                                + "reacts once per monitor interval. An instance keeps the mode it was started in until "
                                + "its next start."),
                new ParameterSpec(Resident.POLL_INTERVAL, "integer", "1", "Resident poll interval (s)",
                        "In resident mode, seconds between IMDS reads (Azure recommends 1)."),
                new ParameterSpec(Resident.RECONCILE_INTERVAL, "integer", "60", "Resident cluster re-read (s)",
                        "In resident mode, the longest time between two reads of the cluster while nothing happens "
                                + "(no event, the node available, the last cycle idle). Any change in the Scheduled "
                                + "Events document, and every poll during an event, reads the cluster at once."),
                new ParameterSpec(Operations.OBSERVE_ONLY, "boolean", "false", "Shadow mode: decide, do nothing",
                        "Read IMDS and the cluster and decide as usual, but write nothing to the cluster and approve "
                                + "nothing: the node's history (azevents history) records what the agent would have "
                                + "done, and azevents history --compare shows where that differs from what the cluster "
                                + "did. For running beside another agent before a switch."),
                new ParameterSpec(Operations.METRICS_TEXTFILE_DIR, "string", "", "node_exporter textfile directory",
                        "An absolute directory (node_exporter's --collector.textfile.directory) where the agent "
                                + "keeps azevents.prom, this node's metrics (see azevents metrics), replaced "
                                + "atomically when a counter changes and at least once a minute. Empty: none."),
                new ParameterSpec(HistoryFiles.PARAMETER, "string", HistoryFiles.DEFAULT_DIR, "History directory",
                        "An absolute directory where the agent keeps this node's history and counters (owner-only "
                                + "files, a few hundred KiB at most). Keep it on persistent storage."),
                new ParameterSpec(IMDS_URL, "string", "http://169.254.169.254", "IMDS address (tests only)",
                        "Base URL of the Instance Metadata Service. Only 169.254.169.254 or a loopback address is "
                                + "accepted; change it only to point the agent at the azevents IMDS simulator."));
    }

    static String render(String agentName, String defaultStrategy, Strategies strategies) {
        List<ParameterSpec> params = new ArrayList<>(common(defaultStrategy, strategies));
        for (String name : strategies.names()) {
            NodeDrainStrategyProvider p = strategies.provider(name);
            for (ParameterSpec s : p.parameters()) {
                if (params.stream().noneMatch(x -> x.name().equals(s.name()))) {
                    params.add(new ParameterSpec(s.name(), s.type(), s.defaultValue(), s.shortDesc(),
                            "(" + name + ") " + s.longDesc()));
                }
            }
        }
        StringBuilder b = new StringBuilder(4096);
        b.append("<?xml version=\"1.0\"?>\n<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n");
        b.append("<resource-agent name=\"").append(agentName).append("\" version=\"1.0\">\n");
        b.append("<version>1.0</version>\n");
        b.append("<longdesc lang=\"en\">").append(esc(longDesc(agentName, defaultStrategy))).append("</longdesc>\n");
        b.append("<shortdesc lang=\"en\">Azure Scheduled Events monitor (azevents, ").append(defaultStrategy)
                .append(")</shortdesc>\n<parameters>\n");
        for (ParameterSpec p : params) {
            b.append("<parameter name=\"").append(p.name()).append("\" unique=\"0\" required=\"0\">\n")
                    .append("<longdesc lang=\"en\">").append(esc(p.longDesc())).append("</longdesc>\n")
                    .append("<shortdesc lang=\"en\">").append(esc(p.shortDesc())).append("</shortdesc>\n")
                    .append("<content type=\"").append(p.type()).append("\" default=\"").append(esc(p.defaultValue()))
                    .append("\"/>\n</parameter>\n");
        }
        b.append("</parameters>\n<actions>\n")
                .append("<action name=\"start\" timeout=\"60s\"/>\n")
                .append("<action name=\"stop\" timeout=\"20s\"/>\n")
                .append("<action name=\"monitor\" timeout=\"60s\" interval=\"10s\" depth=\"0\"/>\n")
                .append("<action name=\"validate-all\" timeout=\"30s\"/>\n")
                .append("<action name=\"meta-data\" timeout=\"5s\"/>\n")
                .append("</actions>\n</resource-agent>\n");
        return b.toString();
    }

    /** Each strategy found with its provider's short description: "a (..), b (..) or c (..)". */
    private static String strategyList(Strategies strategies) {
        List<String> each = new ArrayList<>();
        for (String name : strategies.names()) {
            each.add(name + " (" + strategies.provider(name).shortDescription() + ")");
        }
        if (each.size() < 2) {
            return String.join("", each);
        }
        return String.join(", ", each.subList(0, each.size() - 1)) + " or " + each.get(each.size() - 1);
    }

    private static String longDesc(String agentName, String strategy) {
        return "Polls the Azure Instance Metadata Service for Scheduled Events and moves the cluster's resources "
                + "off a node before its event starts, approves the event once the node is empty, and brings the "
                + "node back when it is over. Run it as a clone on every node. This is azevents' " + agentName
                + ", a drop-in replacement for the Python agent of the same name: the same parameters and cluster "
                + "attributes, strategy " + strategy + " by default. A monitor of a stopped instance reports "
                + "not running. See 'azevents check' for the recommended configuration.";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
