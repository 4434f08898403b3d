package io.azevents.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.cli.PluginJars;
import io.azevents.core.AgentConfig;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Decision;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.Strategies;
import io.azevents.core.StrategyLookupException;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Plugins} with real jars built at test time: what is used, what is reported, and that the built-ins always stay. */
class PluginsTest {
    private static final Set<String> BUILT_IN = Set.of("az-health", "legacy-pullstate");
    private static final String EVENT = "4a0e6b1c-8e5e-4f8a-9c3e-2b7f1d9e0a11";

    @TempDir
    Path dir;

    private Plugins load() {
        return Plugins.load(dir, Plugins.class.getClassLoader());
    }

    @Test
    @DisplayName("a missing or empty directory: the built-in strategies, nothing reported")
    void noPlugins() throws IOException {
        Plugins missing = Plugins.load(dir.resolve("absent"), Plugins.class.getClassLoader());
        assertThat(missing.strategies().names()).isEqualTo(BUILT_IN);
        assertThat(missing.broken()).isEmpty();
        assertThat(missing.origin("az-health")).isEmpty();

        Files.writeString(dir.resolve("README"), "not a jar: ignored");
        Plugins empty = load();
        assertThat(empty.strategies().names()).isEqualTo(BUILT_IN);
        assertThat(empty.broken()).isEmpty();
    }

    @Test
    @DisplayName("the directory is chosen by the system property, then AZEVENTS_PLUGIN_DIR, else the packaged one")
    void directory() {
        assertThat(Plugins.directory(Map.of())).isEqualTo(Path.of("/usr/share/azevents/plugins"));
        assertThat(Plugins.directory(Map.of(Plugins.ENV, "/opt/x"))).isEqualTo(Path.of("/opt/x"));
        System.setProperty(Plugins.PROPERTY, "/opt/y");
        try {
            assertThat(Plugins.directory(Map.of(Plugins.ENV, "/opt/x"))).isEqualTo(Path.of("/opt/y"));
        } finally {
            System.clearProperty(Plugins.PROPERTY);
        }
    }

    @Test
    @DisplayName("a plugin jar's strategy is found, says where it comes from, and creates a working strategy")
    void fixturePlugin() {
        Path jar = PluginJars.fixture(dir.resolve("fixture-drain.jar"));

        Plugins p = load();

        assertThat(p.broken()).isEmpty();
        assertThat(p.strategies().names()).containsAll(BUILT_IN).contains(PluginJars.FIXTURE);
        assertThat(p.origin(PluginJars.FIXTURE)).contains(jar);
        assertThat(p.strategies().provider(PluginJars.FIXTURE).getClass().getClassLoader())
                .isNotSameAs(Plugins.class.getClassLoader());
        assertThat(p.strategies().provider(PluginJars.FIXTURE).parameters()).extracting(s -> s.name())
                .containsExactly("agent_prefix");
    }

    @Test
    @DisplayName("the fixture drains its node before its event, approves once empty, restores after, never drains the last node")
    void fixtureDecides() {
        PluginJars.fixture(dir.resolve("fixture-drain.jar"));
        NodeDrainStrategy s = load().strategies().create(PluginJars.FIXTURE, AgentConfig.of(Map.of()));
        ScheduledEventsDocument doc = new ScheduledEventsDocument(2,
                List.of(ScheduledEvent.of(EVENT, EventType.REBOOT, Optional.empty(), "vm1")));
        ClusterNode peer = ClusterNode.builder("node2").build();

        Decision drain = s.decide(input(doc, node1(Map.of(), List.of("db", "plugin-events:0")), peer));
        assertThat(drain.state()).isEqualTo(NodeState.STOPPING);
        assertThat(drain.updates()).extracting(Object::toString).containsExactly("node1:fixture-drain=on");

        Decision waiting = s.decide(input(doc, node1(Map.of("fixture-drain", "on"), List.of("db", "plugin-events:0")), peer));
        assertThat(waiting.actions()).isEmpty();

        Decision approve = s.decide(input(doc, node1(Map.of("fixture-drain", "on"), List.of("plugin-events:0")), peer));
        assertThat(approve.approvals()).singleElement()
                .satisfies(a -> assertThat(a.eventIds()).containsExactly(EVENT));

        Decision restore = s.decide(input(ScheduledEventsDocument.empty(3),
                node1(Map.of("fixture-drain", "on"), List.of("plugin-events:0")), peer));
        assertThat(restore.updates()).extracting(Object::toString).containsExactly("node1:fixture-drain (delete)");

        ClusterNode standbyPeer = ClusterNode.builder("node2").standby(true).build();
        Decision last = s.decide(input(doc, node1(Map.of(), List.of("db")), standbyPeer));
        assertThat(last.actions()).isEmpty();
        assertThat(last.warnings()).singleElement().asString().contains("the last node is not drained");
    }

