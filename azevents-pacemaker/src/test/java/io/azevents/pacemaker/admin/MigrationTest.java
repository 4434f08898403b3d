package io.azevents.pacemaker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.Strategies;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.internal.Cib;
import io.azevents.pacemaker.internal.CibReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The switch from the Python agents in place, planned and applied on CIB files configured with
 * crmsh or pcs, with the Python agents' node attributes and states present.
 */
class MigrationTest {
    private static final Strategies STRATEGIES = TestStrategies.both();

    /** The guide's setup with the Python agent, the agent's attributes mid-event on node2, maintenance on. */
    private static Path pythonCluster(Path dir, Shell shell) {
        ShellCibs.requireTools(shell);
        Path cib = ShellCibs.threeNodes(dir);
        ShellCibs.guideSetupWithPythonAgent(cib, shell);
        ShellCibs.sh(cib, """
                crm_attribute --node node2 --name azure-events-az_curNodeState --update IN_EVENT
                crm_attribute --node node2 --name azure-events-az_pendingEventIDs \
                    --update 5a1b2c3d-0000-4000-8000-000000000001
                crm_attribute --node node2 --name azure-events-az_lastDocVersion --update 7
                crm_attribute --node node2 --name '#health-azure' --update -1000000
                crm_attribute --node node1 --name azName --update node1-vm
                crm_attribute --type crm_config --name hostName_node1-vm --update node1
                """);
        return cib;
    }

    private static void maintenance(Path cib) {
        ShellCibs.sh(cib, "crm_attribute --type crm_config --name maintenance-mode --update true");
    }

