package io.azevents.cli.wiring;

import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.CycleListener;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.Objects;

/**
 * Assembles an agent from its configuration and the adapters of a {@link Wiring}: the strategy the
 * configuration names (a built-in one or a plugin's: {@link Plugins#installed}), the scheduled-events source, the
 * cluster store, the clock and the listener; for the OCF agent, with its operations (history,
 * metrics, {@code observe_only}) around the adapters and the listener ({@link #around}). The one place the CLI builds
 * an agent: the stateless monitor, the resident poller, {@code explain}, {@code status} and the demo
 * all come here. Immutable; each call builds anew.
 */
public final class AgentFactory {
    private final EnvConfig config;
    private final Wiring wiring;
    private final Clock clock;
    private final CycleListener listener;

    /** An agent of {@code config} on {@code wiring}'s adapters, reading {@code clock}, reporting to {@code listener}. */
    public AgentFactory(EnvConfig config, Wiring wiring, Clock clock, CycleListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** With the system clock and no listener (the operator commands' dry runs and views). */
    public static AgentFactory of(EnvConfig config, Wiring wiring) {
        return new AgentFactory(config, wiring, Clock.systemUTC(), CycleListener.NONE);
    }

    /**
     * This factory with {@code wiring} around its adapters, then {@code listener} around its listener
     * (the OCF agent's operations: history, metrics, {@code observe_only}).
     */
    public AgentFactory around(UnaryOperator<Wiring> wiring, UnaryOperator<CycleListener> listener) {
        Wiring w = wiring.apply(this.wiring);
        return new AgentFactory(config, w, clock, listener.apply(this.listener));
    }

    /** The configuration the agent runs with. */
    public EnvConfig config() {
        return config;
    }

    /** The clock the agent reads. */
    public Clock clock() {
        return clock;
    }

    /**
     * The strategy the configuration names, after checking the common keys and the strategy's own.
     *
     * @throws io.azevents.core.ConfigException if the configuration is invalid
     */
    public NodeDrainStrategy strategy() {
        return Plugins.installed(config.environment()).strategies().create(config.strategy(), config);
    }

    /** The scheduled-events source for this VM, whose reads end by {@code deadline}, caching under {@code stateDir}. */
    public ScheduledEventsService source(Duration deadline, Path stateDir) {
        return wiring.source(config, deadline, stateDir);
    }

    /** The cluster store for the local node. */
    public ClusterAttributeStore store() {
        return wiring.store(config);
    }

    /** An agent of these parts, with this factory's clock and listener. */
    public AzEventsAgent agent(ScheduledEventsService source, ClusterAttributeStore store, NodeDrainStrategy strategy) {
        return new AzEventsAgent(source, store, strategy, clock, listener);
    }
}
