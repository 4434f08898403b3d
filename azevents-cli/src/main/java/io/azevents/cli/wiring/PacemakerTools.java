package io.azevents.cli.wiring;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds Pacemaker's command-line tools on the PATH. */
public final class PacemakerTools {
    private PacemakerTools() {
    }

    public static boolean available() {
        return onPath("cibadmin") && onPath("crm_simulate");
    }

    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
