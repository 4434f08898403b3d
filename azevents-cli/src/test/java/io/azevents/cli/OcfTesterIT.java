package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pacemaker's {@code ocf-tester} passes on both agents, run through their wrapper scripts against the
 * IMDS simulator on loopback: once on a three-node {@code CIB_file} (the monitor runs real cycles and
 * writes the node's attributes) and once with the cluster unreachable (the monitor tolerates the
 * failing cycles for {@code imds_outage_tolerance}). After the run a stopped instance still answers 7.
 */
class OcfTesterIT {
    private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static Path home;
    private static Process simulator;
    private static String imdsUrl;

    @BeforeAll
    static void startSimulator() throws IOException {
        Cli.requireTools("ocf-tester", "xmllint", "cibadmin", "crm_attribute");
        home = OcfMetaDataIT.agentHome();
        simulator = new ProcessBuilder(Cli.javaBin(), "-jar", Cli.jar().toString(), "simulator", "--vm", "node1", "--zones")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while (imdsUrl == null && (line = out.readLine()) != null) {
            Matcher m = URL.matcher(line);
            if (m.find()) {
                imdsUrl = m.group(1);
            }
        }
        assertThat(imdsUrl).as("the simulator's address").isNotNull();
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // the simulator has quit
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopSimulator() throws InterruptedException {
        if (simulator != null) {
            try (Writer in = simulator.outputWriter()) {
                in.write("quit\n");
            } catch (IOException e) {
                // already gone
            }
            if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
        }
        OcfMetaDataIT.delete(home);
    }

    @ParameterizedTest(name = "{0}, cluster {1}")
    @CsvSource({"azure-events-az, on a CIB file", "azure-events, on a CIB file",
        "azure-events-az, unreachable", "azure-events, unreachable"})
    @DisplayName("ocf-tester passes; a stopped instance then answers not running")
    void ocfTesterPasses(String agent, String cluster) throws IOException {
        boolean cibFile = cluster.startsWith("on");
        Path run = Files.createDirectory(home.resolve(agent + (cibFile ? "-cib" : "-nocluster")));
        Path cib = run.resolve("cib.xml");
        if (cibFile) {
            Files.copy(ArchitectureTest.projectRoot().resolve("packaging/cds/cib.xml"), cib);
        }
        Map<String, String> env = Map.of(
                "AZEVENTS_HOME", home.toString(),
                "AZEVENTS_JAVA", Cli.javaBin(),
                "HA_RSCTMP", run.resolve("rsc").toString(),
                // A missing CIB file fails every cluster command exactly as an unreachable cluster does.
                "CIB_file", cibFile ? cib.toString() : run.resolve("missing/cib.xml").toString(),
                "OCF_RESKEY_CRM_meta_on_node", "node1");

        Cli.Result r = Cli.exec(List.of("ocf-tester", "-n", "azevents-" + agent, "-o", "imds_url=" + imdsUrl,
                home.resolve("ocf").resolve(agent).toString()), env, 300);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("passed all tests").doesNotContain("* rc=");
        Map<String, String> instance = new HashMap<>(env);
        instance.put("OCF_RESOURCE_INSTANCE", "azevents-" + agent);
        Cli.Result probe = OcfMetaDataIT.wrapper(home, agent, instance, "monitor");
        assertThat(probe.exitCode()).as("a probe after ocf-tester's last stop\n" + probe).isEqualTo(7);
        if (cibFile) {
            // The monitor ran real cycles: it recorded which VM the node runs on, as upstream does.
            assertThat(Files.readString(cib)).contains("name=\"azName\" value=\"node1\"");
        }
    }
}
