package io.azevents.pacemaker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.Strategies;
import io.azevents.pacemaker.CommandRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration check on CIB files set up with the admin guide's own crmsh and pcs blocks, then
 * broken one mistake at a time; each finding's fix, for the shell under test, is run as printed and
 * must make the finding go away.
 */
@Execution(ExecutionMode.CONCURRENT) // each test has its own CIB file; crmsh is slow to start
class ConfigurationCheckTest {
    private static final Strategies STRATEGIES = TestStrategies.both();

    private static List<Finding> check(Path cib) {
        return ConfigurationCheck.run(ShellCibs.read(cib), Optional.empty(), STRATEGIES);
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    private static Path documented(Path dir, Shell shell) {
        ShellCibs.requireTools(shell);
        Path cib = ShellCibs.threeNodes(dir);
        ShellCibs.guideSetupWithPythonAgent(cib, shell);
        return cib;
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    @DisplayName("the guide's setup with the Python agent is right but for the agent, which check flags with the switch")
    void guideWithPythonAgent(Shell shell, @TempDir Path dir) {
        Path cib = documented(dir, shell);

        List<Finding> findings = check(cib);

        assertThat(codes(findings)).containsExactly("heartbeat-agent");
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(f.message()).contains("health-azure-events", "ocf:heartbeat:azure-events-az",
                "ocf:azevents:azure-events-az");
        assertThat(f.fix(Shell.CRMSH)).containsExactly("crm configure property maintenance-mode=true",
                "azevents migrate --apply --shell crmsh", "crm configure property maintenance-mode=false");
        assertThat(f.fix(Shell.PCS)).containsExactly("pcs property set maintenance-mode=true",
                "azevents migrate --apply --shell pcs", "pcs property set maintenance-mode=false");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    @DisplayName("after the switch in place, the guide's setup passes with no finding at all")
    void guideAfterSwitch(Shell shell, @TempDir Path dir) {
        Path cib = documented(dir, shell);
        Migration.Plan plan = Migration.plan(ShellCibs.read(cib), "azevents", shell, STRATEGIES);

        assertThat(Migration.apply(plan, CommandRunner.local(), Optional.of(cib), s -> { })).isEmpty();

        assertThat(check(cib)).isEmpty();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("node-health-strategy", Finding.Severity.ERROR,
                        "crm_attribute --type crm_config --name node-health-strategy --update none"),
                Arguments.of("location-rule", Finding.Severity.ERROR,
                        "cibadmin --delete --xml-text '<rsc_location id=\"loc_azure_health\"/>'"),
                Arguments.of("allow-unhealthy-nodes", Finding.Severity.ERROR,
                        "crm_resource --resource health-azure-events-cln --meta --delete-parameter allow-unhealthy-nodes"),
                Arguments.of("interleave", Finding.Severity.WARNING,
                        "crm_resource --resource health-azure-events-cln --meta --delete-parameter interleave"),
                Arguments.of("health-missing", Finding.Severity.ERROR,
                        "crm_attribute --node node2 --name '#health-azure' --delete"),
                Arguments.of("failure-timeout", Finding.Severity.WARNING,
                        "crm_resource --resource health-azure-events --meta --delete-parameter failure-timeout"),
                Arguments.of("event-types", Finding.Severity.ERROR,
                        "crm_resource --resource health-azure-events --set-parameter eventTypes "
                                + "--parameter-value Reboot,Reboto"),
                Arguments.of("leftover-pull-state", Finding.Severity.WARNING,
                        "crm_attribute --type crm_config --name azure-events_globalPullState --update IDLE"),
                Arguments.of("stray-standby", Finding.Severity.WARNING,
                        "crm_attribute --node node3 --name standby --update on"),
                Arguments.of("health-held", Finding.Severity.WARNING,
                        "crm_attribute --node node3 --name '#health-azure' --update -1000000"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("mistakes")
    @DisplayName("each mistake is found, and its crmsh fix, run as printed, repairs it")
    void crmshFix(String code, Finding.Severity severity, String mistake, @TempDir Path dir) {
        fixedBy(Shell.CRMSH, code, severity, mistake, dir);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("mistakes")
    @DisplayName("each mistake is found, and its pcs fix, run as printed, repairs it")
    void pcsFix(String code, Finding.Severity severity, String mistake, @TempDir Path dir) {
        fixedBy(Shell.PCS, code, severity, mistake, dir);
    }

    private static void fixedBy(Shell shell, String code, Finding.Severity severity, String mistake, Path dir) {
        Path cib = documented(dir, shell);
        ShellCibs.sh(cib, mistake);

        Finding f = check(cib).stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow(
                () -> new AssertionError("no finding " + code + " in " + codes(check(cib))));
        assertThat(f.severity()).isEqualTo(severity);
        assertThat(f.fix(shell)).isNotEmpty().allMatch(c -> c.startsWith(shell.program() + " ")
                || c.startsWith("crm_attribute ") || c.startsWith("cibadmin "));
        ShellCibs.sh(cib, String.join("\n", f.fix(shell)));

        assertThat(codes(check(cib))).doesNotContain(code);
    }

    @Test
    @DisplayName("two agents, the Python one and ours, are an error whose fix deletes the Python one")
    void twoAgents(@TempDir Path dir) {
        Path cib = documented(dir, Shell.CRMSH);
        ShellCibs.sh(cib, "crm configure primitive azure-events ocf:heartbeat:azure-events op monitor interval=10s");
        ShellCibs.sh(cib, "cibadmin --modify --scope resources --xml-text "
                + "'<primitive id=\"health-azure-events\" provider=\"azevents\"/>'");

        Finding f = check(cib).stream().filter(x -> x.code().equals("two-agents")).findFirst().orElseThrow();

        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.fix(Shell.CRMSH)).containsExactly("crm configure delete --force azure-events");
        assertThat(f.fix(Shell.PCS)).containsExactly("pcs resource delete --force azure-events");
    }

    @Test
    @DisplayName("an agent in a group that is not cloned gets the clone command for the group")
    void groupNotCloned(@TempDir Path dir) {
        ShellCibs.requireTools(Shell.PCS);
        Path cib = ShellCibs.threeNodes(dir);
        ShellCibs.sh(cib, "pcs resource create health-azure-events ocf:heartbeat:azure-events-az "
                + "op monitor interval=10s meta failure-timeout=120s --group health-grp");

        Finding f = check(cib).stream().filter(x -> x.code().equals("agent-not-cloned")).findFirst().orElseThrow();

        assertThat(f.fix(Shell.PCS)).containsExactly("pcs resource clone health-grp allow-unhealthy-nodes=true "
                + "interleave=true");
        ShellCibs.sh(cib, String.join("\n", f.fix(Shell.PCS)));
        assertThat(codes(check(cib))).doesNotContain("agent-not-cloned", "allow-unhealthy-nodes");
    }

    @Test
    @DisplayName("a shell is detected only when exactly one is installed")
    void detect() {
        assertThat(Shell.detect(p -> p.equals("crm"))).contains(Shell.CRMSH);
        assertThat(Shell.detect(p -> p.equals("pcs"))).contains(Shell.PCS);
        assertThat(Shell.detect(p -> true)).isEmpty();
        assertThat(Shell.detect(p -> false)).isEmpty();
        assertThat(Shell.of("crm")).isEqualTo(Shell.CRMSH);
        assertThat(Shell.onFile(List.of("pcs", "property"), Optional.of(Path.of("/f")))).containsExactly("pcs", "-f",
                "/f", "property");
        assertThat(Shell.onFile(List.of("crm", "configure"), Optional.of(Path.of("/f")))).containsExactly("crm",
                "configure");
    }
}
