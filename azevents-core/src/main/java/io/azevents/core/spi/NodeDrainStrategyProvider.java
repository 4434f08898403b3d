package io.azevents.core.spi;

import io.azevents.core.AgentConfig;
import java.util.List;
import java.util.Optional;

/**
 * Service provider for a {@link NodeDrainStrategy}, registered in
 * {@code META-INF/services/io.azevents.core.spi.NodeDrainStrategyProvider}. The public no-argument
 * constructor must do no work; {@link #create(AgentConfig)} does it.
 */
public interface NodeDrainStrategyProvider {

    /** The stable kebab-case name operators put in the {@code strategy} parameter. */
    String name();

    /** One line for listings and meta-data. */
    String description();

    /**
     * The type of the OCF agent whose behaviour this strategy keeps ({@code azure-events-az} for the
     * upstream agent of that name): an agent of that type, under any provider, runs this strategy
     * unless its {@code strategy} parameter names another, and the strategy's node attributes carry
     * that type and an underscore as their prefix, as upstream's do. Empty by default: a strategy
     * of a third party runs only where it is named.
     */
    default Optional<String> ocfAgentType() {
        return Optional.empty();
    }

    /** The keys this strategy reads beyond the common ones; empty by default. */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /**
     * Problems with this strategy's own keys in {@code config}, one line each naming the key.
     * Empty by default and when valid.
     */
    default List<String> problems(AgentConfig config) {
        return List.of();
    }

    /**
     * Creates the strategy for {@code config}.
     *
     * @throws io.azevents.core.ConfigException if the configuration is invalid for it
     */
    NodeDrainStrategy create(AgentConfig config);
}
