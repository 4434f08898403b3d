package io.azevents.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.cli.PluginJars;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.RecordedRequest;
import io.azevents.testkit.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged agent, end to end, on a live 3-node Pacemaker + Corosync lab
 * ({@code testing/cluster-lab/cluster-lab.sh}). Each node has its own IMDS simulator reachable at
 * the default address 169.254.169.254:80 inside the node's network namespace (see
 * {@link NodeImds}), the cluster is configured with crmsh as the reference article
 * ({@code azure-events-az-explained.txt}) says, the agent runs as a clone through a test OCF provider
 * whose wrappers exec {@code azevents.jar}, and two Dummies prefer node1. Every test gets a fresh lab.
 *
 * <ul>
 *   <li>az-health, zones view (each simulator shows only its own VM's events): a Reboot for node1
 *   moves the Dummies away; the approval reaches node1's simulator only after every poll of the
 *   cluster (about every 200 ms) has seen node1 empty; the test completes the event; node1 is
 *   healthy ({@code #health-azure=0}) and AVAILABLE again and the Dummies return.</li>
 *   <li>legacy-pullstate, Availability Set view (one region shared by the three simulators): the
 *   same, with node1 drained by standby and the approval sent by a peer.</li>
 *   <li>both strategies: Reboots for node1 and node2 at the same moment with node3 in standby: at
 *   every poll node1 or node2 can run the Dummies, one node goes ON_HOLD, the second approval comes
 *   only after the first event is over, node3 stays in standby, and all ends healthy.</li>
 *   <li>a strategy plugin for the installed agent: the .deb just built installed with {@code dpkg -i},
 *   a jar built at test time ({@link PluginJars#fixture}) dropped into the package's
 *   {@code /usr/share/azevents/plugins}, listed by {@code azevents strategies}, run by
 *   {@code ocf:azevents:azure-events-az} with {@code strategy=fixture-drain}: node1 drained with the
 *   plugin's attribute and a location rule, approved once empty, brought back; then the package is
 *   purged (the test refuses to touch a machine where azevents is already installed).</li>
 * </ul>
 * The idle {@code monitor} of each agent is timed on node1 (wall, CPU, peak RSS via GNU time).
 *
 * <p>Deviations from the article, for speed: the monitor runs every {@value #MONITOR_INTERVAL}
 * instead of 10s, and the start has no {@code start-delay=60s}. The legacy agent is configured as
 * upstream documents it (a plain clone; it drains with standby). Needs root, ip netns, Pacemaker,
 * Corosync, crmsh and GNU time; skips where they are missing, fails under {@code CI=true}.
 */
class LiveClusterAgentIT {
    static final String MONITOR_INTERVAL = "4s";
    /**
     * Unique per run, so that two runs on one machine (developers, CI jobs) neither share a lab nor
     * remove each other's agents: the lab prefix names its namespaces, the provider its OCF directory.
     */
    static final String RUN = "azt" + ProcessHandle.current().pid() % 10_000;
    static final String PROVIDER = "azevents-it-" + RUN;
    static final Path PROVIDER_DIR = TestProvider.dir(PROVIDER);
    static final List<String> NODES = List.of("node1", "node2", "node3");
    static final List<String> DUMMIES = List.of("dummy1", "dummy2");
    static final Duration STEP = Duration.ofSeconds(60);
    /** The agents' history: in each node's own /run (the nodes share the host's /var/lib). */
    static final String HISTORY = "/run/azevents-history";
    /** The JVM flags of the packaged wrappers ({@code packaging/ocf}), without their class-data-sharing archive. */
    static final String JVM_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xms8m -Xmx128m"
            + " -Xlog:disable -Xlog:all=warning:stderr";

    private static boolean installedProvider;
    private static Path work;
    /** The test wrappers' plugin directory ({@code AZEVENTS_PLUGIN_DIR}): empty, as a fresh package's is. */
    private static Path plugins;
    private static Path agentJar;
    private static String javaBin;
    private Lab lab;
    private final List<NodeImds> imds = new ArrayList<>();
    private Poller poller;
    private Thread hook;

    @BeforeAll
    static void requirementsAndProvider() throws IOException {
        requireLab();
        Path jar = Lab.projectRoot().resolve("azevents-cli/target/azevents.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("needs " + jar + " (run the package phase first)");
        }
        work = Files.createTempDirectory("azevents-lab-it");
        // Pacemaker's controller runs meta-data as hacluster: the jar must be readable by it.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        NodeImds.prepareRelay(work.resolve("relay-classes"));
        // Load the helpers now: a concurrent build in the same tree may rewrite target/test-classes.
        for (Class<?> c : List.of(Lab.class, Lab.Result.class, NodeImds.class, Poller.class, Snapshot.class,
                Snapshot.NodeInfo.class, UnixRelay.class)) {
            c.getName();
        }
        // The agents run a copy: another build in the same tree may rewrite target/ meanwhile.
        jar = Files.copy(jar, work.resolve("azevents.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        agentJar = jar;
        plugins = Files.createDirectory(work.resolve("plugins"));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
        javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        installedProvider = true;
        TestProvider.install(PROVIDER_DIR, "LiveClusterAgentIT", javaBin, JVM_FLAGS, jar,
                "AZEVENTS_PLUGIN_DIR=" + plugins, List.of("azure-events-az", "azure-events"));
    }

    @AfterAll
    static void removeProvider() throws IOException {
        TestProvider.remove(installedProvider, PROVIDER_DIR, work);
    }

    @BeforeEach
    void up(TestInfo info) {
        lab = new Lab(RUN, "10.214.0", work.resolve("lab"));
        hook = new Thread(this::tearDown, "lab-it-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        long t = System.nanoTime();
        lab.up(NODES.size());
        System.out.printf("[%s] lab up in %d ms%n", info.getDisplayName(), (System.nanoTime() - t) / 1_000_000);
        for (String n : NODES) {
            lab.execOk(n, "ip", "addr", "add", NodeImds.IMDS_ADDRESS + "/32", "dev", "lo");
        }
    }

    @AfterEach
    void down() {
        try {
            printAgentLog();
        } finally {
            tearDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }

    private synchronized void tearDown() {
        if (poller != null) {
            poller.close();
            poller = null;
        }
        imds.forEach(NodeImds::close);
        imds.clear();
        if (lab != null) {
            long t = System.nanoTime();
            lab.down();
            System.out.printf("lab down in %d ms%n", (System.nanoTime() - t) / 1_000_000);
            lab = null;
        }
    }

    @Test
    @DisplayName("az-health (zones): a Reboot for node1 drains it, is approved only once node1 is empty, then node1 comes back")
    void azHealthReboot() throws IOException {
        List<ImdsRegion> regions = startSimulators(Visibility.ZONES, false);
        configureAzHealth();
        awaitSteadyState(true);
        measureIdleMonitor("azure-events-az");

        Instant added = Instant.now();
        ScheduledEvent event = regions.get(0).schedule(EventType.REBOOT, "node1-vm");
        Snapshot drained = poller.await("the Dummies leave node1", STEP, added,
                s -> s.workloadOn("node1", "health-").isEmpty() && DUMMIES.stream().allMatch(d -> !s.where(d).isEmpty()));
        RecordedRequest approval = awaitValue("node1's simulator receives the approval", STEP,
                () -> imds.get(0).approvals().stream().findFirst());
        assertThat(approval.body()).contains(event.id());
        assertThat(approval.query()).as("the approval uses the GET's api-version")
                .isEqualTo(imds.get(0).simulator().requests("/metadata/scheduledevents").stream()
                        .filter(r -> r.method().equals("GET")).findFirst().orElseThrow().query());
        assertApprovedOnlyWhenEmpty(added, approval, "health-");
        assertThat(imds.get(1).approvals()).isEmpty();
        assertThat(imds.get(2).approvals()).isEmpty();
        assertThat(regions.get(0).event(event.id()).orElseThrow().status()).isEqualTo(EventStatus.STARTED);
        assertThat(poller.samples().stream().filter(s -> !s.begin().isBefore(added)))
                .as("every node stays healthy but node1").allMatch(s -> s.healthy("node2") && s.healthy("node3"));

        Instant completed = Instant.now();
        regions.get(0).complete(event.id());
        Snapshot back = poller.await("node1 healthy and AVAILABLE with the Dummies back", STEP, completed,
                s -> s.healthy("node1") && s.attribute("node1", "#health-azure").equals(Optional.of("0"))
                        && s.attribute("node1", "azure-events-az_curNodeState").equals(Optional.of("AVAILABLE"))
                        && DUMMIES.stream().allMatch(d -> s.where(d).equals(java.util.Set.of("node1"))));
        System.out.printf("az-health: event added %s; node1 empty by %s (+%d ms); approval POST at %s (+%d ms); "
                        + "completed at %s; node1 back with the Dummies by %s (+%d ms after completion)%n",
                added, drained.end(), ms(added, drained.end()), approval.at(), ms(added, approval.at()), completed,
                back.end(), ms(completed, back.end()));

        assertPacemakerCouldRunTheAgent();
    }

    @Test
    @DisplayName("legacy-pullstate (Availability Set): a Reboot for node1 puts it in standby, a peer approves once it is empty, node1 comes back")
    void legacyReboot() throws IOException {
        List<ImdsRegion> regions = startSimulators(Visibility.AVAILABILITY_SET, true);
        ImdsRegion region = regions.get(0);
        configureLegacy();
        awaitSteadyState(false);
        measureIdleMonitor("azure-events");

        Instant added = Instant.now();
        ScheduledEvent event = region.schedule(EventType.REBOOT, "node1-vm");
        Snapshot drained = poller.await("node1 in standby and the Dummies gone", STEP, added,
                s -> s.standby("node1") && s.workloadOn("node1", "azure-events").isEmpty()
                        && DUMMIES.stream().allMatch(d -> !s.where(d).isEmpty()));
        RecordedRequest approval = awaitValue("a simulator receives the approval", STEP, () -> imds.stream()
                .flatMap(i -> i.approvals().stream()).min(Comparator.comparing(RecordedRequest::at)));
        assertThat(approval.body()).contains(event.id());
        assertApprovedOnlyWhenEmpty(added, approval, "azure-events");
        String approver = imds.stream().filter(i -> i.approvals().contains(approval))
                .map(i -> i.simulator().vmName()).findFirst().orElseThrow();
        assertThat(region.event(event.id()).orElseThrow().status()).isEqualTo(EventStatus.STARTED);

        Instant completed = Instant.now();
        region.complete(event.id());
        Snapshot back = poller.await("node1 out of standby and AVAILABLE with the Dummies back", STEP, completed,
                s -> !s.standby("node1")
                        && s.attribute("node1", "azure-events_curNodeState").equals(Optional.of("AVAILABLE"))
                        && DUMMIES.stream().allMatch(d -> s.where(d).equals(java.util.Set.of("node1"))));
        Instant idleSince = Instant.now();
        awaitValue("the pull lock shows IDLE again (no PULLING left behind)", Duration.ofSeconds(20), () -> {
            Lab.Result pull = lab.exec("node1", "crm_attribute", "--type", "crm_config", "--name",
                    "azure-events_globalPullState", "--query", "--quiet");
            return !pull.ok() || pull.out().trim().equals("IDLE") ? Optional.of(true) : Optional.empty();
        });
        System.out.println("legacy: azure-events_globalPullState IDLE " + ms(idleSince, Instant.now())
                + " ms after node1 came back");
        System.out.printf("legacy: event added %s; node1 drained by %s (+%d ms); approval POST by %s at %s (+%d ms); "
                        + "completed at %s; node1 back with the Dummies by %s (+%d ms after completion)%n",
                added, drained.end(), ms(added, drained.end()), approver, approval.at(), ms(added, approval.at()),
                completed, back.end(), ms(completed, back.end()));

        assertPacemakerCouldRunTheAgent();
    }

    @ParameterizedTest(name = "{0}: Reboots for node1 and node2 at the same moment, node3 in standby: one drains, the other waits, never nowhere to run")
    @ValueSource(strings = {"az-health", "legacy-pullstate"})
    void simultaneousEvents(String strategy) throws IOException {
        boolean az = strategy.equals("az-health");
        String stateAttr = az ? "azure-events-az_curNodeState" : "azure-events_curNodeState";
        List<ImdsRegion> regions = az ? startSimulators(Visibility.ZONES, false)
                : startSimulators(Visibility.AVAILABILITY_SET, true);
        if (az) {
            configureAzHealth();
        } else {
            configureLegacy();
        }
        // crmsh's "node standby NAME" wants to reach NAME by its host name; run on node3 it needs none.
        lab.execOk("node3", "crm", "node", "standby");
        awaitSteadyState(az);
        poller.await("node3 in standby", STEP, Instant.now(), s -> s.standby("node3"));

        Instant added = Instant.now();
        ScheduledEvent e1 = regions.get(0).schedule(EventType.REBOOT, "node1-vm");
        ScheduledEvent e2 = regions.get(1).schedule(EventType.REBOOT, "node2-vm");
        Map<String, Instant> approvedAt = new LinkedHashMap<>();
        Map<String, Instant> completedAt = new LinkedHashMap<>();
        long end = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (completedAt.size() < 2) {
            for (int i = 0; i < 2; i++) {
                ImdsRegion r = regions.get(i);
                ScheduledEvent e = i == 0 ? e1 : e2;
                Optional<ScheduledEvent> now = r.event(e.id());
                if (now.isPresent() && now.get().isStarted() && !approvedAt.containsKey(e.id())) {
                    approvedAt.put(e.id(), imds.stream().flatMap(x -> x.approvals().stream())
                            .filter(a -> a.body().contains(e.id())).map(RecordedRequest::at)
                            .min(Comparator.naturalOrder()).orElseThrow());
                    sleep(1000); // the "reboot"
                    completedAt.put(e.id(), Instant.now());
                    r.complete(e.id());
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not both approved within 150 s: approved " + approvedAt + "; last sample "
                        + poller.latest().orElse(null));
            }
            sleep(100);
        }
        Instant lastCompletion = completedAt.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        Snapshot back = poller.await("node1 and node2 usable and AVAILABLE, the Dummies on node1", STEP, lastCompletion,
                s -> Stream.of("node1", "node2").allMatch(n -> canRun(s, n)
                        && s.attribute(n, stateAttr).equals(Optional.of("AVAILABLE"))
                        && (!az || s.attribute(n, "#health-azure").equals(Optional.of("0"))))
                        && DUMMIES.stream().allMatch(d -> s.where(d).equals(java.util.Set.of("node1"))));

        List<Snapshot> during = poller.samples().stream().filter(s -> !s.begin().isBefore(added)).toList();
        assertThat(during).as("at every poll node1 or node2 can run the Dummies (online, not standby, healthy)")
                .allMatch(s -> canRun(s, "node1") || canRun(s, "node2"));
        assertThat(during).as("node3 stays in the administrator's standby").allMatch(s -> s.standby("node3"));
        List<Map.Entry<String, Instant>> order = approvedAt.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
        assertThat(order.get(1).getValue()).as("the second approval comes after the first event completed")
                .isAfter(completedAt.get(order.get(0).getKey()));
        String second = order.get(1).getKey().equals(e1.id()) ? "node1" : "node2";
        assertThat(during).as(second + " went ON_HOLD while the other node was away")
                .anyMatch(s -> s.attribute(second, stateAttr).equals(Optional.of("ON_HOLD")));
        long longestOutage = DUMMIES.stream().mapToLong(d -> longestStop(during, d)).max().orElse(0);
        assertThat(longestOutage).as("longest time a Dummy was seen stopped (ms)").isLessThan(15_000);
        System.out.printf("simultaneous (%s): events added %s; approvals %s; completions %s; all back by %s; "
                        + "longest Dummy outage seen %d ms; %d polls%n",
                strategy, added, approvedAt, completedAt, back.end(), longestOutage, during.size());

        assertPacemakerCouldRunTheAgent();
    }

    @Test
    @DisplayName("the installed package with a strategy plugin dropped into /usr/share/azevents/plugins: strategy=fixture-drain drains node1 with its attribute, approves once node1 is empty, brings it back")
    void pluginStrategy() throws IOException, InterruptedException {
        Path deb = builtDeb();
        Requirements.requireTools("dpkg", "dpkg-query");
        if (host("dpkg-query", "-W", "-f=${Status}", "azevents").contains("install ok installed")) {
            Requirements.unavailable("a machine without the azevents package (this test installs the one just built,"
                    + " then purges it, and does not touch an installed one)");
        }
        Path jar = INSTALLED_PLUGINS.resolve("fixture-drain.jar");
        try {
            // As an administrator would: install the package, drop the jar into its plugin directory.
            String installed = host("dpkg", "-i", deb.toString());
            assertThat(INSTALLED_PLUGINS).as("the package's plugin directory (dpkg -i said: %s)", installed).isDirectory();
            PluginJars.fixture(jar);
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            Lab.Result listed = lab.exec("node1", "/usr/bin/azevents", "strategies");
            assertThat(listed.exitCode()).as("azevents strategies: %s", listed).isZero();
            assertThat(listed.out()).contains("fixture-drain  plugin " + jar).contains("az-health  built-in");

            List<ImdsRegion> regions = startSimulators(Visibility.ZONES, false);
            configurePlugin("azevents");
            awaitSteadyState("plugin-events");

            Instant added = Instant.now();
            ScheduledEvent event = regions.get(0).schedule(EventType.REBOOT, "node1-vm");
            Snapshot drained = poller.await("node1 drained by the plugin (fixture-drain=on), the Dummies gone", STEP,
                    added, s -> s.attribute("node1", "fixture-drain").equals(Optional.of("on"))
                            && s.workloadOn("node1", "plugin-").isEmpty()
                            && DUMMIES.stream().allMatch(d -> !s.where(d).isEmpty()));
            RecordedRequest approval = awaitValue("node1's simulator receives the plugin's approval", STEP,
                    () -> imds.get(0).approvals().stream().findFirst());
            assertThat(approval.body()).contains(event.id());
            assertApprovedOnlyWhenEmpty(added, approval, "plugin-");
            assertThat(imds.get(1).approvals()).isEmpty();
            assertThat(imds.get(2).approvals()).isEmpty();
            assertThat(poller.samples().stream().filter(s -> !s.begin().isBefore(added)))
                    .as("only node1 is ever drained").allMatch(s -> s.attribute("node2", "fixture-drain").isEmpty()
                            && s.attribute("node3", "fixture-drain").isEmpty());

            Instant completed = Instant.now();
            regions.get(0).complete(event.id());
            Snapshot back = poller.await("fixture-drain gone from node1 and the Dummies back", STEP, completed,
                    s -> s.attribute("node1", "fixture-drain").isEmpty()
                            && DUMMIES.stream().allMatch(d -> s.where(d).equals(java.util.Set.of("node1"))));
            String history = lab.execOk("node1", "/usr/bin/azevents", "history", "--event", event.id(),
                    "--dir", HISTORY);
            assertThat(history).as("node1's history: the approval, with the plugin's own reason")
                    .contains("fixture-drain: node1 is empty; asking Azure to start").contains(event.id());
            System.out.printf("plugin fixture-drain (installed package): event added %s; node1 empty by %s (+%d ms); "
                            + "approval at %s (+%d ms); node1 back with the Dummies %d ms after completion%n", added,
                    drained.end(), ms(added, drained.end()), approval.at(), ms(added, approval.at()),
                    ms(completed, back.end()));
            assertPacemakerCouldRunTheAgent();
        } finally {
            // The lab goes down after this test (@AfterEach); the agent's resources go with it. The
            // jar is not the package's: remove it, then purge, so that nothing is left behind.
            Files.deleteIfExists(jar);
            host("dpkg", "--purge", "azevents");
        }
    }

    /** The plugin directory of the installed package. */
    static final Path INSTALLED_PLUGINS = Path.of("/usr/share/azevents/plugins");

    /** The .deb the package phase built. */
    private static Path builtDeb() throws IOException {
        Path target = Lab.projectRoot().resolve("azevents-cli/target");
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("azevents_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("needs the .deb in " + target + " (run the package phase first)"));
        }
    }

    /** Runs a command on the host (not in a lab node) and returns its output; fails the test if it fails. */
    private static String host(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 300 s");
        }
        if (p.exitValue() != 0 && !command[0].equals("dpkg-query")) {
            throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** The node could take resources: online, not in standby, healthy. */
    private static boolean canRun(Snapshot s, String node) {
        Snapshot.NodeInfo n = s.nodes().get(node);
        return n != null && n.online() && !n.standby() && s.healthy(node);
    }

    // ---- set-up ------------------------------------------------------------------------------

    /** One simulator per node, VM nodeN-vm; {@code shared}: one region for all (an Availability Set). */
    private List<ImdsRegion> startSimulators(Visibility visibility, boolean shared) throws IOException {
        List<ImdsRegion> regions = new ArrayList<>();
        ImdsRegion common = new ImdsRegion();
        for (int i = 1; i <= NODES.size(); i++) {
            ImdsRegion r = shared ? common : new ImdsRegion();
            regions.add(r);
            imds.add(NodeImds.start(r, "node" + i + "-vm", visibility, lab.netns(i), work));
        }
        System.out.println("IMDS relays (pid): " + imds.stream().map(i -> i.simulator().vmName() + "=" + i.relayPid()).toList());
        return regions;
    }

    private void configureDummies() {
        lab.configureDummies(DUMMIES, "node1");
    }

    /** The reference article's commands, with the test provider, a shorter monitor and no start-delay. */
    private void configureAzHealth() {
        lab.configureNodeHealth(NODES);
        configureDummies();
        crm("configure", "primitive", "health-azure-events", "ocf:" + PROVIDER + ":azure-events-az",
                "params", "eventTypes=Reboot,Redeploy", "verbose=false", "retry_count=3", "retry_wait=20",
                "request_timeout=15", "history_dir=" + HISTORY,
                "op", "start", "interval=0s", "timeout=60s",
                "op", "monitor", "interval=" + MONITOR_INTERVAL, "timeout=60s",
                "meta", "failure-timeout=120s");
        crm("configure", "clone", "health-azure-events-cln", "health-azure-events",
                "meta", "allow-unhealthy-nodes=true", "interleave=true");
    }

    /**
     * The agent with the plugin's strategy, and the location rule the plugin documents: nothing but
     * the agent ({@code plugin-*}) runs on a node with {@code fixture-drain=on}.
     */
    private void configurePlugin(String provider) {
        configureDummies();
        crm("configure", "location", "loc_fixture_drain", "/!plugin-.*/", "rule", "-inf:", "fixture-drain", "eq", "on");
        crm("configure", "primitive", "plugin-events", "ocf:" + provider + ":azure-events-az",
                "params", "strategy=" + PluginJars.FIXTURE, "eventTypes=Reboot,Redeploy", "history_dir=" + HISTORY,
                "op", "start", "interval=0s", "timeout=60s",
                "op", "monitor", "interval=" + MONITOR_INTERVAL, "timeout=60s",
                "meta", "failure-timeout=120s");
        crm("configure", "clone", "plugin-events-cln", "plugin-events", "meta", "interleave=true");
    }

    /** The legacy agent as upstream documents it: a plain clone; it drains with standby. */
    private void configureLegacy() {
        configureDummies();
        crm("configure", "primitive", "azure-events", "ocf:" + PROVIDER + ":azure-events",
                "params", "eventTypes=Reboot,Redeploy", "verbose=false", "history_dir=" + HISTORY,
                "op", "start", "interval=0s", "timeout=60s",
                "op", "monitor", "interval=" + MONITOR_INTERVAL, "timeout=60s",
                "meta", "failure-timeout=120s");
        crm("configure", "clone", "cln_azure-events", "azure-events", "meta", "interleave=true");
    }

    /** Dummies on node1, the agent on every node that may run it, and a few idle cycles done everywhere. */
    private void awaitSteadyState(boolean az) {
        awaitSteadyState(az ? "health-azure-events" : "azure-events");
    }

    /** Dummies on node1, the agent {@code agent} on every node that may run it, and a few idle cycles done everywhere. */
    private void awaitSteadyState(String agent) {
        poller = new Poller(lab, "node3");
        Instant t = Instant.now();
        poller.await("the Dummies on node1 and the agent running", STEP, t,
                s -> DUMMIES.stream().allMatch(d -> s.where(d).equals(java.util.Set.of("node1")))
                        && s.where(agent).size() == NODES.stream().filter(n -> !s.standby(n)).count());
        awaitValue("two monitor cycles on every running agent", STEP, () -> imds.stream()
                .filter(i -> !i.simulator().vmName().equals("node3-vm") || !poller.latest().orElseThrow().standby("node3"))
                .allMatch(i -> i.simulator().requests("/metadata/scheduledevents").size() >= 2)
                ? Optional.of(true) : Optional.empty());
        System.out.println("steady " + ms(t, Instant.now()) + " ms after configuring (crmsh took " + lab.crmMillis()
                + " ms): " + poller.latest().orElseThrow());
    }

    private void crm(String... args) {
        lab.crm(args);
    }

    // ---- checks ------------------------------------------------------------------------------

    /**
     * The approval came after node1 was seen empty, and node1 stayed empty from then until just after
     * the approval (every poll overlapping that span shows nothing but the agent on node1).
     */
    private void assertApprovedOnlyWhenEmpty(Instant added, RecordedRequest approval, String agentPrefix) {
        List<Snapshot> samples = poller.samples().stream().filter(s -> !s.begin().isBefore(added)).toList();
        Snapshot firstEmpty = samples.stream().filter(s -> s.workloadOn("node1", agentPrefix).isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("node1 never seen empty"));
        assertThat(firstEmpty.end()).as("node1 seen empty (poll %s) before the approval at %s", firstEmpty, approval.at())
                .isBeforeOrEqualTo(approval.at());
        Instant until = approval.at().plusMillis(500);
        List<Snapshot> around = samples.stream()
                .filter(s -> !s.end().isBefore(firstEmpty.begin()) && !s.begin().isAfter(until)).toList();
        assertThat(around).as("polls between node1 empty and the approval").isNotEmpty()
                .allMatch(s -> s.workloadOn("node1", agentPrefix).isEmpty());
        Optional<Snapshot> lastBusy = samples.stream().filter(s -> !s.workloadOn("node1", agentPrefix).isEmpty())
                .reduce((a, b) -> b);
        lastBusy.ifPresent(s -> assertThat(s.begin()).as("a poll that saw resources on node1: %s", s)
                .isBefore(approval.at()));
    }

    /**
     * Pacemaker ran every action of the agent without complaint: in particular the controller, which
     * runs {@code meta-data} as hacluster, could read it (a failure there is only a warning in its log).
     */
    private void assertPacemakerCouldRunTheAgent() {
        for (int i = 1; i <= NODES.size(); i++) {
            try {
                List<String> bad = Files.readAllLines(lab.pacemakerLog(i), StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains(PROVIDER) && (l.contains("error:") || l.contains("warning:")))
                        .toList();
                assertThat(bad).as("Pacemaker's complaints about the agent on node" + i).isEmpty();
            } catch (IOException e) {
                throw new AssertionError("cannot read " + lab.pacemakerLog(i), e);
            }
        }
    }

    /** The longest span, in ms, from a poll that saw {@code rsc} stopped to the next poll that saw it running. */
    private static long longestStop(List<Snapshot> samples, String rsc) {
        long longest = 0;
        Instant stoppedSince = null;
        for (Snapshot s : samples) {
            if (s.where(rsc).isEmpty()) {
                if (stoppedSince == null) {
                    stoppedSince = s.begin();
                }
            } else if (stoppedSince != null) {
                longest = Math.max(longest, ms(stoppedSince, s.end()));
                stoppedSince = null;
            }
        }
        if (stoppedSince != null) {
            longest = Long.MAX_VALUE;
        }
        return longest;
    }

    /** Times {@code monitor} of the running agent on node1, five times, as Pacemaker would run it. */
    private void measureIdleMonitor(String agent) {
        poller.close(); // measure without the test's own polling load
        try {
            measureIdleMonitorRuns(agent);
        } finally {
            poller = new Poller(lab, "node3");
        }
    }

    private void measureIdleMonitorRuns(String agent) {
        String instance = agent.equals("azure-events-az") ? "health-azure-events" : "azure-events";
        String states = lab.execOk("node1", "ls", "/run/resource-agents");
        System.out.println("state files on node1: " + states.trim().replace('\n', ' '));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Lab.Result r = lab.exec("node1", "env", "OCF_ROOT=/usr/lib/ocf", "OCF_RESOURCE_INSTANCE=" + instance,
                    "OCF_RESKEY_eventTypes=Reboot,Redeploy", "OCF_RESKEY_CRM_meta_timeout=60000",
                    "OCF_RESKEY_history_dir=" + HISTORY,
                    "OCF_RESKEY_CRM_meta_on_node=node1", "/usr/bin/time", "-f", "IDLE-MONITOR %e s wall, %U+%S s CPU, %M KB peak RSS",
                    PROVIDER_DIR.resolve(agent).toString(), "monitor");
            assertThat(r.exitCode()).as("idle monitor: %s", r).isZero();
            runs.add(r.err().lines().filter(l -> l.startsWith("IDLE-MONITOR")).findFirst().orElse("?")
                    .substring("IDLE-MONITOR ".length()));
        }
        System.out.println(agent + " idle monitor on node1, 5 runs: " + runs);
    }

    private void printAgentLog() {
        if (lab == null) {
            return;
        }
        for (int i = 1; i <= NODES.size(); i++) {
            Path log = lab.pacemakerLog(i);
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("azure-events") && !l.contains("log_op_output")
                                && (l.contains("[INFO]") || l.contains("[WARN]") || l.contains("[ERROR]")
                                || l.contains("error") || l.contains("warning")))
                        .toList();
                System.out.println("---- agent log, node" + i + " (" + lines.size() + " lines, last 40) ----");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("no log " + log + ": " + e);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long ms(Instant a, Instant b) {
        return Duration.between(a, b).toMillis();
    }

    private static void requireLab() {
        Requirements.requireLab();
        Requirements.requireTools("crm");
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
            Requirements.unavailable("/usr/bin/time (GNU time, to measure the agent)");
        }
    }
}
