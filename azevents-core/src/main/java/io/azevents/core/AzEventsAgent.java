package io.azevents.core;

import io.azevents.core.internal.PlanExecutor;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The entry point: an agent assembled from a scheduled-events source, a cluster store and a
 * strategy, that runs one monitor cycle (read, decide, apply) or a dry run (read, decide) on
 * demand. The embedding program owns scheduling and threads.
 *
 * <pre>{@code
 * AzEventsAgent agent = AzEventsAgent.create(source, store, AgentConfig.of(Map.of("strategy", "az-health")));
 * CycleReport report = agent.runCycle();
 * }</pre>
 *
 * <p>Thread safety: {@link #dryRun()} may run at any time; {@link #runCycle()} must not run
 * concurrently with itself on the same node (Pacemaker never runs two monitors of one instance).
 */
public final class AzEventsAgent {
    private final ScheduledEventsService source;
    private final ClusterAttributeStore store;
    private final NodeDrainStrategy strategy;
    private final Clock clock;
    private final CycleListener listener;

    /**
     * An agent with the system clock and no listener.
     *
     * @param source   the scheduled-events port
     * @param store    the cluster port
     * @param strategy the strategy that decides each cycle
     * @throws NullPointerException if an argument is null
     */
    @Inject
    public AzEventsAgent(ScheduledEventsService source, ClusterAttributeStore store, NodeDrainStrategy strategy) {
        this(source, store, strategy, Clock.systemUTC(), CycleListener.NONE);
    }

    /**
     * An agent with an explicit clock (tests, simulations) and listener.
     *
     * @param source   the scheduled-events port
     * @param store    the cluster port
     * @param strategy the strategy that decides each cycle
     * @param clock    where the agent reads the time of each cycle and claim expiries from
     * @param listener told of each decision, action and cycle; {@link CycleListener#NONE} for none
     * @throws NullPointerException if an argument is null
     */
    public AzEventsAgent(ScheduledEventsService source, ClusterAttributeStore store, NodeDrainStrategy strategy,
                         Clock clock, CycleListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * An agent using the strategy named by {@code config.strategy()}, found with
     * {@link Strategies#discover()}: on azevents' class path and on the calling thread's context
     * class loader.
     *
     * @param source the scheduled-events port
     * @param store  the cluster port
     * @param config the configuration, strategy keys included
     * @return the agent
     * @throws ConfigException         if the configuration is invalid
     * @throws StrategyLookupException if the strategy is unknown (the message lists the known ones)
     */
    public static AzEventsAgent create(ScheduledEventsService source, ClusterAttributeStore store, AgentConfig config) {
        return create(source, store, config, Strategies.discover());
    }

    /**
     * An agent using the strategy named by {@code config.strategy()}, found among {@code strategies}:
     * for example {@code Strategies.discover(pluginLoader)} or {@code Strategies.of(myProvider)}.
     *
     * @param source     the scheduled-events port
     * @param store      the cluster port
     * @param config     the configuration, strategy keys included
     * @param strategies where to look the strategy up
     * @return the agent
     * @throws ConfigException         if the configuration is invalid
     * @throws StrategyLookupException if the strategy is not among {@code strategies}
     */
    public static AzEventsAgent create(ScheduledEventsService source, ClusterAttributeStore store, AgentConfig config,
                                       Strategies strategies) {
        Objects.requireNonNull(config, "config");
        return new AzEventsAgent(source, store, strategies.create(config.strategy(), config));
    }

    /**
     * A copy of this agent that reports to {@code newListener}.
     *
     * @param newListener the listener that replaces this agent's one
     * @return a new agent; this one is unchanged
     * @throws NullPointerException if {@code newListener} is null
     */
    public AzEventsAgent withListener(CycleListener newListener) {
        return new AzEventsAgent(source, store, strategy, clock, newListener);
    }

    /**
     * A copy of this agent that reads time from {@code newClock}.
     *
     * @param newClock the clock that replaces this agent's one
     * @return a new agent; this one is unchanged
     * @throws NullPointerException if {@code newClock} is null
     */
    public AzEventsAgent withClock(Clock newClock) {
        return new AzEventsAgent(source, store, strategy, newClock, listener);
    }

    /**
     * The strategy in use.
     *
     * @return the strategy this agent was built with
     */
    public NodeDrainStrategy strategy() {
        return strategy;
    }

    /**
     * Runs one monitor cycle: reads the events and the cluster, decides, then writes and approves.
     * Action failures are reported in the result (the cycle stops at the first); failing to read
     * throws, since nothing can be decided.
     *
     * @return what was read, decided and done, including the continuation after a won claim
     * @throws ScheduledEventsException  if the events cannot be read
     * @throws ClusterStoreException if the cluster cannot be read
     */
    public CycleReport runCycle() {
        Instant start = clock.instant();
        CycleInput input = read();
        CycleReport report = cycle(start, input, true);
        try {
            listener.finished(report);
        } catch (RuntimeException ignored) {
            // A listener must not break a cycle.
        }
        return report;
    }

    /**
     * Decides and applies on {@code input}. A plan that ends by winning a claim is followed at once by
     * a second decision on a fresh view of the cluster (same document): the claim serialises what
     * comes next, and re-reading after winning it shows every change its previous holder made, so
     * the strategy can act in this cycle instead of the next one. At most one continuation.
     */
    private CycleReport cycle(Instant start, CycleInput input, boolean mayContinue) {
        Decision decision = decide(input);
        List<ActionOutcome> outcomes = new PlanExecutor(store, source, listener, clock).execute(decision, input.view());
        Optional<CycleReport> continuation = Optional.empty();
        if (mayContinue && !outcomes.isEmpty()) {
            ActionOutcome last = outcomes.get(outcomes.size() - 1);
            if (last.action() instanceof PlannedAction.AcquireClaim && last.result() == ActionOutcome.Result.DONE) {
                CycleInput fresh = input.withView(store.readView(), clock.instant());
                continuation = Optional.of(cycle(fresh.now(), fresh, false));
            }
        }
        return new CycleReport(start, Duration.between(start, clock.instant()), input.document(), decision, outcomes,
                continuation);
    }

    /**
     * What the next cycle would do, without writing or approving anything.
     *
     * @return the strategy's decision on the events and the cluster as they are now
     * @throws ScheduledEventsException if the events cannot be read
     * @throws ClusterStoreException    if the cluster cannot be read
     */
    public Decision dryRun() {
        return dryRun(UnaryOperator.identity());
    }

    /**
     * What the next cycle would do if the document were {@code whatIf} applied to the real one
     * (for example with a hypothetical Reboot added). Writes and approves nothing.
     *
     * @param whatIf turns the document read from the source into the one to decide on;
     *     {@link UnaryOperator#identity()} for the real one
     * @return the strategy's decision on the changed document and the cluster as it is now
     * @throws ScheduledEventsException if the events cannot be read
     * @throws ClusterStoreException    if the cluster cannot be read
     */
    public Decision dryRun(UnaryOperator<ScheduledEventsDocument> whatIf) {
        CycleInput real = read();
        CycleInput input = new CycleInput(real.vmName(), whatIf.apply(real.document()), real.view(), real.now(),
                real.scheduler());
        return decide(input);
    }

    /**
     * What the next cycle would decide, as the engine would run it: the first decision and, when it
     * ends by taking a claim, the decision that follows on the cluster as it would then read
     * (assuming the claim is won). Writes and approves nothing.
     *
     * @param whatIf turns the document read from the source into the one to decide on;
     *     {@link UnaryOperator#identity()} for the real one
     * @return one decision, or two when the first ends by acquiring a claim
     * @throws ScheduledEventsException if the events cannot be read
     * @throws ClusterStoreException    if the cluster cannot be read
     */
    public List<Decision> dryRunCycle(UnaryOperator<ScheduledEventsDocument> whatIf) {
        CycleInput real = read();
        CycleInput input = new CycleInput(real.vmName(), whatIf.apply(real.document()), real.view(), real.now(),
                real.scheduler());
        Decision first = decide(input);
        List<PlannedAction> actions = first.actions();
        if (actions.isEmpty() || !(actions.get(actions.size() - 1) instanceof PlannedAction.AcquireClaim)) {
            return List.of(first);
        }
        java.util.Map<String, Optional<Claim>> claims = new java.util.LinkedHashMap<>();
        for (PlannedAction a : actions) {
            if (a instanceof PlannedAction.ReleaseClaim r) {
                claims.put(r.claim().id(), Optional.empty());
            } else if (a instanceof PlannedAction.AcquireClaim c) {
                claims.put(c.claim().id(), Optional.of(c.claim()));
            }
        }
        ClusterView assumed = input.view().assuming(first.updates(), claims);
        return List.of(first, decide(input.withView(assumed, input.now())));
    }

    /**
     * Reads what a cycle decides on.
     *
     * @return this VM's name, the events document, the cluster view and the current time
     * @throws ScheduledEventsException if the events cannot be read
     * @throws ClusterStoreException    if the cluster cannot be read
     */
    public CycleInput read() {
        String vm = source.vmName();
        ScheduledEventsDocument document = source.fetch();
        ClusterView view = store.readView();
        return new CycleInput(vm, document, view, clock.instant(), store::forecastDrain);
    }

    private Decision decide(CycleInput input) {
        Decision decision = strategy.decide(input);
        try {
            listener.decided(decision);
        } catch (RuntimeException ignored) {
            // A listener must not break a cycle.
        }
        return decision;
    }
}
