package io.azevents.legacy;

import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.core.spi.ParameterSpec;
import io.azevents.legacy.internal.LegacyPullStateStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Provides the {@code legacy-pullstate} strategy: the behaviour of the {@code azure-events} agent
 * for clusters in one Availability Set, with its attributes ({@code azure-events_curNodeState},
 * {@code azure-events_pendingEventIDs}, {@code azure-events_lastDocVersion}, {@code azName},
 * {@code hostName_<azName>}, {@code azure-events_globalPullState}, {@code standby}), so a cluster
 * can switch in place.
 *
 * <p>Reads one key of its own, {@value #PULL_LOCK_LEASE}: how long, in seconds, a node may hold the
 * pull lock before its peers consider it abandoned (default {@value #DEFAULT_PULL_LOCK_LEASE_SECONDS}).
 *
 * <p>The no-argument constructor does no work. Immutable; thread-safe.
 */
public final class LegacyPullStateStrategyProvider implements NodeDrainStrategyProvider {

    /** The strategy's name. */
    public static final String NAME = "legacy-pullstate";
    /** The key of the pull lock's lease, in seconds. */
    public static final String PULL_LOCK_LEASE = "pull_lock_lease";
    /** The default lease: several monitor intervals (10 s), well under the monitor timeout (240 s). */
    public static final int DEFAULT_PULL_LOCK_LEASE_SECONDS = 60;
    static final int MIN_LEASE = 10;
    static final int MAX_LEASE = 3600;

    /** Creates the provider; does no work. */
    public LegacyPullStateStrategyProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Availability Set: drains a node with standby, peers approve its events and bring it back "
                + "(azure-events compatible)";
    }

    /** {@code azure-events}: this strategy keeps that upstream agent's behaviour and attributes. */
    @Override
    public Optional<String> ocfAgentType() {
        return Optional.of("azure-events");
    }

    @Override
    public String shortDescription() {
        return "standby and a cluster-wide pull lock, azure-events";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec(PULL_LOCK_LEASE, "integer", Integer.toString(DEFAULT_PULL_LOCK_LEASE_SECONDS),
                "Seconds a node may hold the pull lock",
                "Only one node changes the cluster at a time: it holds the pull lock (shown as "
                        + "azure-events_globalPullState=PULLING) from the cycle that changes something to its next "
                        + "cycle. If that node dies or hangs, its peers take the lock over once this many seconds "
                        + "have passed. Keep it above the monitor interval and well under the monitor timeout. "
                        + "Between " + MIN_LEASE + " and " + MAX_LEASE + "."));
    }

    @Override
    public List<String> problems(AgentConfig config) {
        Objects.requireNonNull(config, "config");
        try {
            lease(config);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Override
    public NodeDrainStrategy create(AgentConfig config) {
        Objects.requireNonNull(config, "config");
        return new LegacyPullStateStrategy(NAME, config.eventTypes(), lease(config));
    }

    private static Duration lease(AgentConfig config) {
        return Duration.ofSeconds(config.integer(PULL_LOCK_LEASE, DEFAULT_PULL_LOCK_LEASE_SECONDS, MIN_LEASE, MAX_LEASE));
    }
}
