package io.azevents.pacemaker;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import io.azevents.core.Names;
import io.azevents.core.NodeKind;
import io.azevents.core.NodeStatus;
import io.azevents.core.Placement;
import io.azevents.pacemaker.internal.Cib;
import io.azevents.pacemaker.internal.CibDocument;
import io.azevents.pacemaker.internal.CibFileLock;
import io.azevents.pacemaker.internal.CibPatch;
import io.azevents.pacemaker.internal.CibReader;
import io.azevents.pacemaker.internal.Claims;
import io.azevents.pacemaker.internal.PacemakerStatus;
import io.azevents.pacemaker.internal.PrivateDirectory;
import io.azevents.pacemaker.internal.StatusReader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.w3c.dom.Document;

/**
 * {@link ClusterAttributeStore} on Pacemaker's command-line tools. Works the same on a live cluster
 * and on a CIB file ({@code CIB_file}, inherited from the environment or set by
 * {@link Builder#cibFile}).
 *
 * <p>The store never re-derives Pacemaker's status rules from the raw CIB: who is online, clean,
 * shutting down, in standby or in maintenance, what kind of node each is, and what is active where
 * are Pacemaker's own answer, read from its status XML. The raw CIB is read only for what Pacemaker's
 * status output does not carry: node attributes, cluster properties, claims, nvpair ids and the CIB
 * version that a write is checked against.
 *
 * <ul>
 *   <li>{@link #readView()} is one {@code crm_simulate --live-check --save-output=<copy>
 *       --output-as=xml --quiet}: a single process that reads the CIB once, saves that very CIB to a
 *       private copy and prints Pacemaker's reading of it ({@code <nodes>}, {@code <resources>}, the
 *       schema of {@code crm_mon --output-as=xml}). Both halves of the view therefore come from one
 *       snapshot. The copy lives in a private directory (0700, the file 0600: a CIB may hold secrets)
 *       and is deleted as soon as it is read, also on failure. Nodes are those Pacemaker lists (members,
 *       Pacemaker Remote, guest and bundle nodes); a node's status ({@link NodeStatus}), {@code online}
 *       and {@code standby} are its {@code <node>} attributes; its running resources are the resources
 *       Pacemaker lists as active on it, at any depth (groups, clones, bundle replicas), also on
 *       unclean nodes awaiting fencing. Permanent attributes come from the {@code nodes} section,
 *       transient ones and the count of operations in flight from the node's {@code node_state}.
 *       {@code crm_simulate} prints no cluster summary, so {@link ClusterView#maintenanceMode()} is read
 *       from the copy when the CIB sets {@code maintenance-mode} plainly (not at all, or once without
 *       rules: Pacemaker's own {@code crm_is_true} of that value); when it is conditional (rules,
 *       references, several sets) a second process, {@code crm_mon --one-shot --output-as=xml
 *       --include=none --include=options} on the same copy, gives Pacemaker's answer. A view thus
 *       costs one process, two in that rare case. (The first call also learns the local node name,
 *       see {@link #localNodeName()}.)</li>
 *   <li>{@link #write(List)} is one {@code cibadmin --patch}: a whole batch of sets and deletes, of
 *       node attributes ({@code nodes} section, lifetime forever) and cluster properties, in one CIB
 *       transaction that applies only to the CIB version it was computed from. It is computed from
 *       the snapshot read just before (at most {@link Builder#snapshotReuse} old) or from a fresh one;
 *       if the CIB changed meanwhile, the store reads again and retries. A Pacemaker Remote or guest
 *       node without an entry in the {@code nodes} section gets one, as {@code crm_attribute} creates
 *       it. Nothing is run when the CIB already holds every value.</li>
 *   <li>{@link #write(List, Claim, Instant)}, the fenced write, is the same patch computed from a
 *       snapshot that holds exactly the fencing claim: as the patch applies only to that CIB version,
 *       the claim is still held when it lands. If the claim is gone, changed or expired, nothing is
 *       written. One process after a view; a fenced write that needs no change reads once to check
 *       the claim.</li>
 *   <li>{@link #forecastDrain} runs the scheduler on private copies of the view's snapshot: the
 *       drain's updates are applied to one copy in Java, then {@code crm_simulate --xml-file=<copy>
 *       --simulate} runs on the unchanged copy (baseline) and on the changed one; the two
 *       {@code revised_cluster_status} placements are the forecast. Two processes (three if the view
 *       is not the latest one this store read: the CIB is read again first); never throws.</li>
 *   <li>{@link #tryAcquire(Claim)} is one {@code cibadmin --create} of the claim's own property set
 *       (it fails with exit 108 if the id exists: an atomic test-and-set);
 *       {@link #release(Claim)} reads ({@code cibadmin --query}), and deletes the set by a
 *       version-checked patch only if it holds exactly that claim.</li>
 * </ul>
 *
 * <p>The private copies are made under {@link Builder#scratchDirectory} (default
 * {@code java.io.tmpdir}); a {@link CommandRunner} that runs commands elsewhere (with a prefix) must
 * see that directory at the same path. On a pre-3.0 CIB schema (validate-with {@code pacemaker-2.x})
 * the copy {@code crm_simulate} saves is the upgraded one Pacemaker works on: same version numbers,
 * same node attribute sets and azevents properties, only Pacemaker's own deprecated cluster options
 * moved; the version-checked patch is unaffected. In the rare conditional maintenance-mode case,
 * {@code crm_mon} is pointed at the copy through {@code CIB_file}; a prefix that drops the environment
 * makes it read the live CIB instead.
 *
 * <p>Every command runs from an argument vector through a {@link CommandRunner}, with a timeout; a
 * failure is a {@link CommandFailedException}. Thread-safe.
 */
