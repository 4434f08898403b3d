package io.azevents.pacemaker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.pacemaker.CommandRunner;
import io.azevents.testkit.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * CIB files configured as an administrator would, with crmsh or pcs: shell lines run by {@code sh}
 * against the file. pcs takes a file as {@code -f FILE} and crmsh reads {@code CIB_file}, so a line
 * written for a live cluster runs on the file through a {@code pcs} function that adds {@code -f};
 * {@code crm_node -l} (which needs a live cluster) lists the file's three nodes.
 */
final class ShellCibs {
    private static final String PRELUDE = """
            pcs() { command pcs -f "$CIB_file" "$@"; }
            crm_node() { printf '1 node1\\n2 node2\\n3 node3\\n'; }
            azevents() { :; }
            set -e
            """;

    private ShellCibs() {
    }

    static void requireTools(Shell shell) {
        Requirements.requireTools("cibadmin", "crm_attribute", "crm_simulate", "sh", shell.program());
    }

    /** A fresh copy of a 3-node CIB with nothing configured but two Dummies (db, app) in {@code dir}. */
    static Path threeNodes(Path dir) {
        try (InputStream in = ShellCibs.class.getResourceAsStream("/plain-three-nodes.cib.xml")) {
            Path file = Files.createTempFile(dir, "cib-", ".xml");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The guide's setup for {@code shell} on {@code cib}, with the Python agent in place of ours
     * ({@code ocf:heartbeat:} for {@code ocf:azevents:}: crmsh and pcs insist on an installed agent,
     * and on a machine running tests ours is not).
     */
    static void guideSetupWithPythonAgent(Path cib, Shell shell) {
        sh(cib, AdminGuide.setup(shell).replace("ocf:azevents:", "ocf:heartbeat:"));
    }

    /** Runs {@code script} with {@code sh} on {@code cib}; insists it succeeds. */
    static String sh(Path cib, String script) {
        CommandRunner.Result r = CommandRunner.local().run(List.of("sh", "-c", PRELUDE + script),
                Map.of("CIB_file", cib.toString()), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(script + "\n" + r.stdout() + r.stderr()).isZero();
        return r.stdout();
    }

    static String read(Path cib) {
        try {
            return Files.readString(cib, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
