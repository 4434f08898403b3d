package io.azevents.pacemaker.admin;

import io.azevents.pacemaker.internal.Cib;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan of {@link Migration.Kind#LEGACY_TO_HEALTH}: from azevents' {@code azure-events}
 * (standby) to {@code azure-events-az} (node health), as the reference article gives the steps.
 * Stateless.
 */
final class LegacyToHealth {
    private static final Map<String, String> DEFAULTS = java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(Map.of("eventTypes", "Reboot,Redeploy", "verbose", "false", "retry_count", "3",
                    "retry_wait", "20", "request_timeout", "15")));
    private static final List<String> CARRIED = List.of("eventTypes", "verbose", "retry_count", "retry_wait",
            "request_timeout");

    private LegacyToHealth() {
    }

    static Migration.Plan plan(Cib cib, List<AgentResource> legacy, String provider, Shell shell) {
        boolean pcs = shell == Shell.PCS;
        List<Migration.Step> steps = new ArrayList<>();
        steps.add(Migration.maintenance(shell, true));
        Map<String, String> params = legacy.get(0).parameters();
        for (AgentResource a : legacy) {
            // Deleting the primitive removes its clone with it; deleting the clone alone would leave the
            // primitive behind, running on one node.
            String what = a.cloneId().map(c -> "the azure-events resource " + a.id() + " and its clone " + c)
                    .orElse("the azure-events resource " + a.id());
            steps.add(new Migration.Step("remove " + what, pcs
                    ? List.of("pcs", "resource", "delete", "--force", a.id())
                    : List.of("crm", "configure", "delete", "--force", a.id()), false));
        }
        if (cib.properties().containsKey(ConfigurationCheck.PULL_STATE)) {
            steps.add(new Migration.Step("remove the legacy pull lock", List.of("crm_attribute", "--type", "crm_config",
                    "--name", ConfigurationCheck.PULL_STATE, "--delete"), false));
        }
        for (Map.Entry<String, Map<String, String>> n : cib.nodeAttributes().entrySet()) {
            if (n.getValue().containsKey("standby")) {
                steps.add(new Migration.Step("optional: drop the standby attribute the old agent managed on " + n.getKey(),
                        List.of("crm_attribute", "--node", n.getKey(), "--name", "standby", "--delete"), true));
            }
        }
        steps.add(new Migration.Step("let node health move resources", pcs
                ? List.of("pcs", "property", "set", "node-health-strategy=custom")
                : List.of("crm", "configure", "property", "node-health-strategy=custom"), false));
        steps.add(new Migration.Step("keep every resource but the agent off an unhealthy node", pcs
                ? List.of("pcs", "constraint", "location", "regexp%!health-.*", "rule", "constraint-id=loc_azure_health",
                        "score-attribute=#health-azure", "defined", "#uname")
                : List.of("crm", "configure", "location", "loc_azure_health", "/!health-.*/", "rule", "#health-azure:",
                        "defined", "#uname"), false));
        for (String node : cib.nodeAttributes().keySet()) {
            steps.add(new Migration.Step("initialise #health-azure on " + node + " (without it nothing runs there)", pcs
                    ? List.of("pcs", "node", "attribute", node, "#health-azure=0")
                    : List.of("crm_attribute", "--node", node, "--name", "#health-azure", "--update", "0"), false));
        }
        String agent = "ocf:" + provider + ":" + ConfigurationCheck.AZ_AGENT_TYPE;
        List<String> create = new ArrayList<>(pcs
                ? List.of("pcs", "resource", "create", "health-azure-events", agent)
                : List.of("crm", "configure", "primitive", "health-azure-events", agent, "params"));
        for (String key : CARRIED) {
            create.add(key + "=" + params.getOrDefault(key, DEFAULTS.get(key)));
        }
        create.addAll(List.of("op", "start", "start-delay=60s", "op", "monitor", "interval=10s",
                "meta", "failure-timeout=120s"));
        if (pcs) {
            create.addAll(List.of("clone", "health-azure-events-cln", "allow-unhealthy-nodes=true", "interleave=true"));
            steps.add(new Migration.Step("create the azure-events-az agent (parameters carried over), on every node, "
                    + "also on an unhealthy one", create, false));
        } else {
            steps.add(new Migration.Step("create the azure-events-az agent (parameters carried over)", create, false));
            steps.add(new Migration.Step("run it on every node, also on an unhealthy one", List.of("crm", "configure",
                    "clone", "health-azure-events-cln", "health-azure-events", "meta", "allow-unhealthy-nodes=true",
                    "interleave=true"), false));
        }
        steps.add(Migration.maintenance(shell, false));
        return new Migration.Plan(Migration.Kind.LEGACY_TO_HEALTH, shell, steps, List.of());
    }
}
