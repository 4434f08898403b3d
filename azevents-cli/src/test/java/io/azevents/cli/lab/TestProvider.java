package io.azevents.cli.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An OCF provider of one test run: in {@code /usr/lib/ocf/resource.d/<name>}, one wrapper per agent
 * that sets {@code environment} and execs the packaged jar as {@code ocf AGENT}. Unique names keep two
 * runs on one machine (developers, CI jobs) from removing each other's agents.
 */
final class TestProvider {
    private TestProvider() {
    }

    /** The directory of provider {@code name}. */
    static Path dir(String name) {
        return Path.of("/usr/lib/ocf/resource.d", name);
    }

    /**
     * Writes the wrappers of {@code agents} into {@code dir}: each exports {@code environment} (lines
     * {@code NAME=value}, may be empty) and execs {@code java} with {@code jvmFlags} on {@code jar}.
     */
    static void install(Path dir, String writtenBy, String java, String jvmFlags, Path jar, String environment,
                        List<String> agents) throws IOException {
        Files.createDirectories(dir);
        for (String agent : agents) {
            StringBuilder b = new StringBuilder("#!/bin/sh\n# written by ").append(writtenBy)
                    .append(", removed when it ends\n");
            environment.lines().forEach(l -> b.append(l).append("\nexport ").append(l, 0, l.indexOf('=')).append('\n'));
            b.append("exec ").append(java).append(jvmFlags.isEmpty() ? "" : " " + jvmFlags).append(" -jar ")
                    .append(jar.toAbsolutePath()).append(" ocf ").append(agent).append(" \"$@\"\n");
            Path w = dir.resolve(agent);
            Files.writeString(w, b.toString(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Removes what {@link #install} wrote, if {@code installed}, and the test's {@code work} tree, if any. */
    static void remove(boolean installed, Path dir, Path work) throws IOException {
        if (installed && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
