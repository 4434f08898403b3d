package io.azevents.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategiesTest {

    /** A provider for tests; its name is whatever the subclass says. */
    public static class Named implements NodeDrainStrategyProvider {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test provider " + name;
        }

        @Override
        public List<String> problems(AgentConfig config) {
            return config.get("bad").isPresent() ? List.of("bad: must not be set") : List.of();
        }

        @Override
        public NodeDrainStrategy create(AgentConfig config) {
            return new NodeDrainStrategy() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Decision decide(io.azevents.core.spi.CycleInput input) {
                    return Decision.builder(name, input.localNode()).build();
                }
            };
        }
    }

    public static class Alpha extends Named {
        public Alpha() {
            super("alpha");
        }
    }

    public static class AlphaAgain extends Named {
        public AlphaAgain() {
            super("alpha");
        }
    }

    public static class Exploding extends Named {
        public Exploding() {
            super("exploding");
            throw new IllegalStateException("cannot start");
        }
    }

    @Test
    @DisplayName("providers handed in directly are found by name")
    void direct() {
        Strategies s = Strategies.of(new Named("alpha"), new Named("beta"));

        assertThat(s.names()).containsExactly("alpha", "beta");
        assertThat(s.create("beta", AgentConfig.of(Map.of())).name()).isEqualTo("beta");
    }

    @Test
    @DisplayName("an unknown name fails and lists the known ones")
    void unknown() {
        Strategies s = Strategies.of(new Named("alpha"), new Named("beta"));

        assertThatThrownBy(() -> s.provider("gamma"))
                .isInstanceOf(StrategyLookupException.class)
                .hasMessageContaining("unknown strategy 'gamma'")
                .hasMessageContaining("alpha, beta");
    }

    @Test
    @DisplayName("two providers with one name are an error naming both classes")
    void duplicate() {
        assertThatThrownBy(() -> Strategies.of(new Alpha(), new AlphaAgain()))
                .isInstanceOf(StrategyLookupException.class)
                .hasMessageContaining("two providers are named alpha")
                .hasMessageContaining(Alpha.class.getName())
                .hasMessageContaining(AlphaAgain.class.getName());
    }

    @Test
    @DisplayName("a provider name that is not kebab-case is refused")
    void badName() {
        assertThatThrownBy(() -> Strategies.of(new Named("Az Health")))
                .isInstanceOf(StrategyLookupException.class)
                .hasMessageContaining("invalid name");
    }

    @Test
    @DisplayName("the configuration is checked, common keys and the strategy's own, before creating")
    void configChecked() {
        Strategies s = Strategies.of(new Named("alpha"));

        assertThatThrownBy(() -> s.create("alpha", AgentConfig.of(Map.of("retry_count", "x", "bad", "1"))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anyMatch(p -> p.startsWith("retry_count"))
                        .anyMatch(p -> p.startsWith("bad")));
    }

    private static ClassLoader loaderWithServices(Path dir, String... lines) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.write(services.resolve(NodeDrainStrategyProvider.class.getName()), List.of(lines));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, StrategiesTest.class.getClassLoader());
    }

    @Test
    @DisplayName("ServiceLoader discovery finds registered providers")
    void discovered(@TempDir Path dir) throws Exception {
        Strategies s = Strategies.discover(loaderWithServices(dir, Alpha.class.getName()));

        assertThat(s.names()).contains("alpha");
        assertThat(s.failures()).isEmpty();
    }

    @Test
    @DisplayName("discovery reports a duplicate name found on the class path")
    void discoveredDuplicate(@TempDir Path dir) throws Exception {
        ClassLoader cl = loaderWithServices(dir, Alpha.class.getName(), AlphaAgain.class.getName());

        assertThatThrownBy(() -> Strategies.discover(cl))
                .isInstanceOf(StrategyLookupException.class)
                .hasMessageContaining("two providers are named alpha");
    }

    @Test
    @DisplayName("a provider that fails to load is reported by class name, and the others still work")
    void broken(@TempDir Path dir) throws Exception {
        ClassLoader cl = loaderWithServices(dir, Alpha.class.getName(), Exploding.class.getName(),
                "com.example.MissingProvider");

        Strategies s = Strategies.discover(cl);

        assertThat(s.names()).contains("alpha").doesNotContain("exploding");
        assertThat(s.failures()).hasSize(2);
        assertThat(String.join("\n", s.failures()))
                .contains(Exploding.class.getName())
                .contains("com.example.MissingProvider");
        assertThatThrownBy(() -> s.provider("exploding"))
                .hasMessageContaining("failed to load")
                .hasMessageContaining(Exploding.class.getName());
    }

    @Test
    @DisplayName("discover() also searches the thread's context class loader, counting each provider class once")
    void contextLoader(@TempDir Path dir) throws Exception {
        ClassLoader cl = loaderWithServices(dir, Alpha.class.getName());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(cl);
        try {
            Strategies s = Strategies.discover();
            assertThat(s.names()).contains("alpha");
            assertThat(Strategies.discover(List.of(cl, cl)).names()).containsExactly("alpha");
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        assertThat(Strategies.discover().names()).doesNotContain("alpha");
    }
}