    private static ClusterNode node1(Map<String, String> attributes, List<String> running) {
        return ClusterNode.builder("node1").attributes(attributes).runningResources(running).build();
    }

    private static CycleInput input(ScheduledEventsDocument doc, ClusterNode local, ClusterNode peer) {
        return new CycleInput("vm1", doc, new ClusterView("node1", List.of(local, peer), Map.of(), Map.of(), "1"),
                Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    @DisplayName("corrupt jar, throwing provider, clash with az-health, invalid name, no service entry: each reported by its jar; the good plugin and the built-ins stay")
    void brokenPluginsReportedByJar() throws IOException {
        Path corrupt = PluginJars.corrupt(dir.resolve("a-corrupt.jar"));
        Path throwing = PluginJars.provider(dir.resolve("b-throws.jar"), "bad.Throws", "throws-here",
                "throw new IllegalStateException(\"licence server unreachable\");");
        Path clash = PluginJars.provider(dir.resolve("c-clash.jar"), "bad.Clash", "az-health", "");
        Path invalid = PluginJars.provider(dir.resolve("d-invalid.jar"), "bad.Invalid", "Not Kebab", "");
        Path empty = dir.resolve("e-no-services.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new java.util.jar.JarEntry("x/readme.txt"));
            out.write("no strategy here".getBytes());
        }
        Path dirJar = Files.createDirectory(dir.resolve("f-directory.jar"));
        Path good = PluginJars.fixture(dir.resolve("z-good.jar"));

        Plugins p = load();

        assertThat(p.strategies().names()).containsAll(BUILT_IN).contains(PluginJars.FIXTURE)
                .doesNotContain("throws-here");
        assertThat(p.origin(PluginJars.FIXTURE)).contains(good);
        assertThat(p.origin("az-health")).isEmpty();
        assertThat(p.strategies().provider("az-health").getClass().getName())
                .isEqualTo("io.azevents.azhealth.AzHealthStrategyProvider");
        Map<Path, String> reasons = new java.util.HashMap<>();
        p.broken().forEach(b -> reasons.merge(b.jar(), b.reason(), (x, y) -> x + " | " + y));
        assertThat(reasons).containsOnlyKeys(corrupt, throwing, clash, invalid, empty, dirJar);
        assertThat(reasons.get(corrupt)).contains("not a jar");
        assertThat(reasons.get(throwing)).contains("bad.Throws").contains("licence server unreachable");
        assertThat(reasons.get(clash)).contains("az-health").contains("built-in strategy az-health is used instead");
        assertThat(reasons.get(invalid)).contains("invalid name").contains("Not Kebab");
        assertThat(reasons.get(empty)).contains("registers no strategy");
        assertThat(reasons.get(dirJar)).contains("not a regular file");
        assertThat(p.strategies().failures()).anyMatch(f -> f.contains("a-corrupt.jar"));
        assertThatThrownBy(() -> p.strategies().provider("throws-here")).isInstanceOf(StrategyLookupException.class)
                .hasMessageContaining("b-throws.jar").hasMessageContaining("licence server unreachable");
    }

    @Test
    @DisplayName("two plugins with one name: neither is used, both are reported")
    void twoPluginsOneName() {
        Path one = PluginJars.provider(dir.resolve("one.jar"), "p.One", "same-name", "");
        Path two = PluginJars.provider(dir.resolve("two.jar"), "p.Two", "same-name", "");

        Plugins p = load();

        assertThat(p.strategies().names()).isEqualTo(BUILT_IN);
        assertThat(p.broken()).extracting(Plugins.Broken::jar).containsExactly(one, two);
        assertThat(p.broken()).allMatch(b -> b.reason().contains("none of them is used"));
    }

    @Test
    @DisplayName("a path that is not a directory is reported; the built-ins stay")
    void notADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("plugins"), "a file");
        Plugins p = Plugins.load(file, Plugins.class.getClassLoader());
        assertThat(p.strategies().names()).isEqualTo(BUILT_IN);
        assertThat(p.broken()).singleElement().satisfies(b -> {
            assertThat(b.jar()).isEqualTo(file);
            assertThat(b.reason()).contains("not a directory");
        });
        assertThat(Strategies.of(List.of(), List.of("x")).failures()).containsExactly("x");
    }
}
