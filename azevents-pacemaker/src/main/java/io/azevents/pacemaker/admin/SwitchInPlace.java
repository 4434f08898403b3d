package io.azevents.pacemaker.admin;

import io.azevents.core.Pacemaker;
import io.azevents.pacemaker.internal.Cib;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plan of {@link Migration.Kind#SWITCH_IN_PLACE}: the Python agents become ours. Stateless. */
final class SwitchInPlace {
    private SwitchInPlace() {
    }

    static Migration.Plan plan(Cib cib, List<AgentResource> python, String provider, Shell shell) {
        List<Migration.Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        steps.add(Migration.maintenance(shell, true));
        for (AgentResource a : python) {
            boolean health = a.type().equals(ConfigurationCheck.AZ_AGENT_TYPE);
            if (health && a.cloneId().isPresent()) {
                String clone = a.cloneId().get();
                Map<String, String> meta = cib.resource(clone).map(Cib.Resource::meta).orElse(Map.of());
                if (!Pacemaker.isTrue(meta.get("allow-unhealthy-nodes"))) {
                    // Before the switch: pcs checks the agent's meta-data, and the Python one is installed.
                    steps.add(new Migration.Step("let clone " + clone + " run the agent on an unhealthy node too, "
                            + "so a drained node can bring itself back", shell == Shell.PCS
                            ? List.of("pcs", "resource", "meta", clone, "allow-unhealthy-nodes=true")
                            : List.of("crm", "resource", "meta", clone, "set", "allow-unhealthy-nodes", "true"), false));
                }
            }
            String where = a.groupId().map(g -> ", in group " + g).orElse("") + a.cloneId().map(c -> ", in clone " + c)
                    .orElse("");
            steps.add(new Migration.Step("switch " + a.id() + " from " + a.agent() + " to ocf:" + provider + ":"
                    + a.type() + " in place (its id, parameters, meta attributes and operations stay" + where
                    + "); neither crmsh nor pcs can change an agent, Pacemaker's cibadmin changes only the provider",
                    List.of("cibadmin", "--modify", "--scope", "resources", "--xml-text",
                            "<primitive id=\"" + xml(a.id()) + "\" class=\"ocf\" provider=\"" + xml(provider)
                                    + "\" type=\"" + xml(a.type()) + "\"/>"), false));
            notes.add("kept: resource " + a.id() + where + ", parameters " + new TreeMap<>(a.parameters()));
        }
        steps.add(Migration.maintenance(shell, false));
        notes.addAll(keptAttributes(cib, python));
        notes.add("after leaving maintenance mode Pacemaker stops the Python agent and starts azevents in its "
                + "place on every node (the agent changed); nothing else moves");
        return new Migration.Plan(Migration.Kind.SWITCH_IN_PLACE, shell, steps, notes);
    }

    /** The attributes the Python agents wrote that azevents reads as they are. */
    private static List<String> keptAttributes(Cib cib, List<AgentResource> python) {
        List<String> prefixes = python.stream().map(a -> a.type() + "_").distinct().toList();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> n : cib.nodeAttributes().entrySet()) {
            Map<String, String> kept = new TreeMap<>();
            n.getValue().forEach((k, v) -> {
                if (k.equals(ConfigurationCheck.HEALTH) || k.equals("azName") || k.equals(Pacemaker.STANDBY)
                        || prefixes.stream().anyMatch(k::startsWith)) {
                    kept.put(k, v);
                }
            });
            if (!kept.isEmpty()) {
                out.add("kept: node " + n.getKey() + " " + kept);
            }
        }
        Map<String, String> props = new TreeMap<>();
        cib.properties().forEach((k, v) -> {
            if (k.startsWith("hostName_") || prefixes.stream().anyMatch(k::startsWith)) {
                props.put(k, v);
            }
        });
        if (!props.isEmpty()) {
            out.add("kept: cluster properties " + props);
        }
        return out;
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
