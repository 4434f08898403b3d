package io.azevents.pacemaker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code testing/cluster-lab/cluster-lab.sh}: a real Pacemaker cluster of N nodes on this
 * machine. Found through {@code AZEVENTS_PROJECT_ROOT} (set by surefire) or by walking up from the
 * working directory.
 */
final class ClusterLab {
    static final String SCRIPT = "testing/cluster-lab/cluster-lab.sh";
    private final Path script;

    ClusterLab() {
        this.script = locate();
    }

    Path script() {
        return script;
    }

    /** Brings up {@code n} nodes and waits until all are online with a DC; tears down if that fails. */
    void up(int n) {
        try {
            run(Duration.ofSeconds(120), "up", Integer.toString(n));
        } catch (RuntimeException e) {
            down();
            throw e;
        }
    }

    /** Tears the lab down; never throws. */
    void down() {
        try {
            run(Duration.ofSeconds(60), "down");
        } catch (RuntimeException e) {
            System.err.println("cluster-lab down failed: " + e.getMessage());
        }
    }

    /** Runs {@code args} inside {@code node}. */
    CommandRunner.Result exec(String node, String... args) {
        return runner(node).run(List.of(args), Map.of(), Duration.ofSeconds(30));
    }

    /** Runs {@code args} inside {@code node}, failing on a non-zero exit. */
    String execOk(String node, String... args) {
        CommandRunner.Result r = exec(node, args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(node + ": " + String.join(" ", args) + " -> " + r.exitCode()
                    + ": " + r.stderr());
        }
        return r.stdout();
    }

    /** A runner whose commands run inside {@code node}. */
    CommandRunner runner(String node) {
        return CommandRunner.local().withPrefix(List.of(script.toString(), "exec", node));
    }

    private void run(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (var in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ":\n"
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path locate() {
        String root = System.getenv("AZEVENTS_PROJECT_ROOT");
        if (root != null && !root.isBlank() && Files.isRegularFile(Path.of(root, SCRIPT))) {
            return Path.of(root, SCRIPT).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir.resolve(SCRIPT);
            }
        }
        throw new IllegalStateException("cannot find " + SCRIPT + " (set AZEVENTS_PROJECT_ROOT)");
    }
}
