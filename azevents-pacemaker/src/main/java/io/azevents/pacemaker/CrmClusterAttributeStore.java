package io.azevents.pacemaker;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.ClusterView;
import io.azevents.core.Names;
import io.azevents.pacemaker.internal.Cib;
import io.azevents.pacemaker.internal.CibPatch;
import io.azevents.pacemaker.internal.CibFileLock;
import io.azevents.pacemaker.internal.CibReader;
import io.azevents.pacemaker.internal.Claims;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link ClusterAttributeStore} on Pacemaker's command-line tools. Works the same on a live cluster
 * and on a CIB file ({@code CIB_file}, inherited from the environment or set by
 * {@link Builder#cibFile}).
 *
 * <ul>
 *   <li>{@link #readView()} is one {@code cibadmin --query}: membership, permanent and transient node
 *       attributes, standby, cluster properties, claims, and the running resources and pending
 *       operations derived from each node's operation history. (The first call also learns the local
 *       node name, see {@link #localNodeName()}.)</li>
 *   <li>{@link #write(List)} is one {@code cibadmin --patch}: a whole batch of sets and deletes, of
 *       node attributes ({@code nodes} section, lifetime forever) and cluster properties, in one CIB
 *       transaction that applies only to the CIB version it was computed from. It is computed from
 *       the view read just before (at most {@link Builder#snapshotReuse} old) or from a fresh query;
 *       if the CIB changed meanwhile, the store reads again and retries. Nothing is run when the CIB
 *       already holds every value.</li>
 *   <li>{@link #tryAcquire(Claim)} is one {@code cibadmin --create} of the claim's own property set
 *       (it fails with exit 108 if the id exists: an atomic test-and-set);
 *       {@link #release(Claim)} reads, and deletes the set by a version-checked patch only if it
 *       holds exactly that claim.</li>
 * </ul>
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
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private volatile String localNode;

    private record Snapshot(Cib cib, long readAtNanos) {
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
    }

    /** A builder with the defaults. */
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

    @Override
    public ClusterView readView() {
        Cib cib = query();
        snapshot.set(new Snapshot(cib, System.nanoTime()));
        return toView(cib, localNodeName());
    }

    @Override
    public void write(List<AttributeUpdate> updates) {
        List<AttributeUpdate> batch = List.copyOf(Objects.requireNonNull(updates, "updates"));
        if (batch.isEmpty()) {
            return;
        }
        Cib cib = reusableSnapshot().orElse(null);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (cib == null) {
                cib = query();
            }
            Optional<String> patch = CibPatch.of(cib, batch);
            if (patch.isEmpty()) {
                return;
            }
            if (applyPatch(patch.get(), attempt)) {
                snapshot.set(null);
                return;
            }
            cib = null;
        }
        throw new ClusterStoreException("the CIB changed under every one of " + MAX_ATTEMPTS
                + " attempts to write " + batch);
    }

    @Override
    public boolean tryAcquire(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        List<String> argv = List.of("cibadmin", "--create", "--scope", "crm_config", "--xml-text",
                Claims.toXml(claim));
        CommandRunner.Result r = mutate(argv);
        snapshot.set(null);
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
            if (applyPatch(CibPatch.deletePropertySet(cib, Claims.setId(claim.id())), attempt)) {
                snapshot.set(null);
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

    private Optional<Cib> reusableSnapshot() {
        Snapshot s = snapshot.getAndSet(null);
        if (s == null || System.nanoTime() - s.readAtNanos() > snapshotReuse.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(s.cib());
    }

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

    private static ClusterView toView(Cib cib, String local) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (Cib.Node n : cib.nodes()) {
            if (!Names.isNodeName(n.name())) {
                log().log(System.Logger.Level.WARNING, "ignoring node with unusable name {0}", Names.quote(n.name()));
                continue;
            }
            Map<String, String> permanent = merge(n.sets());
            String standby = n.transientAttributes().getOrDefault("standby", permanent.get("standby"));
            nodes.add(new ClusterNode(n.name(), n.online(), isTrue(standby), permanent, n.transientAttributes(),
                    n.running(), n.pending()));
        }
        List<Cib.NvSet> sets = new ArrayList<>(cib.propertySets());
        // cib-bootstrap-options first: where crm_attribute reads and writes cluster properties
        sets.sort((a, b) -> Boolean.compare(!a.id().equals(Cib.BOOTSTRAP_SET), !b.id().equals(Cib.BOOTSTRAP_SET)));
        return new ClusterView(local, nodes, merge(sets), cib.claims(), cib.version().toString());
    }

    private static Map<String, String> merge(List<Cib.NvSet> sets) {
        Map<String, String> m = new LinkedHashMap<>();
        sets.forEach(s -> s.pairs().forEach(p -> m.putIfAbsent(p.name(), p.value())));
        return m;
    }

    /** Pacemaker's notion of true ({@code crm_is_true}). */
    private static boolean isTrue(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "y", "1" -> true;
            default -> false;
        };
    }

    /** Configures a {@link CrmClusterAttributeStore}. Not thread-safe; build once. */
    public static final class Builder {
        private CommandRunner runner = CommandRunner.local();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Optional<Path> cibFile = Optional.empty();
        private Optional<String> localNodeName = Optional.empty();
        private Map<String, String> environment = System.getenv();
        private Duration snapshotReuse = DEFAULT_SNAPSHOT_REUSE;

        private Builder() {
        }

        /** Runs commands through {@code runner} (default: local processes). */
        public Builder runner(CommandRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** The timeout of each command (default 10 s); a command past it is killed. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Works on this CIB file ({@code CIB_file}) instead of what the environment says. */
        public Builder cibFile(Path cibFile) {
            this.cibFile = Optional.of(cibFile.toAbsolutePath());
            return this;
        }

        /**
         * The local node's name, when neither Pacemaker nor {@code crm_node} can say it (a CIB file
         * with no cluster running).
         */
        public Builder localNodeName(String name) {
            if (!Names.isNodeName(name)) {
                throw new IllegalArgumentException("not a valid node name: " + Names.quote(name));
            }
            this.localNodeName = Optional.of(name);
            return this;
        }

        /** Where {@value #ON_NODE_ENV} is looked up (default: this process's environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** How old a view may be for a write to start from it (default 5 s; zero: always query first). */
        public Builder snapshotReuse(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative");
            }
            this.snapshotReuse = maxAge;
            return this;
        }

        public CrmClusterAttributeStore build() {
            return new CrmClusterAttributeStore(this);
        }
    }
}
