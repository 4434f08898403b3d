package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code azevents} command line as an administrator meets it, from the built jar: each command's
 * own help, the version, a usage error (exit 2, the command's usage, one line naming the problem),
 * errors that say what to do, and the man pages and completion the build makes from the same model.
 */
class CommandLineIT {
    static final List<String> COMMANDS = List.of("status", "explain", "strategies", "history", "metrics", "check",
            "migrate", "demo", "simulator", "ocf");

    @ParameterizedTest(name = "azevents {0} --help")
    @ValueSource(strings = {"status", "explain", "strategies", "history", "metrics", "check", "migrate", "demo",
        "simulator"})
    @DisplayName("every command's --help shows that command's usage, on stdout, exit 0")
    void commandHelp(String command) {
        Cli.Result r = Cli.run(Map.of(), command, "--help");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).startsWith("usage: azevents " + command);
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines()).allMatch(l -> l.length() <= 80, "fits 80 columns");
    }

    @Test
    @DisplayName("each command lists its own options only: status has --no-imds, not explain's --event")
    void ownOptions() {
        assertThat(Cli.run(Map.of(), "status", "--help").out()).contains("--no-imds", "--node=NAME", "--strategy=NAME")
                .doesNotContain("--event").doesNotContain("--apply");
        assertThat(Cli.run(Map.of(), "explain", "--help").out()).contains("--event=TYPE", "Reboot").doesNotContain("--no-imds");
        assertThat(Cli.run(Map.of(), "migrate", "--help").out()).contains("--apply", "--provider=NAME").doesNotContain("--node");
        assertThat(Cli.run(Map.of(), "help", "check").out()).startsWith("usage: azevents check");
        // ocf's arguments belong to the agent ("ocf AGENT --help" is the agent's business): help ocf.
        assertThat(Cli.run(Map.of(), "help", "ocf").out()).startsWith("usage: azevents ocf").contains("AGENT", "ACTION");
    }

    @Test
    @DisplayName("azevents --help lists every command, the OCF entry with its arguments, and the exit codes")
    void rootHelp() {
        Cli.Result r = Cli.run(Map.of(), "--help");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("usage: azevents").contains("ocf AGENT ACTION").contains("exit codes:");
        COMMANDS.forEach(c -> assertThat(r.out()).contains("\n  " + c + " "));

        Cli.Result none = Cli.run(Map.of());
        assertThat(none.exitCode()).as("no command: the usage, exit 2").isEqualTo(2);
        assertThat(none.out()).startsWith("usage: azevents");
    }

    @Test
    @DisplayName("--version prints the project version, the strategies found and the Java runtime")
    void version() {
        Cli.Result r = Cli.run(Map.of(), "--version");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("^azevents [0-9]+\\.[0-9]+\\.[0-9]+\\S*\n")
                .contains("strategies: az-health, legacy-pullstate").contains("java: ")
                .doesNotContain("unknown");
        assertThat(Cli.run(Map.of(), "-V").out()).isEqualTo(r.out());
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("status", "--colour"), "status", "unknown option --colour"),
                Arguments.of(List.of("status", "--event", "Reboot"), "status", "unknown option --event (an option of explain"),
                Arguments.of(List.of("demo", "extra"), "demo", "unexpected argument 'extra'"),
                Arguments.of(List.of("simulator", "--port"), "simulator", "Missing required parameter for option '--port'"),
                Arguments.of(List.of("simulator", "--port", "eighty"), "simulator", "'eighty' is not an int"),
                Arguments.of(List.of("status", "--strategy", "nope"), "status",
                        "unknown strategy 'nope'; known strategies: az-health, legacy-pullstate"),
                Arguments.of(List.of("check", "--node", "node1"), "check", "unknown option --node (an option of explain, status"),
                Arguments.of(List.of("explain", "--event", "Reboto"), "explain", "unknown event type 'Reboto'"),
                Arguments.of(List.of("migrate", "--provider", "Not A Name"), "migrate", "not a provider name: Not A Name"),
                Arguments.of(List.of("frobnicate"), "", "unknown command 'frobnicate'"));
    }

    @ParameterizedTest(name = "azevents {0}: exit 2, \"{2}\"")
    @MethodSource("usageErrors")
    @DisplayName("a usage error exits 2 with one line naming the problem, then the command's usage, on stderr")
    void usageError(List<String> args, String command, String problem) {
        Cli.Result r = Cli.run(Map.of(), args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        String name = command.isEmpty() ? "azevents" : "azevents " + command;
        List<String> lines = r.err().lines().toList();
        assertThat(lines.get(0)).as(r.toString()).startsWith(name + ": ").contains(problem);
        assertThat(r.err()).as(r.toString()).contains("\nusage: " + name);
        assertThat(r.out()).isEmpty();
    }

    @Test
    @DisplayName("status on a CIB file without --node says to add --node NAME and names the CIB's nodes")
    void cibFileWithoutNode() {
        Cli.requireTools("cibadmin");
        Path cib = Path.of("src/test/resources/three-nodes.cib.xml").toAbsolutePath();

        Cli.Result r = Cli.run(Map.of(), "status", "--cib-file", cib.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).as(r.toString())
                .startsWith("azevents status: --cib-file needs --node NAME")
                .contains("node1, node2, node3").contains("--node node1");
        assertThat(r.err()).doesNotContain("crm_node").contains("usage: azevents status");
    }

    @Test
    @DisplayName("check on a CIB file that does not exist says so, and how to make one")
    void missingCibFile(@TempDir Path dir) {
        Path missing = dir.resolve("nonexistent.xml");

        Cli.Result r = Cli.run(Map.of(), "check", "--cib-file", missing.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as(r.toString()).startsWith("azevents check: the CIB file " + missing + " does not exist")
                .contains("cibadmin --query > FILE").doesNotContain("No such device or address");
        assertThat(Cli.run(Map.of(), "status", "--cib-file", dir.toString(), "--node", "node1").err())
                .contains("is a directory, not a CIB file");
    }

    @Test
    @DisplayName("the OCF entry keeps its own usage and codes: no parser between Pacemaker and the agent")
    void ocfEntryUnchanged() {
        Cli.Result r = Cli.run(Map.of(), "ocf");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("usage: azevents ocf {azure-events-az|azure-events} ACTION\n");
    }

    @Test
    @DisplayName("the OCF path loads no class of the command-line parser (Pacemaker starts it every monitor)")
    void ocfPathWithoutParser() {
        Cli.Result r = Cli.exec(List.of(Cli.javaBin(), "-Xlog:class+load=info:stderr", "-jar", Cli.jar().toString(),
                "ocf", "azure-events-az", "meta-data"), Map.of(), 60);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("<resource-agent name=\"azure-events-az\"");
        assertThat(r.err()).contains("io.azevents.cli.Main").doesNotContain("picocli.");
    }

    @Test
    @DisplayName("the build makes a man page per command and a bash completion from the same model")
    void manPagesAndCompletion() throws IOException {
        Path target = ArchitectureTest.projectRoot().resolve("azevents-cli/target");
        assertThat(Files.readString(target.resolve("man/azevents.1"))).contains(".TH \"AZEVENTS\" \"1\"")
                .contains("ocf");
        for (String c : COMMANDS) {
            Path page = target.resolve("man/azevents-" + c + ".1");
            assertThat(page).as("man page of " + c).exists();
            assertThat(Files.readString(page)).contains(".SH \"SYNOPSIS\"");
        }
        assertThat(Files.readString(target.resolve("man/azevents-status.1"))).contains("\\-\\-no\\-imds");
        String completion = Files.readString(target.resolve("azevents.bash-completion"));
        assertThat(completion).contains("complete -F").contains("--cib-file").contains("--no-imds")
                .contains("az-health").contains("simulator").contains("strategies");
    }
}
