package io.azevents.pacemaker.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The setup blocks of {@code docs/admin-guide.md}: the shell code block that follows the marker
 * {@code <!-- setup:crmsh ...-->} or {@code <!-- setup:pcs ...-->}, as the administrator types it.
 */
public final class AdminGuide {
    private AdminGuide() {
    }

    /** The guide, found from the working directory up. */
    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path guide = dir.resolve("docs/admin-guide.md");
            if (Files.isRegularFile(guide)) {
                return guide;
            }
        }
        throw new IllegalStateException("cannot find docs/admin-guide.md above " + Path.of("").toAbsolutePath());
    }

    /** The setup block for {@code shell}, a script for {@code sh}. */
    public static String setup(Shell shell) {
        try {
            List<String> lines = Files.readAllLines(path());
            int marker = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("<!-- setup:" + shell.key() + " ")) {
                    marker = i;
                }
            }
            if (marker < 0 || !lines.get(marker + 1).startsWith("```")) {
                throw new IllegalStateException("the guide has no setup block for " + shell.key());
            }
            StringBuilder b = new StringBuilder();
            for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
                b.append(lines.get(i)).append('\n');
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
