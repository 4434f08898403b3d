package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code azevents check} on a CIB file configured with crmsh exactly as the reference article says,
 * then with one mistake at a time, each made with the command an administrator would use.
 */
class CheckCommandIT {
    @TempDir
    static Path dir;
    static Path good;

    @BeforeAll
    static void configureAsDocumented() throws IOException {
        good = Cibs.documented(dir);
    }

    private static Cli.Result check(Path cib, String... extra) {
        String[] args = Stream.concat(Stream.of("check", "--cib-file", cib.toString()), Stream.of(extra))
                .toArray(String[]::new);
        return Cli.run(Map.of(), args);
    }

    @Test
    @DisplayName("the documented configuration passes with exit 0")
    void documented() {
        Cli.Result r = check(good);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("ERROR").doesNotContain("WARNING");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("node-health-strategy left at none", 1, "node-health-strategy",
                        new String[] {"crm", "configure", "property", "node-health-strategy=none"}),
                Arguments.of("no health location rule", 1, "location-rule",
                        new String[] {"crm", "configure", "delete", "loc_azure_health"}),
                Arguments.of("clone without allow-unhealthy-nodes", 1, "allow-unhealthy-nodes",
                        new String[] {"crm", "resource", "meta", "health-azure-events-cln", "delete", "allow-unhealthy-nodes"}),
                Arguments.of("clone without interleave", 0, "interleave",
                        new String[] {"crm", "resource", "meta", "health-azure-events-cln", "delete", "interleave"}),
                Arguments.of("node2 without #health-azure", 1, "health-missing",
                        new String[] {"crm_attribute", "--node", "node2", "--name", "#health-azure", "--delete"}),
                Arguments.of("agent without failure-timeout", 0, "failure-timeout",
                        new String[] {"crm", "resource", "meta", "health-azure-events", "delete", "failure-timeout"}),
                Arguments.of("an unknown event type", 1, "event-types",
                        new String[] {"crm", "resource", "param", "health-azure-events", "set", "eventTypes", "Reboot,Reboto"}),
                Arguments.of("Freeze in eventTypes", 0, "freeze",
                        new String[] {"crm", "resource", "param", "health-azure-events", "set", "eventTypes", "Reboot,Freeze"}),
                Arguments.of("a slow monitor", 0, "monitor-interval",
                        new String[] {"cibadmin", "--modify", "--xml-text",
                            "<op id=\"health-azure-events-monitor-10s\" name=\"monitor\" interval=\"60s\"/>"}),
                Arguments.of("the legacy pull lock left behind", 0, "leftover-pull-state",
                        new String[] {"crm_attribute", "--type", "crm_config", "--name", "azure-events_globalPullState",
                            "--update", "IDLE"}),
                Arguments.of("a stray standby", 0, "stray-standby",
                        new String[] {"crm_attribute", "--node", "node3", "--name", "standby", "--update", "on"}),
                Arguments.of("an admin's unhealthy mark", 0, "health-held",
                        new String[] {"crm_attribute", "--node", "node3", "--name", "#health-azure", "--update", "-1000000"}),
                Arguments.of("both agents configured", 1, "two-agents",
                        new String[] {"crm", "configure", "primitive", "azure-events", "ocf:heartbeat:azure-events"}));
    }

    @ParameterizedTest(name = "{0}: exit {1}, finding {2}")
    @MethodSource("mistakes")
    @DisplayName("each mistake is found, with its fix")
    void mistake(String what, int exit, String code, String[] command, @TempDir Path caseDir) throws IOException {
        Path cib = caseDir.resolve("cib.xml");
        Files.copy(good, cib);
        Cli.tool(cib, command);

        Cli.Result r = check(cib);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        assertThat(r.out()).as(r.toString()).contains(code).contains("crmsh:");
    }

    @Test
    @DisplayName("--shell pcs prints the pcs fixes only; the Python agent is flagged with the switch")
    void pcsAndHeartbeat(@TempDir Path caseDir) throws IOException {
        Path cib = caseDir.resolve("cib.xml");
        Files.copy(good, cib);
        Cli.tool(cib, "cibadmin", "--modify", "--scope", "resources", "--xml-text",
                "<primitive id=\"health-azure-events\" provider=\"heartbeat\"/>");
        Cli.tool(cib, "crm_attribute", "--type", "crm_config", "--name", "node-health-strategy", "--update", "none");

        Cli.Result r = check(cib, "--shell", "pcs");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("heartbeat-agent").contains("pcs:   azevents migrate --apply --shell pcs")
                .contains("pcs:   pcs property set node-health-strategy=custom").doesNotContain("crmsh:");
        Cli.Result crmsh = check(cib, "--shell", "crmsh");
        assertThat(crmsh.out()).contains("crmsh: crm configure property node-health-strategy=custom")
                .doesNotContain("pcs:");
    }

    @Test
    @DisplayName("--json gives the same findings as data")
    void json(@TempDir Path caseDir) throws IOException {
        Path cib = caseDir.resolve("cib.xml");
        Files.copy(good, cib);
        Cli.tool(cib, "crm", "configure", "property", "node-health-strategy=none");

        Cli.Result r = check(cib, "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("\"errors\": 1").contains("\"code\": \"node-health-strategy\"")
                .contains("\"pcs\": [");
    }
}
