package io.azevents.cli.wiring;

import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.util.List;
import java.util.Optional;

/**
 * The OCF agent types the strategies found keep ({@link NodeDrainStrategyProvider#ocfAgentType()}),
 * and the strategy each runs by default: the CLI asks the providers and names no strategy itself.
 */
public final class AgentTypes {
    /**
     * The agent the CLI runs as where none is named (a CIB without the agent, the demo, an agent name
     * no provider claims): the zones agent, the one the admin guide recommends.
     */
    public static final String DEFAULT = "azure-events-az";

    private AgentTypes() {
    }

    /** The provider whose strategy an agent of {@code type} runs by default, else the {@link #DEFAULT} agent's. */
    public static Optional<NodeDrainStrategyProvider> provider(Strategies strategies, String type) {
        return strategies.forOcfAgentType(type).or(() -> strategies.forOcfAgentType(DEFAULT));
    }

    /**
     * The name of the strategy an agent of {@code type} runs by default.
     *
     * @throws IllegalStateException if no provider claims {@code type} or the default agent
     */
    public static String defaultStrategy(Strategies strategies, String type) {
        return provider(strategies, type).map(NodeDrainStrategyProvider::name).orElseThrow(() ->
                new IllegalStateException("no strategy runs the OCF agent " + type + " (strategies found: "
                        + (strategies.names().isEmpty() ? "none" : String.join(", ", strategies.names())) + ")"));
    }

    /** The agent types the providers claim, in the order of their strategies' names. */
    public static List<String> types(Strategies strategies) {
        return strategies.names().stream().map(strategies::provider).map(NodeDrainStrategyProvider::ocfAgentType)
                .flatMap(Optional::stream).toList();
    }
}
