package io.azevents.cli.ocf;

import io.azevents.cli.wiring.EnvConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agent instance's state file under {@code HA_RSCTMP}: it exists while the instance is started
 * (so a probe of a stopped instance answers "not running", as Pacemaker's own health agents do) and
 * remembers when the current run of failing cycles began. Owner-only (0600), replaced atomically.
 */
final class StateFile {
    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    static StateFile forInstance(Map<String, String> env) {
        Path dir = EnvConfig.stateDirectory(env);
        String instance = env.getOrDefault("OCF_RESOURCE_INSTANCE", "azevents");
        String safe = instance.replaceAll("[^A-Za-z0-9_.:-]", "_");
        return new StateFile(dir.resolve("azevents-" + safe + ".state"));
    }

    Path path() {
        return path;
    }

    Path directory() {
        return path.getParent();
    }

    boolean exists() {
        return Files.exists(path);
    }

    Map<String, String> read() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // A missing or unreadable state file reads as empty; exists() tells "not running".
        }
        return m;
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(read().get(key));
    }

    void write(Map<String, String> values) {
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), ".azevents", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            StringBuilder b = new StringBuilder();
            values.forEach((k, v) -> b.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
            Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + path + ": " + e.getMessage(), e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the state file " + path + ": " + e.getMessage(), e);
        }
    }
}
