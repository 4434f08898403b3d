package io.azevents.cli.commands;

import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code azevents --version}: the version Maven wrote into the jar, the strategies found on the class
 * path (each with its description) and the Java runtime.
 */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("azevents " + number());
        Strategies strategies = Strategies.discover();
        lines.add("strategies: " + (strategies.names().isEmpty() ? "none found" : String.join(", ", strategies.names())));
        for (String name : strategies.names()) {
            NodeDrainStrategyProvider p = strategies.provider(name);
            lines.add("  " + name + ": " + p.description());
        }
        strategies.failures().forEach(f -> lines.add("  failed to load: " + f));
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
