package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.EventType;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategy plugins through the built jar, as an administrator meets them: {@code azevents strategies}
 * and {@code --version} list them with their jar, {@code --strategy} accepts them, the OCF agent's
 * {@code meta-data} and {@code validate-all} work with a broken plugin beside them (which is named in
 * a warning), and the agent, stateless and resident, runs a plugin's strategy on a cluster (a CIB
 * file) with {@code strategy=fixture-drain}.
 */
class PluginsIT {
    @TempDir
    Path dir;

    private Path plugins() throws IOException {
        return Files.createDirectories(dir.resolve("plugins"));
    }

    private Map<String, String> env(Path plugins) {
        return Map.of("AZEVENTS_PLUGIN_DIR", plugins.toString());
    }

    @Test
    @DisplayName("azevents strategies lists the built-ins and the plugin with its jar (exit 0); a broken jar adds a WARNING and exit 1")
    void strategiesCommand() throws IOException {
        Path plugins = plugins();
        Path good = PluginJars.fixture(plugins.resolve("fixture-drain.jar"));

        Cli.Result ok = Cli.run(env(plugins), "strategies");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("plugin directory " + plugins).contains("az-health  built-in")
                .contains("legacy-pullstate  built-in").contains("fixture-drain  plugin " + good)
                .doesNotContain("WARNING");

        Path bad = PluginJars.corrupt(plugins.resolve("broken.jar"));
        Cli.Result warned = Cli.run(env(plugins), "strategies");
        assertThat(warned.exitCode()).as(warned.toString()).isEqualTo(1);
        assertThat(warned.out()).contains("fixture-drain  plugin " + good).contains("az-health  built-in")
                .contains("WARNING: 1 plugin is not used:").contains(bad + ": not a jar");

        Cli.Result json = Cli.run(env(plugins), "strategies", "--json");
        assertThat(json.out()).contains("\"origin\": \"" + good + "\"").contains("\"jar\": \"" + bad + "\"");

        Cli.Result version = Cli.run(env(plugins), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("strategies: az-health, fixture-drain, legacy-pullstate")
                .contains("(plugin " + good + ")").contains("not used: plugin " + bad);

        Cli.Result unknown = Cli.run(env(plugins), "check", "--strategy", "nope");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("fixture-drain").contains("broken.jar");
    }

    @Test
    @DisplayName("the OCF agent: meta-data lists the plugin's parameter; validate-all accepts strategy=fixture-drain, and a built-in with a broken plugin beside it (warning names the jar)")
    void ocfAgent() throws IOException {
        Path plugins = plugins();
        PluginJars.fixture(plugins.resolve("fixture-drain.jar"));
        Path bad = PluginJars.provider(plugins.resolve("throws.jar"), "bad.Throws", "throws-here",
                "throw new IllegalStateException(\"boom\");");
        Map<String, String> env = new HashMap<>(env(plugins));
        env.put("HA_RSCTMP", dir.toString());

        Cli.Result meta = Cli.run(env, "ocf", "azure-events-az", "meta-data");
        assertThat(meta.exitCode()).as(meta.toString()).isZero();
        assertThat(meta.out()).startsWith("<?xml").contains("<parameter name=\"agent_prefix\"")
                .contains("fixture-drain (");

        env.put("OCF_RESKEY_strategy", "fixture-drain");
        Cli.Result plugin = Cli.run(env, "ocf", "azure-events-az", "validate-all");
        assertThat(plugin.exitCode()).as(plugin.toString()).isZero();
        assertThat(plugin.err()).contains("strategy plugin not used: " + bad).contains("boom");

        env.put("OCF_RESKEY_strategy", "az-health");
        Cli.Result builtIn = Cli.run(env, "ocf", "azure-events-az", "validate-all");
        assertThat(builtIn.exitCode()).as(builtIn.toString()).isZero();
        assertThat(builtIn.err()).contains("WARN").contains(bad.toString());

        env.put("OCF_RESKEY_strategy", "throws-here");
        Cli.Result broken = Cli.run(env, "ocf", "azure-events-az", "validate-all");
        assertThat(broken.exitCode()).as("OCF_ERR_CONFIGURED\n" + broken).isEqualTo(6);
        assertThat(broken.err()).contains("unknown strategy 'throws-here'").contains("throws.jar");
    }

    @Test
    @DisplayName("the agent runs the plugin's strategy: stateless monitor and resident poller each drain node1 with fixture-drain=on")
    void agentRunsPlugin() throws Exception {
        Cli.requireTools("crm_simulate", "crm_attribute", "cibadmin");
        Path plugins = plugins();
        PluginJars.fixture(plugins.resolve("fixture-drain.jar"));
        for (String mode : List.of("stateless", "resident")) {
            Path cib = Cibs.documented(Files.createDirectories(dir.resolve(mode)));
            Cibs.runCluster(cib);
            try (ImdsSimulator imds = ImdsSimulator.start(new ImdsRegion(), "node1-vm", Visibility.ZONES,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                Map<String, String> env = new HashMap<>(env(plugins));
                env.putAll(Map.of("CIB_file", cib.toString(), "HA_RSCTMP", cib.getParent().toString(),
                        "OCF_RESOURCE_INSTANCE", "plugin-events", "OCF_RESKEY_CRM_meta_on_node", "node1",
                        "OCF_RESKEY_imds_url", imds.baseUrl().toString(), "OCF_RESKEY_mode", mode,
                        "OCF_RESKEY_strategy", "fixture-drain"));
                try {
                    Cli.Result start = Cli.run(env, "ocf", "azure-events-az", "start");
                    assertThat(start.exitCode()).as(mode + " start\n" + start).isZero();
                    imds.schedule(EventType.REBOOT);
                    long end = System.nanoTime() + 30_000_000_000L;
                    String drain = "";
                    while (!drain.equals("on") && System.nanoTime() < end) {
                        if (mode.equals("stateless")) {
                            Cli.Result monitor = Cli.run(env, "ocf", "azure-events-az", "monitor");
                            assertThat(monitor.exitCode()).as(mode + " monitor\n" + monitor).isZero();
                        } else {
                            Thread.sleep(200);
                        }
                        drain = Cli.exec(List.of("crm_attribute", "--node", "node1", "--name", "fixture-drain",
                                "--query", "--quiet"), Map.of("CIB_file", cib.toString()), 30).out().trim();
                    }
                    assertThat(drain).as(mode + ": node1 drained by the plugin's strategy (fixture-drain=on)")
                            .isEqualTo("on");
                } finally {
                    assertThat(Cli.run(env, "ocf", "azure-events-az", "stop").exitCode()).isZero();
                }
            }
        }
    }
}
