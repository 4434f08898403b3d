package io.azevents.pacemaker.admin;

import io.azevents.core.AgentConfig;
import io.azevents.core.EventType;
import io.azevents.core.Pacemaker;
import io.azevents.pacemaker.internal.Cib;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The {@link ConfigurationCheck}'s checks of the agent resources themselves. Stateless. */
final class AgentChecks {
    static final String OUR_PROVIDER = "azevents";

    private AgentChecks() {
    }

    static void run(Cib cib, List<AgentResource> agents, boolean health, List<Finding> out) {
        if (agents.isEmpty()) {
            out.add(Finding.warning("agent-missing", "no azure-events or azure-events-az resource is configured",
                    SetupCommands.crmshAgent(OUR_PROVIDER), SetupCommands.pcsAgent(OUR_PROVIDER)));
            return;
        }
        if (agents.size() > 1) {
            String older = agents.stream().filter(AgentResource::isHeartbeat).map(AgentResource::id).findFirst()
                    .orElse("<the older one>");
            out.add(Finding.error("two-agents", "more than one scheduled-events agent is configured ("
                    + agents.stream().map(a -> a.id() + " (" + a.agent() + ")").toList()
                    + "); they would fight over the nodes", List.of("crm configure delete --force " + older),
                    List.of("pcs resource delete --force " + older)));
        } else if (agents.get(0).isHeartbeat()) {
            AgentResource a = agents.get(0);
            out.add(Finding.warning("heartbeat-agent", a.id() + " runs the Python agent " + a.agent()
                    + "; azevents replaces it in place (same resource id, parameters and node attributes) with "
                    + "ocf:" + OUR_PROVIDER + ":" + a.type(),
                    SetupCommands.migrate(Shell.CRMSH), SetupCommands.migrate(Shell.PCS)));
        }
        for (AgentResource a : agents) {
            Cib.Resource r = cib.resource(a.id()).orElseThrow();
            checkEventTypes(a.id(), a.parameters().get(AgentConfig.EVENT_TYPES), out);
            if (a.cloneId().isEmpty()) {
                String holder = a.groupId().orElse(a.id());
                out.add(Finding.error("agent-not-cloned", a.id() + " is not in a clone: it must run on every node",
                        List.of("crm configure clone " + holder + "-cln " + holder
                                + " meta allow-unhealthy-nodes=true interleave=true"),
                        List.of("pcs resource clone " + holder + " allow-unhealthy-nodes=true interleave=true")));
            } else {
                String cloneId = a.cloneId().get();
                Map<String, String> meta = cib.resource(cloneId).map(Cib.Resource::meta).orElse(Map.of());
                if (health && !Pacemaker.isTrue(meta.get("allow-unhealthy-nodes"))) {
                    out.add(Finding.error("allow-unhealthy-nodes",
                            "clone " + cloneId + " lacks allow-unhealthy-nodes=true: the agent would be stopped on "
                                    + "the node it drains and could not bring it back",
                            List.of("crm resource meta " + cloneId + " set allow-unhealthy-nodes true"),
                            List.of("pcs resource meta " + cloneId + " allow-unhealthy-nodes=true")));
                }
                if (!Pacemaker.isTrue(meta.get("interleave"))) {
                    out.add(Finding.warning("interleave", "clone " + cloneId + " lacks interleave=true",
                            List.of("crm resource meta " + cloneId + " set interleave true"),
                            List.of("pcs resource meta " + cloneId + " interleave=true")));
                }
            }
            checkOperations(cib, r, out);
        }
    }

    private static void checkEventTypes(String id, String raw, List<Finding> out) {
        if (raw == null) {
            return;
        }
        List<String> crmsh = List.of("crm resource param " + id + " set eventTypes Reboot,Redeploy");
        List<String> pcs = List.of("pcs resource update " + id + " eventTypes=Reboot,Redeploy");
        for (String part : raw.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!EventType.of(t).isKnown()) {
                out.add(Finding.error("event-types", id + ": eventTypes names an unknown type '" + t + "'; known: "
                        + EventType.KNOWN, crmsh, pcs));
            } else if (EventType.of(t).equals(EventType.FREEZE)) {
                out.add(new Finding(Finding.Severity.INFO, "freeze", id + ": eventTypes includes Freeze: a pause "
                        + "of a few seconds will cause a full failover; the documented advice is to leave it out",
                        crmsh, pcs));
            }
        }
    }

    private static void checkOperations(Cib cib, Cib.Resource agent, List<Finding> out) {
        String id = agent.id();
        Optional<Cib.Op> monitor = agent.operations().stream().filter(o -> o.name().equals("monitor")).findFirst();
        Optional<Cib.Op> start = agent.operations().stream().filter(o -> o.name().equals("start")).findFirst();
        if (monitor.isEmpty()) {
            out.add(Finding.error("monitor-op", id + " has no monitor operation: events would never be seen",
                    List.of("crm configure edit " + id + "   # add: op monitor interval=10s"),
                    List.of("pcs resource op add " + id + " monitor interval=10s")));
        } else {
            OptionalLong interval = ConfigurationCheck.seconds(monitor.get().interval());
            if (interval.isEmpty() || interval.getAsLong() > 10) {
                out.add(Finding.warning("monitor-interval", id + ": monitor interval is "
                        + monitor.get().interval() + "; 10s is recommended (a Preempt gives 30 s notice)",
                        List.of("crm configure edit " + id + "   # op monitor interval=10s"),
                        List.of("pcs resource update " + id + " op monitor interval=10s")));
            }
            OptionalLong timeout = ConfigurationCheck.seconds(monitor.get().timeout());
            if (timeout.isPresent() && timeout.getAsLong() < 20) {
                out.add(Finding.warning("monitor-timeout", id + ": monitor timeout " + timeout.getAsLong()
                        + "s leaves IMDS retries no room; use at least 20s",
                        List.of("crm configure edit " + id + "   # op monitor interval=10s timeout=60s"),
                        List.of("pcs resource update " + id + " op monitor interval=10s timeout=60s")));
            }
        }
        if (start.isEmpty() || start.get().startDelay().isEmpty()) {
            out.add(Finding.info("start-delay", id + ": no start-delay on start; the documentation uses "
                    + "start-delay=60s so a rebooted node settles before the agent acts"));
        }
        // A group's or clone's meta attributes apply to the resources it holds.
        boolean failureTimeout = agent.meta().containsKey("failure-timeout")
                || cib.parents(agent).stream().anyMatch(p -> p.meta().containsKey("failure-timeout"));
        if (!failureTimeout) {
            out.add(Finding.warning("failure-timeout", id + " has no failure-timeout: one failed monitor would "
                    + "stay counted until someone cleans it up",
                    List.of("crm resource meta " + id + " set failure-timeout 120s"),
                    List.of("pcs resource meta " + id + " failure-timeout=120s")));
        }
    }
}
