package io.azevents.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need something outside the JVM (Pacemaker's tools, root for the
 * cluster lab): what is missing skips the test on a developer's machine, and fails it when
 * {@code CI=true}, where everything must be installed. Stateless; thread-safe.
 */
public final class Requirements {
    private Requirements() {
    }

    /** Skips, or under {@code CI=true} fails, the calling test, saying what it {@code needs}. */
    public static void unavailable(String needs) {
        String message = "needs " + needs;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: it must be installed, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
    }

    /** Every command in {@code tools} must be on the PATH, where the code under test will look for it. */
    public static void requireTools(String... tools) {
        List<String> missing = new ArrayList<>();
        for (String t : tools) {
            if (which(t).isEmpty()) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            unavailable("the commands " + missing + " (Debian: apt-get install pacemaker pacemaker-cli-utils "
                    + "corosync resource-agents crmsh libxml2-utils iproute2 strace time)");
        }
    }

    /** The process must run as root, for {@code why}. */
    public static void requireRoot(String why) {
        if (!isRoot()) {
            unavailable("root (" + why + ")");
        }
    }

    /** {@code dir} must be writable, for {@code why}. */
    public static void requireWritable(Path dir, String why) {
        if (!Files.isWritable(dir)) {
            unavailable("write access to " + dir + " (" + why + ")");
        }
    }

    /** What the live cluster lab needs: root and the cluster's daemons and tools. */
    public static void requireLab() {
        requireTools("cibadmin", "crm_mon", "crm_attribute", "corosync", "pacemakerd", "ip", "nsenter", "unshare",
                "flock");
        requireRoot("the cluster lab uses network, mount and PID namespaces");
    }

    /** Where {@code tool} is on the PATH. */
    public static Optional<Path> which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Optional.of(Path.of(dir, tool));
            }
        }
        return Optional.empty();
    }

    /** True when this process runs as root. */
    public static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
