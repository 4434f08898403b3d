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

    /**
     * Skips, or under {@code CI=true} (the environment variable, in any case) fails, the calling
     * test, saying what it {@code needs}. Never returns normally.
     *
     * @param needs what is missing, in words that complete "needs ...", for example
     *              {@code "root (the lab uses namespaces)"}
     * @throws org.opentest4j.TestAbortedException unless {@code CI=true}: the test is skipped
     * @throws AssertionError                       if {@code CI=true}: the test fails
     */
    public static void unavailable(String needs) {
        String message = "needs " + needs;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: it must be installed, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
    }

    /**
     * Every command in {@code tools} must be on the PATH, where the code under test will look for it
     * (see {@link #which(String)}); otherwise the test is skipped or failed, naming every missing one.
     *
     * @param tools command names, without a directory, for example {@code "crm_mon"}; none requires
     *              nothing
     * @throws org.opentest4j.TestAbortedException if one is missing and {@code CI} is not
     *                                             {@code true}: the test is skipped
     * @throws AssertionError                       if one is missing and {@code CI=true}: the test fails
     */
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

    /**
     * The process must run as root (see {@link #isRoot()}); otherwise the test is skipped or failed.
     *
     * @param why what root is needed for, shown in the message
     * @throws org.opentest4j.TestAbortedException if the process is not root and {@code CI} is not
     *                                             {@code true}: the test is skipped
     * @throws AssertionError                       if the process is not root and {@code CI=true}
     */
    public static void requireRoot(String why) {
        if (!isRoot()) {
            unavailable("root (" + why + ")");
        }
    }

    /**
     * {@code dir} must exist and be writable by this process; otherwise the test is skipped or
     * failed.
     *
     * @param dir the directory (or file) to check
     * @param why what writing there is needed for, shown in the message
     * @throws org.opentest4j.TestAbortedException if {@code dir} is not writable and {@code CI} is not
     *                                             {@code true}: the test is skipped
     * @throws AssertionError                       if {@code dir} is not writable and {@code CI=true}
     */
    public static void requireWritable(Path dir, String why) {
        if (!Files.isWritable(dir)) {
            unavailable("write access to " + dir + " (" + why + ")");
        }
    }

    /**
     * What the live cluster lab needs: the cluster's daemons and tools on the PATH, and root;
     * otherwise the test is skipped or failed.
     *
     * @throws org.opentest4j.TestAbortedException if a tool or root is missing and {@code CI} is not
     *                                             {@code true}: the test is skipped
     * @throws AssertionError                       if a tool or root is missing and {@code CI=true}:
     *                                             the test fails
     */
    public static void requireLab() {
        requireTools("cibadmin", "crm_mon", "crm_attribute", "corosync", "pacemakerd", "ip", "nsenter", "unshare",
                "flock");
        requireRoot("the cluster lab uses network, mount and PID namespaces");
    }

    /**
     * Where {@code tool} is on the PATH, as a shell would find it.
     *
     * @param tool a command name, without a directory
     * @return the first executable file of that name in the directories of {@code PATH} (or of
     *     {@code /usr/bin:/bin} if {@code PATH} is not set); empty if there is none
     */
    public static Optional<Path> which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Optional.of(Path.of(dir, tool));
            }
        }
        return Optional.empty();
    }

    /**
     * True when this process runs as root.
     *
     * @return true if its real user id is 0, as {@code /proc/self/status} says; false elsewhere,
     *     including where {@code /proc} cannot be read (not Linux)
     */
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
