package com.example.azevents;

import com.example.maintenance.MaintenanceFeed;
import com.example.roster.Roster;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Names;
import io.azevents.core.AgentConfig;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategy;
import java.util.Objects;

/**
 * The Guice wiring of one node's agent: the two ports bound to the example's adapters, the strategy
 * named by the configuration, found among the providers on the class path. {@link AzEventsAgent}
 * needs no binding: its constructor is {@code @jakarta.inject.Inject}, so
 * {@code injector.getInstance(AzEventsAgent.class)} assembles it from the ports and the strategy.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new AgentModule(roster, feed, "node1", "node1-vm",
 *         AgentConfig.of(Map.of("strategy", "own-standby"))));
 * AzEventsAgent agent = injector.getInstance(AzEventsAgent.class);
 * }</pre>
 */
public final class AgentModule extends AbstractModule {
    /** The name of the binding that holds the local node's name. */
    public static final String LOCAL_NODE = "azevents.localNode";
    /** The name of the binding that holds this VM's name. */
    public static final String VM_NAME = "azevents.vmName";

    private final Roster roster;
    private final MaintenanceFeed feed;
    private final String localNode;
    private final String vmName;
    private final AgentConfig config;

    /**
     * @param roster    the cluster
     * @param feed      the platform's maintenance feed
     * @param localNode the member the agent runs on
     * @param vmName    the VM that member runs on, as the feed names it
     * @param config    the agent's configuration, the strategy's name included
     */
    public AgentModule(Roster roster, MaintenanceFeed feed, String localNode, String vmName, AgentConfig config) {
        this.roster = Objects.requireNonNull(roster, "roster");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.localNode = Objects.requireNonNull(localNode, "localNode");
        this.vmName = Objects.requireNonNull(vmName, "vmName");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        bind(Roster.class).toInstance(roster);
        bind(MaintenanceFeed.class).toInstance(feed);
        bindConstant().annotatedWith(Names.named(LOCAL_NODE)).to(localNode);
        bindConstant().annotatedWith(Names.named(VM_NAME)).to(vmName);
        bind(AgentConfig.class).toInstance(config);
        bind(ClusterAttributeStore.class).to(RosterAttributeStore.class);
        bind(ScheduledEventsService.class).to(FeedScheduledEventsService.class);
    }

    /** Every strategy on the class path: the built-in ones and {@code own-standby}, through ServiceLoader. */
    @Provides
    Strategies strategies() {
        return Strategies.discover();
    }

    /** The strategy the configuration names, checked against its keys. */
    @Provides
    NodeDrainStrategy strategy(Strategies strategies, AgentConfig agentConfig) {
        return strategies.create(agentConfig.strategy(), agentConfig);
    }
}
