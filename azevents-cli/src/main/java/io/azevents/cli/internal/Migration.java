package io.azevents.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code azevents migrate}: the steps from {@code azure-events} to {@code azure-events-az}, as the
 * reference article gives them, with this cluster's names filled in. Each step is an argument vector
 * (never a shell line); the text form quotes it for a shell.
 */
public final class Migration {
    public record Step(String why, List<String> argv, boolean optional) {
        public Step {
            argv = List.copyOf(argv);
        }

        public String shell() {
            StringBuilder b = new StringBuilder();
            for (String a : argv) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(a.matches("[A-Za-z0-9_=.,:/@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
            }
            return b.toString();
        }
    }

    private Migration() {
    }

    /** The steps for the cluster in {@code cibXml}; maintenance-mode steps first and last. */
    public static List<Step> plan(String cibXml, String provider) {
        Cib cib = Cib.parse(cibXml);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("put the cluster in maintenance mode", List.of("crm", "configure", "property",
                "maintenance-mode=true"), false));
        Map<String, String> params = Map.of();
        for (Element p : ConfigurationCheck.agents(cib)) {
            if (!p.getAttribute("type").equals("azure-events")) {
                continue;
            }
            params = Cib.nvpairs(p, "instance_attributes");
            // Deleting the primitive removes its clone with it; deleting the clone alone would leave the
            // primitive behind, running on one node.
            String id = p.getAttribute("id");
            String what = Cib.cloneOf(p).map(c -> "the azure-events resource " + id + " and its clone " + c.getAttribute("id"))
                    .orElse("the azure-events resource " + id);
            steps.add(new Step("remove " + what, List.of("crm", "configure", "delete", "--force", id), false));
        }
        if (cib.properties().containsKey("azure-events_globalPullState")) {
            steps.add(new Step("remove the legacy pull lock", List.of("crm_attribute", "--type", "crm_config", "--name",
                    "azure-events_globalPullState", "--delete"), false));
        }
        for (Map.Entry<String, Map<String, String>> n : cib.nodeAttributes().entrySet()) {
            if (n.getValue().containsKey("standby")) {
                steps.add(new Step("optional: drop the standby attribute the old agent managed on " + n.getKey(),
                        List.of("crm_attribute", "--node", n.getKey(), "--name", "standby", "--delete"), true));
            }
        }
        steps.add(new Step("let node health move resources", List.of("crm", "configure", "property",
                "node-health-strategy=custom"), false));
        steps.add(new Step("keep every resource but the agent off an unhealthy node", List.of("crm", "configure",
                "location", "loc_azure_health", "/!health-.*/", "rule", "#health-azure:", "defined", "#uname"), false));
        for (String node : cib.nodeAttributes().keySet()) {
            steps.add(new Step("initialise #health-azure on " + node + " (without it nothing runs there)",
                    List.of("crm_attribute", "--node", node, "--name", "#health-azure", "--update", "0"), false));
        }
        List<String> primitive = new ArrayList<>(List.of("crm", "configure", "primitive", "health-azure-events",
                "ocf:" + provider + ":azure-events-az", "params"));
        for (String key : List.of("eventTypes", "verbose", "retry_count", "retry_wait", "request_timeout")) {
            String def = switch (key) {
                case "eventTypes" -> "Reboot,Redeploy";
                case "verbose" -> "false";
                case "retry_count" -> "3";
                case "retry_wait" -> "20";
                default -> "15";
            };
            primitive.add(key + "=" + params.getOrDefault(key, def));
        }
        primitive.addAll(List.of("op", "start", "start-delay=60s", "op", "monitor", "interval=10s",
                "meta", "failure-timeout=120s"));
        steps.add(new Step("create the azure-events-az agent (parameters carried over)", primitive, false));
        steps.add(new Step("run it on every node, also on an unhealthy one", List.of("crm", "configure", "clone",
                "health-azure-events-cln", "health-azure-events", "meta", "allow-unhealthy-nodes=true",
                "interleave=true"), false));
        steps.add(new Step("leave maintenance mode", List.of("crm", "configure", "property", "maintenance-mode=false"), false));
        return steps;
    }

    /** True if the CIB has {@code maintenance-mode=true}: the guard for {@code --apply}. */
    public static boolean inMaintenance(String cibXml) {
        String v = Cib.parse(cibXml).properties().getOrDefault("maintenance-mode", "false");
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on") || v.equals("1") || v.equalsIgnoreCase("yes");
    }
}
