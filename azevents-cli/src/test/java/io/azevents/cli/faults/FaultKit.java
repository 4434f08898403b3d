package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.pacemaker.CrmClusterAttributeStore;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
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
import io.azevents.testkit.Requirements;

/**
 * What the fault tests share: the tool rule (a missing tool or root skips, and fails under
 * {@code CI=true}), a 3-node CIB file run by {@code crm_simulate}, and the built agent jar run as a
 * separate process the way Pacemaker runs it (only {@code OCF_RESKEY_*} and friends in its environment).
 */
public final class FaultKit {
    public static final List<String> NODES = List.of("node1", "node2", "node3");
    static final String AZ_STATE = "azure-events-az_curNodeState";
    static final String AZ_PENDING = "azure-events-az_pendingEventIDs";
    public static final String HEALTH = "#health-azure";
    static final String LEGACY_STATE = "azure-events_curNodeState";
    static final String LEGACY_PENDING = "azure-events_pendingEventIDs";

    private FaultKit() {
    }

    /** A finished process. */
    record Result(int exitCode, String out, String err, Duration elapsed) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Skips (or, under CI=true, fails) with {@code why}. */
    static void unavailable(String why) {
        Requirements.unavailable(why);
    }

    public static void requireTools(String... tools) {
        Requirements.requireTools(tools);
    }

    static String which(String tool) {
        return Requirements.which(tool).map(Path::toString).orElse(null);
    }

    static Path projectRoot() {
        String root = System.getenv("AZEVENTS_PROJECT_ROOT");
        if (root != null && !root.isBlank() && Files.isDirectory(Path.of(root, "azevents-cli"))) {
            return Path.of(root).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("azevents-cli")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project root not found from " + Path.of("").toAbsolutePath());
    }

    static Path jar() {
        Path jar = projectRoot().resolve("azevents-cli/target/azevents.jar");
        assertThat(jar).as("the packaged jar (run mvn package)").exists();
        return jar;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // CIB file ------------------------------------------------------------------------------------

    /**
     * The demo's 3-node CIB (documented health rule, {@code #health-azure=0} everywhere, Dummy
     * resources db and app preferring node1) with every node up and the resources started.
     */
    public static Path threeNodeCib(Path dir) {
        requireTools("cibadmin", "crm_simulate", "crm_attribute");
        Path cib = dir.resolve("cib.xml");
        try (InputStream in = FaultKit.class.getResourceAsStream("/io/azevents/cli/demo/demo-cib.xml")) {
            assertThat(in).as("demo-cib.xml on the class path").isNotNull();
            Files.copy(in, cib);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        simulate(cib, "-u", "node1", "-u", "node2", "-u", "node3");
        return cib;
    }

    /** {@code crm_simulate -X cib -Q [extra]}: the scheduler acts on what the agents wrote. */
    public static void simulate(Path cib, String... extra) {
        List<String> argv = new ArrayList<>(List.of("crm_simulate", "-X", "-x", cib.toString(), "-Q"));
        argv.addAll(List.of(extra));
        Result r = exec(argv, Map.of(), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("crm_simulate\n" + r).isZero();
    }

    public static String cibQuery(Path cib) {
        Result r = exec(List.of("cibadmin", "--query"), Map.of("CIB_file", cib.toString()), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("cibadmin --query\n" + r).isZero();
        return r.out();
    }

    public static CrmClusterAttributeStore store(Path cib, String node) {
        return CrmClusterAttributeStore.builder().cibFile(cib).localNodeName(node).snapshotReuse(Duration.ZERO).build();
    }

    static ClusterNode node(Path cib, String node) {
        ClusterView v = store(cib, "node1").readView();
        return v.node(node).orElseThrow();
    }

    // The agent jar ---------------------------------------------------------------------------------

    /**
     * The environment Pacemaker gives the agent on {@code node} of a CIB file: only what an OCF agent
     * gets (no JAVA_TOOL_OPTIONS, no proxies from the test's own environment).
     */
    static Map<String, String> ocfEnv(Path cib, Path rsctmp, String node, String imdsUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("CIB_file", cib.toString());
        env.put("HA_RSCTMP", rsctmp.toString());
        env.put("OCF_RESOURCE_INSTANCE", "health-azure-events");
        env.put("OCF_RESKEY_CRM_meta_on_node", node);
        env.put("OCF_RESKEY_CRM_meta_timeout", "20000");
        env.put("OCF_RESKEY_imds_url", imdsUrl);
        // These rows drive the agent one cycle per monitor; the resident poller's rows run in
        // ResidentFaultsIT with the default mode.
        env.put("OCF_RESKEY_mode", "stateless");
        env.put("OCF_ROOT", "/usr/lib/ocf");
        return env;
    }

    /** {@code java -jar azevents.jar ocf <agent> <action>} with exactly {@code env}. */
    static Result ocf(Map<String, String> env, String agent, String action) {
        return exec(ocfArgv(List.of(), agent, action), env, Duration.ofSeconds(120), true);
    }

    static List<String> ocfArgv(List<String> launcher, String agent, String action) {
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-jar",
                jar().toString(), "ocf", agent, action));
        return argv;
    }

    static Result exec(List<String> argv, Map<String, String> env, Duration timeout) {
        return exec(argv, env, timeout, false);
    }

    /** Runs {@code argv}; with {@code exactEnv} the child gets {@code env} only, else the test's plus {@code env}. */
    static Result exec(List<String> argv, Map<String, String> env, Duration timeout, boolean exactEnv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (exactEnv) {
            pb.environment().clear();
            // The agent's history stays under target/ (see the surefire/failsafe configuration), never in /var/lib.
            String history = System.getenv("AZEVENTS_HISTORY_DIR");
            if (history != null) {
                pb.environment().put("AZEVENTS_HISTORY_DIR", history);
            }
        } else {
            pb.environment().remove("CIB_file");
        }
        pb.environment().putAll(env);
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + argv + "\n" + err.getNow(""));
            }
            return new Result(p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Runs {@code tasks} on {@code threads} threads and waits for all of them; the first failure is
     * thrown as it was (an {@link AssertionError} stays one), and the pool is shut down either way.
     */
    public static void inParallel(int threads, List<? extends java.util.concurrent.Callable<?>> tasks) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (java.util.concurrent.Callable<?> t : tasks) {
                runs.add(pool.submit(t));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError a) {
                        throw a;
                    }
                    if (e.getCause() instanceof Exception x) {
                        throw x;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