    private static Migration.Plan plan(Path cib, Shell shell) {
        return Migration.plan(ShellCibs.read(cib), "azevents", shell, STRATEGIES);
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    @DisplayName("ocf:heartbeat:azure-events-az becomes ocf:azevents:azure-events-az, id, parameters, clone and attributes kept")
    void switchInPlace(Shell shell, @TempDir Path dir) {
        Path cib = pythonCluster(dir, shell);
        Cib before = CibReader.read(ShellCibs.read(cib));

        Migration.Plan plan = plan(cib, shell);

        assertThat(plan.kind()).isEqualTo(Migration.Kind.SWITCH_IN_PLACE);
        assertThat(plan.steps()).hasSize(3);
        assertThat(plan.steps().get(0).shell()).isEqualTo(shell == Shell.PCS ? "pcs property set maintenance-mode=true"
                : "crm configure property maintenance-mode=true");
        assertThat(plan.steps().get(1).argv()).startsWith("cibadmin", "--modify");
        assertThat(plan.notes()).anyMatch(n -> n.contains("node2") && n.contains("azure-events-az_curNodeState=IN_EVENT")
                && n.contains("#health-azure=-1000000"));
        assertThat(Migration.refusal(plan, ShellCibs.read(cib), dir, "azevents")).get().asString()
                .contains("not in maintenance mode");

        maintenance(cib);
        assertThat(Migration.apply(plan, CommandRunner.local(), Optional.of(cib), s -> { })).isEmpty();

        Cib after = CibReader.read(ShellCibs.read(cib));
        Cib.Resource agent = after.resource("health-azure-events").orElseThrow();
        Cib.Resource old = before.resource("health-azure-events").orElseThrow();
        assertThat(agent.provider()).isEqualTo("azevents");
        assertThat(agent.type()).isEqualTo("azure-events-az");
        assertThat(agent.parameters()).isEqualTo(old.parameters()).containsEntry("eventTypes", "Reboot,Redeploy");
        assertThat(agent.meta()).isEqualTo(old.meta());
        assertThat(agent.operations()).isEqualTo(old.operations());
        assertThat(agent.parent()).contains("health-azure-events-cln");
        assertThat(after.resource("health-azure-events-cln").orElseThrow().meta())
                .isEqualTo(before.resource("health-azure-events-cln").orElseThrow().meta());
        assertThat(after.nodeAttributes()).isEqualTo(before.nodeAttributes());
        assertThat(after.properties()).containsEntry("hostName_node1-vm", "node1");
        assertThat(Migration.plan(ShellCibs.read(cib), "azevents", shell, STRATEGIES).kind())
                .isEqualTo(Migration.Kind.NOTHING);
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    @DisplayName("a clone without allow-unhealthy-nodes gets it, with the shell's own command, before the switch")
    void allowUnhealthyNodes(Shell shell, @TempDir Path dir) {
        Path cib = pythonCluster(dir, shell);
        ShellCibs.sh(cib, "crm_resource --resource health-azure-events-cln --meta --delete-parameter allow-unhealthy-nodes");
        maintenance(cib);

        Migration.Plan plan = plan(cib, shell);

        assertThat(plan.steps().get(1).argv()).startsWith(shell.program(), "resource", "meta", "health-azure-events-cln");
        assertThat(Migration.apply(plan, CommandRunner.local(), Optional.of(cib), s -> { })).isEmpty();
        assertThat(CibReader.read(ShellCibs.read(cib)).resource("health-azure-events-cln").orElseThrow().meta())
                .containsEntry("allow-unhealthy-nodes", "true");
    }

    @Test
    @DisplayName("an agent in a group in a clone is switched where it is")
    void groupInClone(@TempDir Path dir) {
        ShellCibs.requireTools(Shell.PCS);
        Path cib = ShellCibs.threeNodes(dir);
        ShellCibs.sh(cib, """
                pcs resource create health-azure-events ocf:heartbeat:azure-events-az eventTypes=Reboot \
                    op monitor interval=10s meta failure-timeout=120s --group health-grp
                pcs resource clone health-grp allow-unhealthy-nodes=true interleave=true
                """);
        maintenance(cib);

        Migration.Plan plan = plan(cib, Shell.PCS);
        assertThat(Migration.apply(plan, CommandRunner.local(), Optional.of(cib), s -> { })).isEmpty();

        Cib after = CibReader.read(ShellCibs.read(cib));
        Cib.Resource agent = after.resource("health-azure-events").orElseThrow();
        assertThat(agent.provider()).isEqualTo("azevents");
        assertThat(agent.parent()).contains("health-grp");
        assertThat(after.resource("health-grp").orElseThrow().parent()).contains("health-grp-clone");
        assertThat(agent.parameters()).containsEntry("eventTypes", "Reboot");
    }

    @Test
    @DisplayName("ocf:heartbeat:azure-events becomes ocf:azevents:azure-events, its pull lock and standby kept")
    void legacyInPlace(@TempDir Path dir) {
        ShellCibs.requireTools(Shell.CRMSH);
        Path cib = ShellCibs.threeNodes(dir);
        ShellCibs.sh(cib, """
                crm configure primitive azure-events ocf:heartbeat:azure-events params eventTypes=Reboot,Redeploy \
                    op monitor interval=10s
                crm configure clone cln_azure-events azure-events
                crm_attribute --type crm_config --name azure-events_globalPullState --update IDLE
                crm_attribute --node node3 --name azure-events_curNodeState --update STOPPING
                crm_attribute --node node3 --name standby --update on
                """);
        maintenance(cib);

        Migration.Plan plan = plan(cib, Shell.CRMSH);
        assertThat(plan.kind()).isEqualTo(Migration.Kind.SWITCH_IN_PLACE);
        assertThat(plan.steps()).hasSize(3);
        assertThat(Migration.apply(plan, CommandRunner.local(), Optional.of(cib), s -> { })).isEmpty();

        Cib after = CibReader.read(ShellCibs.read(cib));
        assertThat(after.resource("azure-events").orElseThrow().provider()).isEqualTo("azevents");
        assertThat(after.properties()).containsEntry("azure-events_globalPullState", "IDLE");
        assertThat(after.nodeAttributes().get("node3")).containsEntry("standby", "on")
                .containsEntry("azure-events_curNodeState", "STOPPING");
        assertThat(AgentResource.in(ShellCibs.read(cib), STRATEGIES)).singleElement()
                .satisfies(a -> assertThat(a.strategy()).isEqualTo("legacy-pullstate"));
    }

    @Test
    @DisplayName("the Python agent and ours both configured: refused, with the command that keeps ours")
    void both(@TempDir Path dir) {
        Path cib = pythonCluster(dir, Shell.CRMSH);
        ShellCibs.sh(cib, "crm configure primitive azure-events ocf:heartbeat:azure-events op monitor interval=10s");
        ShellCibs.sh(cib, "cibadmin --modify --scope resources --xml-text "
                + "'<primitive id=\"health-azure-events\" provider=\"azevents\"/>'");
        maintenance(cib);
        String xml = ShellCibs.read(cib);

        Migration.Plan plan = plan(cib, Shell.PCS);

        assertThat(plan.kind()).isEqualTo(Migration.Kind.REFUSED);
        assertThat(plan.steps()).isEmpty();
        assertThat(String.join(" ", plan.notes())).contains("azure-events ocf:heartbeat:azure-events")
                .contains("health-azure-events ocf:azevents:azure-events-az")
                .contains("pcs resource delete --force azure-events");
        assertThat(Migration.refusal(plan, xml, dir, "azevents")).isPresent();
        assertThat(ShellCibs.read(cib)).isEqualTo(xml);
    }

    @Test
    @DisplayName("applying needs the new agent installed under the OCF root")
    void agentInstalled(@TempDir Path dir) throws IOException {
        Path cib = pythonCluster(dir, Shell.CRMSH);
        maintenance(cib);
        Migration.Plan plan = plan(cib, Shell.CRMSH);
        Path root = Files.createDirectories(dir.resolve("ocf"));

        assertThat(Migration.refusal(plan, ShellCibs.read(cib), root, "azevents")).get().asString()
                .contains("resource.d/azevents/azure-events-az is not installed");

        Path agent = Files.createDirectories(root.resolve("resource.d/azevents")).resolve("azure-events-az");
        Files.writeString(agent, "#!/bin/sh\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Migration.refusal(plan, ShellCibs.read(cib), root, "azevents")).isEmpty();
    }

    @Test
    @DisplayName("a step quotes for a shell only what needs it")
    void quoting() {
        Migration.Step s = new Migration.Step("x", List.of("crm_attribute", "--name", "#health-azure", "it's"), false);
        assertThat(s.shell()).isEqualTo("crm_attribute --name '#health-azure' 'it'\\''s'");
        assertThat(Map.of()).isEmpty();
    }
}
