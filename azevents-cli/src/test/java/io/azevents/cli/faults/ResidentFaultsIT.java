package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import io.azevents.simulation.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident-only rows of the fault matrix, for real: the built agent jar and the packaged bash
 * wrapper ({@code packaging/ocf/azure-events-az}) run as separate processes in the default mode
 * (resident), on a 3-node CIB file moved by {@code crm_simulate}, with an {@link ImdsSimulator} on
 * loopback. Every poller a test starts is recorded by its PID and killed in {@link #tearDown()},
 * whatever the test's outcome.
 *
 * <p>A CIB file has no daemon to serialise writers: {@code crm_simulate -X} rewriting the file while
 * the poller's {@code crm_attribute} writes it could lose either write. So the scheduler is run
 * with the poller paused (SIGSTOP, its child tools finished), see {@link #schedulerRuns(long)}; a
 * live cluster's CIB manager makes this unnecessary.
 */
class ResidentFaultsIT {
    private static final String AGENT = "azure-events-az";
    private static final String INSTANCE = "health-azure-events";
    private static final String STATE = "azevents-" + INSTANCE + ".state";
    private static final String DRAINED = "-1000000";
    /** What the instance may leave in HA_RSCTMP after stop: the caches shared by all instances. */
    private static final Set<String> SHARED_CACHES = Set.of("azevents-vmname", "azevents-imds-failure");

    @TempDir
    Path dir;
    Path cib;
    Path rsctmp;
    Path home;
    Path log;
    ImdsRegion region;
    ImdsSimulator sim;
    Map<String, String> env;
    /** Every poller PID seen, killed by PID after the test. */
    final Set<Long> pollers = new LinkedHashSet<>();
    /** Processes the test started and may leave running (unshare), killed after the test. */
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        FaultKit.requireTools("cibadmin", "crm_simulate", "crm_attribute", "setsid", "bash", "kill");
        cib = FaultKit.threeNodeCib(dir);
        rsctmp = dir.resolve("rsctmp");
        Files.createDirectories(rsctmp);
        home = dir.resolve("home");
        Files.createDirectories(home);
        Files.copy(FaultKit.jar(), home.resolve("azevents.jar"));
        log = dir.resolve("agent.log");
        region = new ImdsRegion();
        sim = ImdsSimulator.start(region, "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        env = new HashMap<>(FaultKit.ocfEnv(cib, rsctmp, "node1", sim.baseUrl().toString()));
        env.remove("OCF_RESKEY_mode"); // the default mode: resident
        env.put("HA_LOGFACILITY", "none");
        env.put("HA_LOGFILE", log.toString());
        env.put("AZEVENTS_HOME", home.toString());
        env.put("AZEVENTS_JAVA", FaultKit.javaBin());
    }

    @AfterEach
    void tearDown() {
        for (long pid : pollers) {
            ProcessHandle.of(pid).filter(ResidentFaultsIT::isPoller).ifPresent(p -> {
                p.destroyForcibly(); // SIGKILL ends a stopped process too
                try {
                    p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("poller " + pid + " still alive after SIGKILL: " + e);
                }
            });
        }
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (sim != null) {
            sim.close();
        }
    }

    // Tests ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("poller SIGKILLed mid-drain: monitor fails with a reason, Pacemaker's stop+start brings a poller that approves once node1 is empty and restores it after the event")
    void pollerKilledMidDrain() throws Exception {
        ok(java("start"));
        assertThat(Files.readString(rsctmp.resolve(STATE))).as("the default mode").contains("mode=resident");
        long first = pollerPid();
        ScheduledEvent e = sim.schedule(EventType.REBOOT);
        awaitTrue(30, "node1 drained by the poller", () -> health("node1").equals(Optional.of(DRAINED)));
        assertThat(FaultKit.node(cib, "node1").runningResources()).as("node1 still runs its resources").isNotEmpty();
        assertThat(region.approvals()).as("no approval while node1 runs resources").isEmpty();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        awaitTrue(10, "the poller ends on SIGKILL", () -> !running(first));

        for (FaultKit.Result m : List.of(java("monitor"), wrapper("monitor"))) {
            assertThat(m.exitCode()).as(m.toString()).isEqualTo(1);
            assertThat(m.err()).contains("ocf-exit-reason:the resident poller is not running");
        }

        // Pacemaker's recovery of a failed monitor: stop, then start.
        ok(java("stop"));
        assertThat(rsctmp.resolve(STATE)).doesNotExist();
        ok(java("start"));
        long second = pollerPid();
        assertThat(second).isNotEqualTo(first);
        FaultKit.sleep(Duration.ofSeconds(3));
        assertThat(region.approvals()).as("the new poller does not approve while node1 runs resources").isEmpty();
        assertThat(health("node1")).contains(DRAINED);

        schedulerRuns(second);
        assertThat(FaultKit.node(cib, "node1").runningResources()).as("the scheduler emptied node1").isEmpty();
        awaitTrue(30, "the new poller approves once node1 is empty", () -> !region.approvals().isEmpty());
        assertThat(region.approvedIds()).containsExactly(e.id());
        assertThat(sim.requests()).extracting(RecordedRequest::method).contains("POST");
        ok(wrapper("monitor"));

        // The event ends: the poller brings node1 back; nothing stays drained.
        region.complete(e.id());
        awaitTrue(30, "node1 healthy again", () -> health("node1").equals(Optional.of("0")));
        schedulerRuns(second);
        assertThat(FaultKit.node(cib, "node1").runningResources()).containsExactlyInAnyOrder("db", "app");
        for (String n : FaultKit.NODES) {
            assertThat(health(n)).as("#health-azure of " + n).isNotEqualTo(Optional.of(DRAINED));
        }
        assertThat(region.approvals()).hasSize(1);
        ok(java("monitor"));
        ok(wrapper("monitor"));
        ok(wrapper("stop"));
        assertThat(running(second)).isFalse();
    }

    @Test
    @DisplayName("poller stuck (SIGSTOP): a stale heartbeat fails the monitor naming its age; stop ends it with SIGKILL after 5 s")
    void pollerStuck() throws Exception {
        ok(java("start"));
        long pid = pollerPid();
        Path heartbeat = rsctmp.resolve(STATE + ".heartbeat");
        signal(pid, "STOP");
        awaitTrue(5, "the poller is stopped", () -> procState(pid).equals(Optional.of('T')));
        long old = Instant.now().getEpochSecond() - 120;
        Files.writeString(heartbeat, "ok " + old + "\n");

        for (FaultKit.Result m : List.of(java("monitor"), wrapper("monitor"))) {
            assertThat(m.exitCode()).as(m.toString()).isEqualTo(1);
            assertThat(m.err()).containsPattern("ocf-exit-reason:the resident poller's last heartbeat is 1[23][0-9] s old");
        }
        assertThat(Files.readString(heartbeat)).as("a stopped poller cannot refresh it").isEqualTo("ok " + old + "\n");

        FaultKit.Result stop = wrapper("stop");
        ok(stop);
        assertThat(running(pid)).as("stop returned while the poller lives").isFalse();
        assertThat(stop.elapsed()).as("SIGTERM stays pending on a stopped process: SIGKILL after 5 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(4900));
        assertThat(stop.err()).contains("did not end within 5 s of SIGTERM; sending SIGKILL");
        for (FaultKit.Result probe : List.of(wrapper("monitor"), java("monitor"))) {
            assertThat(probe.exitCode()).as(probe.toString()).isEqualTo(7);
        }
        assertThat(rsctmp.resolve(STATE)).doesNotExist();
        assertThat(rsctmp.resolve(STATE + ".pid")).doesNotExist();
        assertThat(heartbeat).doesNotExist();
    }

    @Test
    @DisplayName("stop returns only once the poller is gone, and leaves nothing in HA_RSCTMP but the shared caches")
    void stopWaits() throws Exception {
        ok(wrapper("start"));
        long pid = pollerPid();
        FaultKit.sleep(Duration.ofSeconds(3)); // a few polls: caches and heartbeat refreshed
        ok(wrapper("monitor"));

        FaultKit.Result stop = wrapper("stop");

        assertThat(running(pid)).as("the poller's PID right after stop returned").isFalse();
        ok(stop);
        try (Stream<Path> files = Files.list(rsctmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !SHARED_CACHES.contains(n)))
                    .as("files left in HA_RSCTMP").isEmpty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log") && !n.equals("agent.log")))
                    .as("log files of the instance").isEmpty();
        }
        assertThat(wrapper("monitor").exitCode()).isEqualTo(7);
    }

    @Test
    @DisplayName("package upgrade while the poller runs: the jar renamed over keeps it draining, monitor 0, stop with the new jar")
    void upgradeWhileRunning() throws Exception {
        Path jar = home.resolve("azevents.jar");
        ok(wrapper("start"));
        long pid = pollerPid();
        assertThat(String.join(" ", ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow()))
                .as("the poller runs the wrapper's jar").contains(jar.toString());
        Object before = Files.getAttribute(jar, "unix:ino");

        // As dpkg and rpm do: the new file beside the old, renamed over it.
        Path next = home.resolve("azevents.jar.dpkg-new");
        Files.copy(FaultKit.jar(), next);
        Files.move(next, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.getAttribute(jar, "unix:ino")).as("a new file").isNotEqualTo(before);
        assertThat(openFiles(pid)).as("the poller still reads the old, unlinked jar")
                .contains(jar + " (deleted)");

        sim.schedule(EventType.REBOOT);
        awaitTrue(30, "node1 drained by the poller of the replaced jar", () -> health("node1").equals(Optional.of(DRAINED)));
        ok(wrapper("monitor"));
        ok(java("monitor"));
        FaultKit.Result stop = wrapper("stop");
        ok(stop);
        assertThat(running(pid)).isFalse();
        assertThat(rsctmp.resolve(STATE)).doesNotExist();
        assertThat(rsctmp.resolve(STATE + ".pid")).doesNotExist();
    }

    @Test
    @DisplayName("in-place upgrade of an instance an older version started stateless: the wrapper's monitor runs one JVM cycle, starts no poller")
    void upgradeOfStatelessInstance() throws Exception {
        Path state = rsctmp.resolve(STATE);
        Files.writeString(state, "started=" + (Instant.now().getEpochSecond() - 3600) + "\n");
        sim.clearRequests();

        FaultKit.Result m = wrapper("monitor");

        ok(m);
        assertThat(sim.requests()).as("the monitor ran a cycle (read IMDS)").isNotEmpty();
        assertThat(rsctmp.resolve(STATE + ".pid")).as("no poller started").doesNotExist();
        assertThat(rsctmp.resolve(STATE + ".heartbeat")).doesNotExist();
        assertThat(Files.readString(state)).doesNotContain("mode=");
        sim.clearRequests();
        ok(java("monitor"));
        assertThat(sim.requests()).isNotEmpty();
        assertThat(rsctmp.resolve(STATE + ".pid")).doesNotExist();
        ok(wrapper("stop"));
        assertThat(state).doesNotExist();
    }

    @Test
    @DisplayName("full disk: HA_RSCTMP a full 512 KiB tmpfs in a private mount namespace; heartbeat advances, monitor 0, a Reboot drained, stop 0")
    void fullDisk() throws Exception {
        FaultKit.requireTools("unshare", "nsenter", "mount", "sh");
        io.azevents.testkit.Requirements.requireRoot("a tmpfs in a private mount namespace");
        env.put("OCF_RESKEY_imds_outage_tolerance", "0"); // a failing poll fails the monitor at once
        String pidFile = rsctmp.resolve(STATE + ".pid").toString();
        ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs -o size=512k,mode=0755 tmpfs \"$1\" || exit 99; \"$2\" start; rc=$?; "
                        + "echo; echo \"POLLER=$(cat \"$3\" 2>/dev/null)\"; exit $rc",
                "sh", rsctmp.toString(), wrapperPath().toString(), pidFile)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        java.util.concurrent.CompletableFuture<String> out =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> FaultKit.read(p.getInputStream()));
        java.util.concurrent.CompletableFuture<String> err =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> FaultKit.read(p.getErrorStream()));
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("start within 60 s").isTrue();
        String startOut = out.join() + err.join();
        assertThat(p.exitValue()).as(startOut).isZero();
        long pid = startOut.lines().filter(l -> l.startsWith("POLLER=")).map(l -> l.substring(7).trim())
                .filter(s -> s.matches("[0-9]+")).map(Long::parseLong).findFirst()
                .orElseThrow(() -> new AssertionError("no poller PID: " + startOut));
        pollers.add(pid);
        Path ns = Path.of("/proc/" + pid + "/root" + rsctmp);
        assertThat(ns.resolve(STATE)).as("the instance's files on the private tmpfs").exists();
        assertThat(rsctmp.resolve(STATE)).as("not on the host's directory").doesNotExist();
        Path heartbeat = ns.resolve(STATE + ".heartbeat");

        // Fill the tmpfs to ENOSPC.
        IOException full = null;
        try (OutputStream fill = Files.newOutputStream(ns.resolve("fill"))) {
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                fill.write(block);
                fill.flush();
            }
        } catch (IOException e) {
            full = e;
        }
        assertThat(full).as("the tmpfs is full").isNotNull();
        assertThat(full.getMessage()).contains("No space left on device");
        IOException noTmp = null;
        try {
            Files.writeString(ns.resolve("probe"), "x".repeat(8192));
        } catch (IOException e) {
            noTmp = e;
        }
        assertThat(noTmp).as("not even a new block for a new file").isNotNull();

        long t1 = beatEpoch(heartbeat);
        FaultKit.sleep(Duration.ofSeconds(3));
        long t2 = beatEpoch(heartbeat);
        assertThat(t2).as("the heartbeat keeps advancing on a full disk").isGreaterThan(t1);
        ok(nsenter(pid, wrapperPath().toString(), "monitor"));
        ok(nsenter(pid, FaultKit.ocfArgv(List.of(), AGENT, "monitor").toArray(String[]::new)));

        sim.schedule(EventType.REBOOT);
        awaitTrue(30, "node1 drained on a full disk", () -> health("node1").equals(Optional.of(DRAINED)));
        long t3 = beatEpoch(heartbeat);
        assertThat(t3).isGreaterThanOrEqualTo(t2);
        assertThat(Files.readString(heartbeat)).startsWith("ok ");
        ok(nsenter(pid, wrapperPath().toString(), "monitor"));

        // A change of status needs a longer line: the new file cannot be written, the line is
        // rewritten in place, so the failure still reaches the monitor, and so does the recovery.
        sim.failNext(100_000, Fault.status(500));
        awaitTrue(30, "the poller reports its failure on a full disk", () -> beatLine(heartbeat).startsWith("fail "));
        FaultKit.Result failing = nsenter(pid, wrapperPath().toString(), "monitor");
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(failing.err()).contains("ocf-exit-reason:cycles have failed for");
        sim.clearFaults();
        awaitTrue(30, "the poller reports its recovery on a full disk", () -> beatLine(heartbeat).startsWith("ok "));
        assertThat(beatLine(heartbeat)).as("one line, the longer one cut").matches("ok [0-9]+\\n");
        ok(nsenter(pid, wrapperPath().toString(), "monitor"));

        FaultKit.Result stop = nsenter(pid, wrapperPath().toString(), "stop");
        ok(stop);
        assertThat(running(pid)).isFalse();
    }

    @Test
    @DisplayName("missing runtime: stop still ends the poller (0), a probe answers 7, start and validate-all 5 with a reason")
    void missingRuntime() throws Exception {
        ok(wrapper("start"));
        long pid = pollerPid();
        Map<String, String> noJava = new HashMap<>(env);
        noJava.put("AZEVENTS_JAVA", "/nonexistent/java");

        FaultKit.Result stop = wrapper(noJava, "stop");

        ok(stop);
        assertThat(running(pid)).as("the poller after stop").isFalse();
        assertThat(stop.err()).contains("/nonexistent/java or " + home + "/azevents.jar is missing");
        for (String f : List.of(STATE, STATE + ".pid", STATE + ".heartbeat")) {
            assertThat(rsctmp.resolve(f)).doesNotExist();
        }
        FaultKit.Result stopAgain = wrapper(noJava, "stop");
        ok(stopAgain);

        Map<String, String> never = new HashMap<>(noJava);
        never.put("OCF_RESOURCE_INSTANCE", "never-started");
        assertThat(wrapper(never, "monitor").exitCode()).as("probe of a never-started instance").isEqualTo(7);
        assertThat(wrapper(noJava, "monitor").exitCode()).as("probe after stop").isEqualTo(7);

        for (String action : List.of("start", "validate-all")) {
            FaultKit.Result r = wrapper(noJava, action);
            assertThat(r.exitCode()).as(action + "\n" + r).isEqualTo(5);
            assertThat(r.err()).contains("ocf-exit-reason:/nonexistent/java or");
        }
        assertThat(rsctmp.resolve(STATE)).as("a failed start records nothing").doesNotExist();

        Map<String, String> noJar = new HashMap<>(env);
        noJar.put("AZEVENTS_HOME", dir.resolve("nowhere").toString());
        FaultKit.Result r = wrapper(noJar, "start");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("ocf-exit-reason:").contains("nowhere/azevents.jar is missing");
    }

    @Test
    @DisplayName("logging: each poller line once in HA_LOGFILE, no stack trace, debug lines only with verbose=true")
    void logging() throws Exception {
        Path quiet = dir.resolve("quiet.log");
        env.put("HA_LOGFILE", quiet.toString());
        env.put("HA_DEBUGLOG", quiet.toString()); // debug lines would land in the same file
        ok(java("start"));
        long pid = pollerPid();
        sim.schedule(EventType.REBOOT);
        awaitTrue(30, "node1 drained", () -> health("node1").equals(Optional.of(DRAINED)));
        FaultKit.sleep(Duration.ofSeconds(2));
        ok(java("stop"));
        assertThat(running(pid)).isFalse();

        List<String> lines = Files.readAllLines(quiet);
        List<String> poller = pollerLines(lines, pid);
        assertThat(poller).as("poller lines in\n" + String.join("\n", lines)).isNotEmpty();
        assertThat(poller.stream().filter(l -> l.contains("resident poller started"))).hasSize(1);
        assertThat(poller).as("the drain is logged").anyMatch(l -> l.contains("[INFO]") && l.contains("node1"));
        Map<String, Long> counts = poller.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.entrySet().stream().filter(c -> c.getValue() > 1).map(Map.Entry::getKey))
                .as("lines written more than once").isEmpty();
        assertThat(lines).as("no debug line without verbose").noneMatch(l -> l.contains("[DEBUG]"));
        assertNoStackTrace(lines);

        Path verbose = dir.resolve("verbose.log");
        env.put("HA_LOGFILE", verbose.toString());
        env.put("HA_DEBUGLOG", verbose.toString());
        env.put("OCF_RESKEY_verbose", "true");
        ok(java("start"));
        long pid2 = pollerPid();
        FaultKit.sleep(Duration.ofSeconds(3));
        ok(java("stop"));
        assertThat(running(pid2)).isFalse();
        List<String> vlines = Files.readAllLines(verbose);
        List<String> vpoller = pollerLines(vlines, pid2);
        assertThat(vpoller).as("debug lines of the verbose poller in\n" + String.join("\n", vlines))
                .anyMatch(l -> l.contains("[DEBUG]"));
        Map<String, Long> vcounts = vpoller.stream().filter(l -> !l.contains("[DEBUG]"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(vcounts.entrySet().stream().filter(c -> c.getValue() > 1).map(Map.Entry::getKey))
                .as("lines written more than once").isEmpty();
        assertNoStackTrace(vlines);
    }

    // Helpers -------------------------------------------------------------------------------------

    private static List<String> pollerLines(List<String> lines, long pid) {
        String tag = AGENT + "(" + pid + ")[";
        return lines.stream().filter(l -> l.contains(tag)).toList();
    }

    private static void assertNoStackTrace(List<String> lines) {
        assertThat(lines).as("no stack trace").noneMatch(l -> l.matches("\\s+at \\S+\\(.*\\)\\s*")
                || l.contains("Exception in thread") || l.startsWith("Caused by:"));
    }

    private FaultKit.Result java(String action) {
        return FaultKit.ocf(env, AGENT, action);
    }

    private Path wrapperPath() {
        return FaultKit.projectRoot().resolve("packaging/ocf/" + AGENT);
    }

    private FaultKit.Result wrapper(String action) {
        return wrapper(env, action);
    }

    private FaultKit.Result wrapper(Map<String, String> e, String action) {
        return FaultKit.exec(List.of(wrapperPath().toString(), action), e, Duration.ofSeconds(120), true);
    }

    private FaultKit.Result nsenter(long pid, String... argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-m", "--"));
        cmd.addAll(List.of(argv));
        return FaultKit.exec(cmd, env, Duration.ofSeconds(120), true);
    }

    private void ok(FaultKit.Result r) {
        assertThat(r.exitCode()).as(r + "\n--- HA_LOGFILE\n" + logText()).isZero();
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The PID in the instance's PID file, recorded for the tear-down. */
    private long pollerPid() throws IOException {
        long pid = Long.parseLong(Files.readString(rsctmp.resolve(STATE + ".pid")).trim());
        pollers.add(pid);
        assertThat(running(pid)).as("poller " + pid).isTrue();
        return pid;
    }

    /** What {@code pid}'s open descriptors point at. */
    private static List<String> openFiles(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).toList();
        }
    }

    private static boolean isPoller(ProcessHandle p) {
        return p.info().arguments().map(a -> a.length > 0 && a[a.length - 1].equals("poll")).orElse(false);
    }

    /** The state letter in {@code /proc/<pid>/stat}, empty if there is no such process. */
    private static Optional<Character> procState(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Optional.of(s.charAt(s.lastIndexOf(')') + 2));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True while {@code pid} runs (a zombie waiting for its reaper has ended). */
    private static boolean running(long pid) {
        return procState(pid).map(c -> c != 'Z' && c != 'X').orElse(false);
    }

    private static void signal(long pid, String sig) {
        FaultKit.Result r = FaultKit.exec(List.of("kill", "-" + sig, Long.toString(pid)), Map.of(), Duration.ofSeconds(10));
        assertThat(r.exitCode()).as("kill -" + sig + " " + pid + "\n" + r).isZero();
    }

    /**
     * The scheduler acts on the CIB file with the poller paused: SIGSTOP, wait for its tools to end
     * (it cannot start new ones), {@code crm_simulate}, SIGCONT. See the class comment.
     */
    private void schedulerRuns(long poller) {
        signal(poller, "STOP");
        try {
            awaitTrue(30, "the poller's tools end", () -> procState(poller).equals(Optional.of('T'))
                    && ProcessHandle.of(poller).map(p -> p.descendants().noneMatch(d -> running(d.pid()))).orElse(true));
            FaultKit.simulate(cib);
        } finally {
            signal(poller, "CONT");
        }
    }

    /** {@code #health-azure} of {@code node}, empty if unset. */
    private Optional<String> health(String node) {
        FaultKit.Result r = FaultKit.exec(List.of("crm_attribute", "--node", node, "--name", FaultKit.HEALTH,
                "--query", "--quiet"), Map.of("CIB_file", cib.toString()), Duration.ofSeconds(30));
        String v = r.out().trim();
        return r.exitCode() == 0 && !v.isEmpty() ? Optional.of(v) : Optional.empty();
    }

    private static String beatLine(Path heartbeat) {
        try {
            return Files.readString(heartbeat);
        } catch (IOException e) {
            return "";
        }
    }

    private static long beatEpoch(Path heartbeat) throws IOException {
        String[] parts = Files.readString(heartbeat).trim().split(" ");
        return Long.parseLong(parts[1]);
    }

    private void awaitTrue(int seconds, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + seconds + " s\n--- HA_LOGFILE\n" + logText())
                    .isLessThan(end);
            FaultKit.sleep(Duration.ofMillis(200));
        }
    }
}
