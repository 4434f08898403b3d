package io.azevents.cli.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code testing/cluster-lab/cluster-lab.sh} with this test's own prefix, subnet and state
 * directory (so it cannot clash with another lab on the machine).
 */
final class Lab {
    static final String SCRIPT = "testing/cluster-lab/cluster-lab.sh";
    private final Path script;
    private final String prefix;
    private final Map<String, String> env = new HashMap<>();

    private long crmMillis;

    Lab(String prefix, String subnet, Path state) {
        this.script = locate();
        this.prefix = prefix;
        env.put("LAB_PREFIX", prefix);
        env.put("LAB_SUBNET", subnet);
        env.put("LAB_STATE", state.toString());
        env.put("LAB_CLUSTER_NAME", prefix + "lab");
        env.put("LAB_FAST_DOWN", "1"); // the lab is thrown away: SIGKILL its nodes rather than wait for a clean stop
    }

    /** The result of one command. */
    record Result(int exitCode, String out, String err) {
        boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    /** The network namespace of node {@code i} (the script's naming: PREFIX + "n" + i). */
    String netns(int i) {
        return prefix + "n" + i;
    }

    Path state() {
        return Path.of(env.get("LAB_STATE"));
    }

    Path pacemakerLog(int i) {
        return state().resolve("node" + i).resolve("log-pacemaker").resolve("pacemaker.log");
    }

    void up(int n) {
        Result r = script(Duration.ofSeconds(120), "up", Integer.toString(n));
        if (!r.ok()) {
            throw new IllegalStateException("cluster-lab up failed: " + r);
        }
    }

    /** Never throws. */
    void down() {
        try {
            Result r = script(Duration.ofSeconds(90), "down");
            if (!r.ok()) {
                System.err.println("cluster-lab down failed: " + r);
            }
        } catch (RuntimeException e) {
            System.err.println("cluster-lab down failed: " + e);
        }
    }

    Result exec(String node, String... cmd) {
        List<String> a = new ArrayList<>(List.of("exec", node));
        a.addAll(List.of(cmd));
        return script(Duration.ofSeconds(60), a.toArray(String[]::new));
    }

    String execOk(String node, String... cmd) {
        Result r = exec(node, cmd);
        if (!r.ok()) {
            throw new IllegalStateException(node + ": " + String.join(" ", cmd) + " -> " + r);
        }
        return r.out();
    }

    /** crmsh on node1, failing the test if it fails; its time is added to {@link #crmMillis()}. */
    void crm(String... args) {
        List<String> argv = new ArrayList<>(List.of("crm"));
        argv.addAll(List.of(args));
        long t = System.nanoTime();
        execOk("node1", argv.toArray(String[]::new));
        crmMillis += (System.nanoTime() - t) / 1_000_000;
    }

    /** Milliseconds spent in {@link #crm} on this lab so far. */
    long crmMillis() {
        return crmMillis;
    }

    /**
     * The node-health part of the admin guide's setup, with crmsh: {@code node-health-strategy=custom},
     * the location rule that keeps everything but the agent ({@code health-*}) off a node whose
     * {@code #health-azure} is negative, and {@code #health-azure=0} on each of {@code nodes}.
     */
    void configureNodeHealth(List<String> nodes) {
        crm("configure", "property", "node-health-strategy=custom");
        crm("configure", "location", "loc_azure_health", "/!health-.*/", "rule", "#health-azure:", "defined", "#uname");
        for (String n : nodes) {
            execOk("node1", "crm_attribute", "--node", n, "--name", "#health-azure", "--update", "0");
        }
    }

    /** Workload: each of {@code dummies} an {@code ocf:pacemaker:Dummy} monitored every 10 s, preferring {@code node} (score 100). */
    void configureDummies(List<String> dummies, String node) {
        for (String d : dummies) {
            crm("configure", "primitive", d, "ocf:pacemaker:Dummy", "op", "monitor", "interval=10s");
            crm("configure", "location", "prefer-" + d, d, "100:", node);
        }
    }

    Result script(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(List.of(args));
        return run(argv, env, timeout);
    }

    static Result run(List<String> argv, Map<String, String> extraEnv, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().putAll(extraEnv);
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p, true));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p, false));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " timed out after " + timeout);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String slurp(Process p, boolean stdout) {
        try (var in = stdout ? p.getInputStream() : p.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static Path projectRoot() {
        return locate().getParent().getParent().getParent();
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