public final class CrmClusterAttributeStore implements ClusterAttributeStore {
    /** The default per-command timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How old a view read by {@link #readView()} may be for {@link #write(List)} to start from it. */
    public static final Duration DEFAULT_SNAPSHOT_REUSE = Duration.ofSeconds(5);
    /** The environment variable through which Pacemaker tells an agent its node. */
    public static final String ON_NODE_ENV = "OCF_RESKEY_CRM_meta_on_node";
    /** The {@link DrainForecast#source()} of this store's forecasts. */
    public static final String FORECAST_SOURCE = "crm_simulate";

    static final int EXIT_OLD_DATA = 103;
    static final int EXIT_EXISTS = 108;
    private static final int MAX_ATTEMPTS = 10;
    /** Looked up on first use: finding a logger costs tens of milliseconds of a monitor's start-up. */
    private static System.Logger log() {
        return System.getLogger(CrmClusterAttributeStore.class.getName());
    }

    private final CommandRunner runner;
    private final Duration timeout;
    private final Map<String, String> commandEnvironment;
    private final Optional<Path> cibFile;
    private final Map<String, String> environment;
    private final Optional<String> explicitLocalNode;
    private final Duration snapshotReuse;
    private final Path scratch;
    /** The snapshot a write may start from; taken (and cleared) by the next write. */
    private final AtomicReference<Snapshot> reusable = new AtomicReference<>();
    /** The latest view this store returned, with its snapshot, for forecasts. */
    private final AtomicReference<Latest> latest = new AtomicReference<>();
    private volatile String localNode;

    /**
     * One reading of the cluster: the raw CIB as Pacemaker read it, and Pacemaker's status of it.
     *
     * @param raw             the CIB text
     * @param cib             what the store uses of it
     * @param status          Pacemaker's reading of that same CIB
     * @param maintenanceMode the cluster's maintenance mode, as Pacemaker evaluates it
     * @param readAtNanos     when it was read ({@link System#nanoTime()})
     */
    private record Snapshot(String raw, Cib cib, PacemakerStatus status, boolean maintenanceMode,
            long readAtNanos) {

        /** The nodes by name, as Pacemaker lists them, for patches. */
        Map<String, CibPatch.NodeTarget> targets() {
            Map<String, CibPatch.NodeTarget> m = new LinkedHashMap<>();
            status.nodes().forEach(n -> m.put(n.name(), new CibPatch.NodeTarget(n.name(), n.id(), n.remote())));
            return m;
        }
    }

    private record Latest(ClusterView view, Snapshot snapshot) {
    }

    /** A store with the defaults: local processes, inherited environment, 10 s timeout. */
    @Inject
    public CrmClusterAttributeStore() {
        this(builder());
    }

