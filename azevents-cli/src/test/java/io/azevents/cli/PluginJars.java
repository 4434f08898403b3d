package io.azevents.cli;

import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real strategy plugin jars at test time: sources compiled with the JDK's compiler against
 * azevents-core's classes only (the public API a third party has), jarred with their
 * {@code META-INF/services} entry.
 */
public final class PluginJars {
    /** The fixture's strategy name (see {@code plugin-fixture/FixtureDrainProvider.java}). */
    public static final String FIXTURE = "fixture-drain";
    private static final String SERVICE = "META-INF/services/" + NodeDrainStrategyProvider.class.getName();

    private PluginJars() {
    }

    /** The fixture strategy {@value #FIXTURE} as {@code jar}. */
    public static Path fixture(Path jar) {
        try (InputStream in = PluginJars.class.getResourceAsStream("/plugin-fixture/FixtureDrainProvider.java")) {
            if (in == null) {
                throw new IllegalStateException("no plugin-fixture/FixtureDrainProvider.java on the test class path");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return build(jar, Map.of("fixture.drain.FixtureDrainProvider", source),
                    List.of("fixture.drain.FixtureDrainProvider"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A provider class {@code className} named {@code strategy} whose constructor runs {@code constructorBody}. */
    public static Path provider(Path jar, String className, String strategy, String constructorBody) {
        int dot = className.lastIndexOf('.');
        String source = "package " + className.substring(0, dot) + ";\n"
                + "public final class " + className.substring(dot + 1)
                + " implements io.azevents.core.spi.NodeDrainStrategyProvider {\n"
                + "  public " + className.substring(dot + 1) + "() { " + constructorBody + " }\n"
                + "  public String name() { return \"" + strategy + "\"; }\n"
                + "  public String description() { return \"test plugin " + strategy + "\"; }\n"
                + "  public io.azevents.core.spi.NodeDrainStrategy create(io.azevents.core.AgentConfig c) {\n"
                + "    throw new IllegalStateException(\"not for running\");\n  }\n}\n";
        return build(jar, Map.of(className, source), List.of(className));
    }

    /** A file called {@code jar} that is no zip at all. */
    public static Path corrupt(Path jar) {
        try {
            return Files.write(jar, "PK\u0003\u0004 this is not a jar".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code sources} (class name to source), jars the classes and registers {@code providers}. */
    public static Path build(Path jar, Map<String, String> sources, List<String> providers) {
        Path work = null;
        try {
            work = Files.createTempDirectory("azevents-plugin-src");
            Path src = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                    "-classpath", coreClasses().toString()));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
                args.add(f.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home") + " (a JDK is needed)");
            }
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("the plugin sources did not compile (javac exit " + rc + "):\n"
                        + diagnostics.toString(StandardCharsets.UTF_8));
            }
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path c : files.filter(Files::isRegularFile).sorted().toList()) {
                    j.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                    j.write(Files.readAllBytes(c));
                    j.closeEntry();
                }
                j.putNextEntry(new JarEntry(SERVICE));
                j.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (work != null) {
                try (Stream<Path> s = Files.walk(work)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind
                }
            }
        }
    }

    /** Where azevents-core's classes are (its target/classes in the reactor, or its jar). */
    private static Path coreClasses() {
        try {
            return Path.of(NodeDrainStrategyProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
