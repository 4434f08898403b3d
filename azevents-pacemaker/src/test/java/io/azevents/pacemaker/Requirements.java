package io.azevents.pacemaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need something outside the JVM: a missing tool skips the test on a
 * developer machine, and fails it when {@code CI=true} (CI must have everything installed).
 */
final class Requirements {
    private Requirements() {
    }

    /** Pacemaker's command-line tools, enough for tests on a CIB file. */
    static void requirePacemakerTools() {
        requireTools("cibadmin", "crm_attribute", "crm_verify");
    }

    /** What the live lab needs: root, the Pacemaker and Corosync daemons, iproute2 and util-linux. */
    static void requireLab() {
        requireTools("cibadmin", "crm_mon", "corosync", "pacemakerd", "ip", "nsenter", "unshare", "flock");
        if (!isRoot()) {
            missing("root (the cluster lab uses network, mount and PID namespaces)");
        }
    }

    static void requireTools(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                missing("the command " + tool);
            }
        }
    }

    private static void missing(String what) {
        String message = "needs " + what;
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: tools must be installed)");
        }
        Assumptions.abort(message);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
