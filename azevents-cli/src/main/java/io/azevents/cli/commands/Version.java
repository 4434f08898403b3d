package io.azevents.cli.commands;

import io.azevents.cli.wiring.Plugins;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code azevents --version}: the version Maven wrote into the jar, the strategies found (built in,
 * or from a plugin jar, see {@link Plugins}; each with its description), the plugins not used and
 * the Java runtime.
 */
final class Version implements IVersionProvider {
    private final Map<String, String> env;

    /** For picocli's tools (man pages): the process's environment. */
    Version() {
        this(System.getenv());
    }

    Version(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("azevents " + number());
        Plugins plugins = Plugins.installed(env);
        Strategies strategies = plugins.strategies();
        lines.add("strategies: " + (strategies.names().isEmpty() ? "none found" : String.join(", ", strategies.names())));
        for (String name : strategies.names()) {
            NodeDrainStrategyProvider p = strategies.provider(name);
            lines.add("  " + name + ": " + p.description()
                    + plugins.origin(name).map(jar -> " (plugin " + jar + ")").orElse(""));
        }
        strategies.failures().forEach(f -> lines.add("  not used: " + f));
        lines.add("java: " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + " (" + System.getProperty("java.vendor") + ")");
        return lines.toArray(String[]::new);
    }

    /** The project version, from {@code version.properties} (Maven resource filtering). */
    static String number() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown (no version.properties)";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
