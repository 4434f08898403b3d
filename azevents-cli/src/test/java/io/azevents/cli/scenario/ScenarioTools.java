package io.azevents.cli.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The Pacemaker tools the scenario tests run: missing ones skip a test, or fail it under {@code CI=true}. */
final class ScenarioTools {
    private ScenarioTools() {
    }

    static void require(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                String message = tool + " is not installed (Debian: apt-get install pacemaker-cli-utils)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(message + " (CI=true: tools must be installed)");
                }
                Assumptions.abort(message);
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
