package io.azevents.pacemaker.admin;

import java.util.List;

/**
 * The setup commands of the administrator's guide, for crmsh and for pcs, as the fixes of the
 * {@link ConfigurationCheck} print them (one line each, quoted for a POSIX shell). The guide gives
 * the same lines; a test holds the two together. Constants only.
 */
final class SetupCommands {
    static final String CRMSH_HEALTH_STRATEGY = "crm configure property node-health-strategy=custom";
    static final String PCS_HEALTH_STRATEGY = "pcs property set node-health-strategy=custom";
    static final String CRMSH_LOCATION =
            "crm configure location loc_azure_health /'!health-.*'/ rule '#health-azure': defined '#uname'";
    static final String PCS_LOCATION = "pcs constraint location 'regexp%!health-.*' rule constraint-id=loc_azure_health"
            + " score-attribute='#health-azure' defined '#uname'";
    static final String CRMSH_MAINTENANCE_ON = "crm configure property maintenance-mode=true";
    static final String CRMSH_MAINTENANCE_OFF = "crm configure property maintenance-mode=false";
    static final String PCS_MAINTENANCE_ON = "pcs property set maintenance-mode=true";
    static final String PCS_MAINTENANCE_OFF = "pcs property set maintenance-mode=false";

    private SetupCommands() {
    }

    static String crmshHealth(String node) {
        return "crm_attribute --node " + node + " --name '#health-azure' --update 0";
    }

    static String pcsHealth(String node) {
        return "pcs node attribute " + node + " '#health-azure=0'";
    }

    /** The agent's primitive and its clone, as the guide creates them. */
    static List<String> crmshAgent(String provider) {
        return List.of("crm configure primitive health-azure-events ocf:" + provider + ":azure-events-az "
                        + "op start start-delay=60s op monitor interval=10s meta failure-timeout=120s",
                "crm configure clone health-azure-events-cln health-azure-events "
                        + "meta allow-unhealthy-nodes=true interleave=true");
    }

    static List<String> pcsAgent(String provider) {
        return List.of("pcs resource create health-azure-events ocf:" + provider + ":azure-events-az "
                + "op start start-delay=60s op monitor interval=10s meta failure-timeout=120s "
                + "clone health-azure-events-cln allow-unhealthy-nodes=true interleave=true");
    }

    /** The switch from the Python agent, in maintenance mode. */
    static List<String> migrate(Shell shell) {
        return shell == Shell.PCS
                ? List.of(PCS_MAINTENANCE_ON, "azevents migrate --apply --shell pcs", PCS_MAINTENANCE_OFF)
                : List.of(CRMSH_MAINTENANCE_ON, "azevents migrate --apply --shell crmsh", CRMSH_MAINTENANCE_OFF);
    }
}