    private CrmClusterAttributeStore(Builder b) {
        this.runner = b.runner;
        this.timeout = b.timeout;
        this.commandEnvironment = b.cibFile.map(f -> Map.of("CIB_file", f.toString())).orElse(Map.of());
        this.cibFile = b.cibFile.or(() -> Optional.ofNullable(b.environment.get("CIB_file"))
                .filter(f -> !f.isEmpty()).map(Path::of));
        this.environment = b.environment;
        this.explicitLocalNode = b.localNodeName;
        this.snapshotReuse = b.snapshotReuse;
        this.scratch = b.scratch;
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder: local processes, 10 s per command, the environment's {@code CIB_file}
     *     if any, views reused for 5 s, scratch space in {@code java.io.tmpdir}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The local node: the explicit name given to the builder, else {@value #ON_NODE_ENV}, else
     * {@code crm_node -n}. Learned once per store. Never falls back to anything else.
     *
     * @throws CommandFailedException if {@code crm_node -n} fails (it needs a running controller,
     *         even with {@code CIB_file})
     */
    @Override
    public String localNodeName() {
        String n = localNode;
        if (n == null) {
            synchronized (this) {
                if (localNode == null) {
                    localNode = learnLocalNodeName();
                }
                n = localNode;
            }
        }
        return n;
    }

    private String learnLocalNodeName() {
        if (explicitLocalNode.isPresent()) {
            return explicitLocalNode.get();
        }
        String fromEnv = environment.get(ON_NODE_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            if (!Names.isNodeName(fromEnv)) {
                throw new ClusterStoreException(ON_NODE_ENV + " is not a valid node name: " + Names.quote(fromEnv));
            }
            return fromEnv;
        }
        List<String> argv = List.of("crm_node", "-n");
        CommandRunner.Result r = runChecked(argv);
        String name = r.stdout().strip();
        if (!Names.isNodeName(name)) {
            throw new CommandFailedException(argv, r.exitCode(),
                    "printed no valid node name: " + Names.quote(name) + " " + r.stderr());
        }
        return name;
    }

    /**
     * Reads the cluster: one {@code crm_simulate --live-check} (see the class description), two in the
     * rare case of a conditional {@code maintenance-mode}.
     */
    @Override
    public ClusterView readView() {
        String local = localNodeName();
        Snapshot s = readSnapshot();
        ClusterView view = toView(s, local);
        reusable.set(s);
        latest.set(new Latest(view, s));
        return view;
    }

    @Override
    public void write(List<AttributeUpdate> updates) {
        List<AttributeUpdate> batch = List.copyOf(Objects.requireNonNull(updates, "updates"));
        if (batch.isEmpty()) {
            return;
        }
        Snapshot s = reusableSnapshot().orElse(null);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (s == null) {
                s = readSnapshot();
            }
            Optional<CibPatch.Patch> patch = CibPatch.of(s.cib(), s.targets(), batch);
            if (patch.isEmpty()) {
                return;
            }
            if (applyPatch(patch.get().toXml(), attempt)) {
                reusable.set(null);
                return;
            }
            s = null;
        }
        throw new ClusterStoreException("the CIB changed under every one of " + MAX_ATTEMPTS
                + " attempts to write " + batch);
    }

    /**
     * The fenced write as one version-checked {@code cibadmin --patch}, computed from a snapshot that
     * holds exactly {@code fence}: the CIB applies the patch only if it is still at that version, so
     * the claim is still held, unchanged, when the updates land. If the CIB changed in between
     * (exit 103), the store reads again and checks the claim again. One process after a view; when no
     * update is needed, one read to check the claim.
     *
     * @return true if written, or if nothing needed writing and the claim is held; false if the claim
     *         is gone, held by someone else, has another expiry, or has expired at {@code now}: then
     *         nothing was written
     */
    @Override
    public boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
        List<AttributeUpdate> batch = List.copyOf(Objects.requireNonNull(updates, "updates"));
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(now, "now");
        if (fence.expiredAt(now)) {
            return false;
        }
        Snapshot s = reusableSnapshot().orElse(null);
        boolean fresh = false;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (s == null) {
                s = readSnapshot();
                fresh = true;
            }
            boolean held = fence.equals(s.cib().claims().get(fence.id()));
            if (!held && fresh) {
                return false;
            }
            Optional<CibPatch.Patch> patch = held ? CibPatch.of(s.cib(), s.targets(), batch) : Optional.empty();
            if (held && patch.isEmpty() && fresh) {
                return true;
            }
            if (!held || patch.isEmpty()) {
                // decided on a reused snapshot with nothing to check it against: read again
                s = null;
                continue;
            }
            if (applyPatch(patch.get().toXml(), attempt)) {
                reusable.set(null);
                return true;
            }
            s = null;
        }
        throw new ClusterStoreException("the CIB changed under every one of " + MAX_ATTEMPTS
                + " attempts to write " + batch + " under " + fence);
    }

    /**
     * Runs the scheduler on private copies of the snapshot {@code view} was read from (read again if
     * {@code view} is not the latest view of this store): {@code crm_simulate --xml-file=<copy>
     * --simulate} once on the unchanged copy (the baseline) and once on a copy with {@code drain}
     * applied in Java, and returns both {@code revised_cluster_status} placements. Costs two processes
     * (three when the CIB must be read again). Never throws: a failure is a
     * {@link DrainForecast#failed} forecast naming the command and its exit code.
     */
    @Override
    public DrainForecast forecastDrain(ClusterView view, List<AttributeUpdate> drain) {
        try {
            Objects.requireNonNull(view, "view");
            List<AttributeUpdate> updates = List.copyOf(Objects.requireNonNull(drain, "drain"));
            Latest l = latest.get();
            Snapshot s = l != null && l.view().equals(view) ? l.snapshot() : readSnapshot();
            Optional<CibPatch.Patch> patch = CibPatch.of(s.cib(), s.targets(), updates);
            Document drained = CibDocument.parse(s.raw());
            patch.ifPresent(p -> p.applyTo(drained));
            try (PrivateDirectory dir = PrivateDirectory.create(scratch)) {
                Path baselineCib = dir.file("baseline.xml");
                Files.writeString(baselineCib, s.raw(), StandardCharsets.UTF_8);
                Path drainedCib = dir.file("drained.xml");
                CibDocument.write(drained, drainedCib);
                Placement before = simulate(baselineCib, dir.file("baseline-out.xml"));
                Placement after = simulate(drainedCib, dir.file("drained-out.xml"));
                return DrainForecast.of(before, after, FORECAST_SOURCE);
            }
        } catch (ClusterStoreException e) {
            // CommandFailedException included: its message names the command line and the exit code
            return DrainForecast.failed("the scheduler (crm_simulate) could not forecast the drain: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return DrainForecast.failed("the scheduler (crm_simulate) could not forecast the drain: " + e);
        }
    }

    private Placement simulate(Path cib, Path out) {
        List<String> argv = List.of("crm_simulate", "--xml-file=" + cib, "--simulate", "--save-output=" + out,
                "--output-as=xml", "--quiet");
        return StatusReader.read(runChecked(argv).stdout(), StatusReader.Section.REVISED).placement();
    }

    @Override
    public boolean tryAcquire(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        List<String> argv = List.of("cibadmin", "--create", "--scope", "crm_config", "--xml-text",
                Claims.toXml(claim));
        CommandRunner.Result r = mutate(argv);
        reusable.set(null);
        if (r.exitCode() == 0) {
            return true;
        }
        if (r.exitCode() == EXIT_EXISTS) {
            return false;
        }
        throw new CommandFailedException(argv, r.exitCode(), r.stderr());
    }

    @Override
    public boolean release(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Cib cib = query();
            if (!claim.equals(cib.claims().get(claim.id()))) {
                return false;
            }
            if (applyPatch(CibPatch.deletePropertySet(cib, Claims.setId(claim.id())).toXml(), attempt)) {
                reusable.set(null);
                return true;
            }
        }
        throw new ClusterStoreException("the CIB changed under every one of " + MAX_ATTEMPTS
                + " attempts to release " + claim);
    }

    /** True if applied; false if the CIB moved past the patch's source version (read again). */
    private boolean applyPatch(String patch, int attempt) {
        List<String> argv = List.of("cibadmin", "--patch", "--xml-text", patch);
        CommandRunner.Result r = mutate(argv);
        if (r.exitCode() == 0) {
            return true;
        }
        if (r.exitCode() == EXIT_OLD_DATA || r.stderr().contains("diff failed")) {
            log().log(System.Logger.Level.DEBUG, "CIB changed since it was read (attempt {0}): {1}",
                    attempt, r.stderr().strip());
            backOff(attempt);
            return false;
        }
        throw new CommandFailedException(argv, r.exitCode(), r.stderr());
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L * attempt * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterStoreException("interrupted while writing the CIB", e);
        }
    }

    private Optional<Snapshot> reusableSnapshot() {
        Snapshot s = reusable.getAndSet(null);
        if (s == null || System.nanoTime() - s.readAtNanos() > snapshotReuse.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /**
     * One snapshot: {@code crm_simulate --live-check --save-output=<private copy>}, which prints
     * Pacemaker's status of exactly the CIB it saves (it reads its status from the saved file).
     */
    private Snapshot readSnapshot() {
        try (PrivateDirectory dir = PrivateDirectory.create(scratch)) {
            Path copy = dir.file("cib.xml");
            List<String> argv = List.of("crm_simulate", "--live-check", "--save-output=" + copy,
                    "--output-as=xml", "--quiet");
            CommandRunner.Result r = runChecked(argv);
            String raw;
            try {
                raw = Files.readString(copy, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ClusterStoreException("cannot read the CIB copy " + copy + " that " + String.join(" ", argv)
                        + " saved: " + e.getMessage(), e);
            }
            if (raw.isBlank()) {
                throw new CommandFailedException(argv, r.exitCode(), "saved no CIB to " + copy + " " + r.stderr());
            }
            Cib cib = CibReader.read(raw);
            PacemakerStatus status;
            try {
                status = StatusReader.read(r.stdout());
            } catch (ClusterStoreException e) {
                throw new CommandFailedException(argv, r.exitCode(), e.getMessage() + " " + r.stderr(), false, e);
            }
            boolean maintenance = cib.maintenanceMode().orElseGet(() -> askMaintenanceMode(copy));
            return new Snapshot(raw, cib, status, maintenance, System.nanoTime());
        }
    }

    /** Pacemaker's evaluation of a conditional {@code maintenance-mode}, on the snapshot's copy. */
    private boolean askMaintenanceMode(Path copy) {
        List<String> argv = List.of("crm_mon", "--one-shot", "--output-as=xml", "--include=none",
                "--include=options");
        Map<String, String> env = new HashMap<>(commandEnvironment);
        env.put("CIB_file", copy.toString());
        CommandRunner.Result r = runner.run(argv, env, timeout);
        if (r.exitCode() != 0) {
            throw new CommandFailedException(argv, r.exitCode(), r.stderr());
        }
        try {
            return StatusReader.maintenanceMode(r.stdout());
        } catch (ClusterStoreException e) {
            throw new CommandFailedException(argv, r.exitCode(), e.getMessage(), false, e);
        }
    }

    /** The raw CIB only, for what needs no status (releasing a claim). */
    private Cib query() {
        return CibReader.read(runChecked(List.of("cibadmin", "--query")).stdout());
    }

    private CommandRunner.Result runChecked(List<String> argv) {
        CommandRunner.Result r = run(argv);
        if (r.exitCode() != 0) {
            throw new CommandFailedException(argv, r.exitCode(), r.stderr());
        }
        return r;
    }

    /** Runs a command that changes the CIB; on a CIB file, under the file's lock (see {@link CibFileLock}). */
    private CommandRunner.Result mutate(List<String> argv) {
        return cibFile.isPresent() ? CibFileLock.with(cibFile.get(), () -> run(argv)) : run(argv);
    }

    private CommandRunner.Result run(List<String> argv) {
        return runner.run(argv, commandEnvironment, timeout);
    }

    private static ClusterView toView(Snapshot s, String local) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (PacemakerStatus.Node n : s.status().nodes()) {
            if (!Names.isNodeName(n.name())) {
                log().log(System.Logger.Level.WARNING, "ignoring node with unusable name {0}", Names.quote(n.name()));
                continue;
            }
            Map<String, String> permanent = s.cib().configNode(n.id(), n.name())
                    .map(c -> merge(c.sets())).orElse(Map.of());
            Optional<Cib.NodeState> state = s.cib().state(n.id(), n.name());
            NodeKind kind = n.guest() ? NodeKind.GUEST : n.remote() ? NodeKind.REMOTE : NodeKind.MEMBER;
            nodes.add(ClusterNode.builder(n.name())
                    // a node still joining (pending) cannot run resources yet
                    .online(n.online() && !n.pending())
                    .standby(n.standby() || n.standbyOnFail())
                    .attributes(permanent)
                    .transientAttributes(state.map(Cib.NodeState::transientAttributes).orElse(Map.of()))
                    .runningResources(s.status().activeOn(n.name()))
                    .pendingOperations(state.map(Cib.NodeState::pending).orElse(0))
                    // the resource that provides a remote node (its connection, named as the node) or a
                    // guest or bundle node (its container, Pacemaker's id_as_resource)
                    .status(new NodeStatus(kind, n.maintenance(), n.unclean(), n.shutdown(),
                            kind == NodeKind.MEMBER ? Optional.empty()
                                    : Optional.of(n.idAsResource().orElse(n.name()))))
                    .build());
        }
        List<Cib.NvSet> sets = new ArrayList<>(s.cib().propertySets());
        // cib-bootstrap-options first: where crm_attribute reads and writes cluster properties
        sets.sort((a, b) -> Boolean.compare(!a.id().equals(Cib.BOOTSTRAP_SET), !b.id().equals(Cib.BOOTSTRAP_SET)));
        return new ClusterView(local, nodes, merge(sets), s.cib().claims(), s.cib().version().toString(),
                s.maintenanceMode());
    }

    private static Map<String, String> merge(List<Cib.NvSet> sets) {
        Map<String, String> m = new LinkedHashMap<>();
        sets.forEach(set -> set.pairs().forEach(p -> m.putIfAbsent(p.name(), p.value())));
        return m;
    }

    /** Configures a {@link CrmClusterAttributeStore}. Not thread-safe; build once. */
    public static final class Builder {
        private CommandRunner runner = CommandRunner.local();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Optional<Path> cibFile = Optional.empty();
        private Optional<String> localNodeName = Optional.empty();
        private Map<String, String> environment = System.getenv();
        private Duration snapshotReuse = DEFAULT_SNAPSHOT_REUSE;
        private Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

        private Builder() {
        }

        /**
         * Runs commands through {@code runner} (default: local processes).
         *
         * @param runner the runner for every Pacemaker command the store runs
         * @return this builder
         * @throws NullPointerException if {@code runner} is null
         */
        public Builder runner(CommandRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * The timeout of each command (default 10 s); a command past it is killed.
         *
         * @param timeout how long one command may run; positive
         * @return this builder
         * @throws IllegalArgumentException if it is zero or negative
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Works on this CIB file ({@code CIB_file}) instead of what the environment says.
         *
         * @param cibFile the CIB file; made absolute
         * @return this builder
         */
        public Builder cibFile(Path cibFile) {
            this.cibFile = Optional.of(cibFile.toAbsolutePath());
            return this;
        }

        /**
         * The local node's name, when neither Pacemaker nor {@code crm_node} can say it (a CIB file
         * with no cluster running).
         *
         * @param name the node's name, which wins over every other source
         * @return this builder
         * @throws IllegalArgumentException if it is not a valid node name
         */
        public Builder localNodeName(String name) {
            if (!Names.isNodeName(name)) {
                throw new IllegalArgumentException("not a valid node name: " + Names.quote(name));
            }
            this.localNodeName = Optional.of(name);
            return this;
        }

        /**
         * Where {@value #ON_NODE_ENV} is looked up (default: this process's environment).
         *
         * @param environment the variables, copied; its {@code CIB_file} is also used when
         *     {@link #cibFile(Path)} is not given
         * @return this builder
         * @throws NullPointerException if the map is null or holds null
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * How old a view may be for a write to start from it (default 5 s; zero: always query first).
         *
         * @param maxAge the age limit; zero or more
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder snapshotReuse(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative");
            }
            this.snapshotReuse = maxAge;
            return this;
        }

        /**
         * Where the store makes its private directories (0700) for copies of the CIB, deleted after
         * each use (default {@code java.io.tmpdir}). Commands run through a prefixed runner must see
         * this directory at the same path (the cluster lab's nodes share {@code /tmp}).
         *
         * @param dir the directory the private ones are made in; made absolute
         * @return this builder
         */
        public Builder scratchDirectory(Path dir) {
            this.scratch = dir.toAbsolutePath();
            return this;
        }

        /**
         * The store.
         *
         * @return a new store; it runs nothing until first asked
         */
        public CrmClusterAttributeStore build() {
            return new CrmClusterAttributeStore(this);
        }
    }
}
