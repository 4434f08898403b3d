package io.azevents.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.simulation.ImdsRegion;
import io.azevents.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin guide's setup on a live 3-node lab, once with crmsh and once with pcs, run as the guide
 * prints it (its {@code <!-- setup:SHELL -->} block through {@code sh} on node1, with the test's OCF
 * provider for {@code azevents}); and the switch from the Python {@code ocf:heartbeat:azure-events-az},
 * running first against an IMDS simulator per node, with {@code azevents migrate --apply}, set up and
 * switched once with each shell. Needs root,
 * the lab's tools, crmsh and pcs; skips where they are missing, fails under {@code CI=true}.
 */
class ShellSetupIT {
    static final String RUN = "azs" + ProcessHandle.current().pid() % 10_000;
    static final String PROVIDER = "azevents-it-" + RUN;
    static final Path PROVIDER_DIR = TestProvider.dir(PROVIDER);
    static final List<String> NODES = List.of("node1", "node2", "node3");

    private static Path work;
    private static Path jar;
    private static String java;
    private static boolean installedProvider;
    private Lab lab;
    private final List<NodeImds> imds = new ArrayList<>();

    @BeforeAll
    static void requirementsAndProvider() throws IOException {
        Requirements.requireLab();
        Requirements.requireTools("crm", "pcs", "sh");
        Path built = Lab.projectRoot().resolve("azevents-cli/target/azevents.jar");
        assertThat(built).as("the packaged jar (run the package phase first)").isRegularFile();
        work = Files.createTempDirectory("azevents-shell-it");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        NodeImds.prepareRelay(work.resolve("relay-classes"));
        for (Class<?> c : List.of(Lab.class, Lab.Result.class, NodeImds.class, UnixRelay.class)) {
            c.getName();
        }
        jar = Files.copy(built, work.resolve("azevents.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        installedProvider = true;
        TestProvider.install(PROVIDER_DIR, "ShellSetupIT", java, "", jar, "", List.of("azure-events-az", "azure-events"));
    }

    @AfterAll
    static void removeProvider() throws IOException {
        TestProvider.remove(installedProvider, PROVIDER_DIR, work);
    }

    @BeforeEach
    void up() {
        lab = new Lab(RUN, "10.215.0", work.resolve("lab"));
        lab.up(NODES.size());
    }

    @AfterEach
    void down() {
        imds.forEach(NodeImds::close);
        imds.clear();
        if (lab != null) {
            lab.down();
            lab = null;
        }
    }

    /** The guide's setup block for {@code shell} ({@code crmsh} or {@code pcs}). */
    static String setupBlock(String shell) throws IOException {
        List<String> lines = Files.readAllLines(Lab.projectRoot().resolve("docs/admin-guide.md"));
        int marker = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("<!-- setup:" + shell + " ")) {
                marker = i;
            }
        }
        assertThat(marker).as("the guide's setup block for " + shell).isNotNegative();
        StringBuilder b = new StringBuilder();
        for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
            b.append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    /** Runs {@code script} with sh on {@code node}, {@code azevents} being the packaged jar. */
    private Lab.Result sh(String node, String script) {
        String prelude = "set -e\nazevents() { " + java + " -jar " + jar + " \"$@\"; }\n";
        return lab.exec(node, "sh", "-c", prelude + script);
    }

    @ParameterizedTest
    @ValueSource(strings = {"crmsh", "pcs"})
    @DisplayName("the guide's setup, run as printed, gives a configuration that check passes")
    void guideSetup(String shell) throws IOException {
        String script = setupBlock(shell).replace("ocf:azevents:", "ocf:" + PROVIDER + ":");

        Lab.Result r = sh("node1", script);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("OK: the configuration follows the documented best practice.");
        String cib = lab.execOk("node1", "cibadmin", "--query", "--scope", "resources");
        assertThat(cib).contains("provider=\"" + PROVIDER + "\"").contains("health-azure-events-cln");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crmsh", "pcs"})
    @DisplayName("a cluster running the Python azure-events-az switches to azevents with migrate --apply, attributes kept")
    void switchFromPython(String shell) throws IOException {
        for (int i = 1; i <= NODES.size(); i++) {
            lab.execOk("node" + i, "ip", "addr", "add", NodeImds.IMDS_ADDRESS + "/32", "dev", "lo");
            imds.add(NodeImds.start(new ImdsRegion(), "node" + i + "-vm", Visibility.ZONES,
                    lab.netns(i), work));
        }
        String python = setupBlock(shell).replace("ocf:azevents:", "ocf:heartbeat:")
                .replace("start-delay=60s", "start-delay=0s").replace("azevents check\n", "");
        Lab.Result setup = sh("node1", python);
        assertThat(setup.exitCode()).as(setup.toString()).isZero();
        // The Python agent records each node's VM on its first monitors (its state only once it changes:
        // the test records one as an earlier event would have left it).
        for (String n : NODES) {
            await("the Python agent records " + n + "'s VM", () -> query(n, "azName").equals(n + "-vm"));
        }
        lab.execOk("node1", "crm_attribute", "--node", "node2", "--name", "azure-events-az_lastDocVersion", "--update", "4");

        Lab.Result dry = sh("node1", "azevents migrate --shell " + shell + " --provider " + PROVIDER);
        assertThat(dry.out()).as(dry.toString()).contains("cibadmin --modify").contains("kept: node node2");
        String maintenance = shell.equals("pcs") ? "pcs property set maintenance-mode=" : "crm configure property maintenance-mode=";
        Lab.Result applied = sh("node1", maintenance + "true\n"
                + "azevents migrate --apply --shell " + shell + " --provider " + PROVIDER + "\n");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        // Checked while the cluster is still in maintenance: once azevents monitors, it clears a document
        // version left on a node that is not drained, as it does when a node it drained is available again.
        assertThat(query("node2", "azure-events-az_lastDocVersion")).isEqualTo("4");
        Lab.Result resumed = sh("node1", maintenance + "false\n");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();

        await("azevents runs on every node in place of the Python agent", () -> {
            String mon = lab.exec("node1", "crm_mon", "--one-shot", "--output-as=xml").out();
            return mon.split("resource_agent=\"ocf:" + PROVIDER + ":azure-events-az\" role=\"Started\" active=\"true\"",
                    -1).length - 1 == NODES.size() && !mon.contains("ocf:heartbeat:azure-events-az");
        });
        for (String n : NODES) {
            assertThat(query(n, "azName")).isEqualTo(n + "-vm");
            assertThat(query(n, "#health-azure")).isEqualTo("0");
        }
        await("azevents clears the document version left on node2, which has no event",
                () -> query("node2", "azure-events-az_lastDocVersion").isEmpty());
        assertThat(query("node2", "azName")).isEqualTo("node2-vm");
        Lab.Result check = sh("node1", "azevents check --shell " + shell);
        assertThat(check.out()).as(check.toString()).doesNotContain("ERROR").doesNotContain("heartbeat-agent");
    }

    private String query(String node, String name) {
        Lab.Result r = lab.exec("node1", "crm_attribute", "--node", node, "--name", name, "--query", "--quiet");
        return r.ok() ? r.out().trim() : "";
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out: " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
