package io.azevents.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CIB files configured with crmsh and crm_attribute, as an administrator would. */
final class Cibs {
    private Cibs() {
    }

    /**
     * A 3-node cluster configured for azure-events-az exactly as the reference article says, with
     * azevents' agent ({@code ocf:azevents:azure-events-az}).
     */
    static Path documented(Path dir) throws IOException {
        Cli.requireTools("crm", "crm_attribute", "cibadmin", "crm_simulate");
        Path cib = dir.resolve("documented.xml");
        Files.copy(Path.of("src/test/resources/three-nodes.cib.xml"), cib);
        Cli.tool(cib, "crm", "configure", "property", "node-health-strategy=custom");
        Cli.tool(cib, "crm", "configure", "location", "loc_azure_health", "/!health-.*/", "rule", "#health-azure:",
                "defined", "#uname");
        for (String n : new String[] {"node1", "node2", "node3"}) {
            Cli.tool(cib, "crm_attribute", "--node", n, "--name", "#health-azure", "--update", "0");
        }
        // Debian's resource-agents 4.12 azure-events-az lacks retry_count & co, so crmsh refuses them.
        Cli.tool(cib, "crm", "configure", "primitive", "health-azure-events", "ocf:heartbeat:azure-events-az",
                "params", "eventTypes=Reboot,Redeploy", "verbose=false", "op", "start", "start-delay=60s",
                "op", "monitor", "interval=10s", "meta", "failure-timeout=120s");
        Cli.tool(cib, "crm", "configure", "clone", "health-azure-events-cln", "health-azure-events", "meta",
                "allow-unhealthy-nodes=true", "interleave=true");
        // crmsh insists on an installed agent; ours is not installed where tests run: switch the provider as
        // azevents migrate does.
        Cli.tool(cib, "cibadmin", "--modify", "--scope", "resources", "--xml-text",
                "<primitive id=\"health-azure-events\" provider=\"azevents\"/>");
        return cib;
    }

    /** Lets the scheduler bring every node up and start the resources, in the file. */
    static void runCluster(Path cib) {
        Cli.tool(cib, "crm_simulate", "-X", "-x", cib.toString(), "-Q", "-u", "node1", "-u", "node2", "-u", "node3");
    }
}
