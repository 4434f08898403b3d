package io.azevents.core.spi;

import io.azevents.core.AgentConfig;
import io.azevents.core.safety.AgentAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Service provider for a {@link NodeDrainStrategy}, registered in
 * {@code META-INF/services/io.azevents.core.spi.NodeDrainStrategyProvider}. The public no-argument
 * constructor must do no work; {@link #create(AgentConfig)} does it.
 */
public interface NodeDrainStrategyProvider {

    /**
     * The stable kebab-case name operators put in the {@code strategy} parameter.
     *
     * @return the name: a lowercase letter, then up to 63 lowercase letters, digits or '-'; unique
     *     among the providers found
     */
    String name();

    /**
     * One line for listings and meta-data.
     *
     * @return a one-line description of the strategy
     */
    String description();

    /**
     * The type of the OCF agent whose behaviour this strategy keeps ({@code azure-events-az} for the
     * upstream agent of that name): an agent of that type, under any provider, runs this strategy
     * unless its {@code strategy} parameter names another, and the strategy's node attributes carry
     * that type and an underscore as their prefix, as upstream's do. Empty by default: a strategy
     * of a third party runs only where it is named.
     *
     * @return the OCF agent type; empty if the strategy keeps no upstream agent's behaviour
     */
    default Optional<String> ocfAgentType() {
        return Optional.empty();
    }

    /**
     * A few words on how this strategy drains a node, for the {@code strategy} parameter's
     * description in the OCF meta-data (az-health: {@code #health-azure node health, azure-events-az}).
     * The {@link #description()} by default.
     *
     * @return a few words, one line
     */
    default String shortDescription() {
        return description();
    }

    /**
     * The CIB names this strategy's agent writes: {@link #ocfAgentType()} and an underscore as the
     * prefix, as upstream's, else the strategy's own name and an underscore. For programs that show
     * the agent's records (azevents status) without naming a strategy.
     *
     * @return the attribute names under that prefix
     */
    default AgentAttributes attributes() {
        return new AgentAttributes(ocfAgentType().orElse(name()) + "_");
    }

    /**
     * Node attributes a location rule needs before anything may run on a node under this strategy
     * (az-health: {@code #health-azure}), as its {@link io.azevents.core.safety.ClusterSafety} is
     * given them, so that a view of the cluster judges who could take resources over as the strategy
     * does. Empty by default.
     *
     * @return the attribute names; empty if no location rule needs one
     */
    default List<String> requiredNodeAttributes() {
        return List.of();
    }

    /**
     * The keys this strategy reads beyond the common ones; empty by default.
     *
     * @return the parameters, in the order the meta-data lists them
     */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /**
     * Problems with this strategy's own keys in {@code config}, one line each naming the key.
     * Empty by default and when valid.
     *
     * @param config the configuration to check
     * @return one line per problem; empty if the strategy's keys are valid. Does not throw for a bad value
     */
    default List<String> problems(AgentConfig config) {
        return List.of();
    }

    /**
     * Creates the strategy for {@code config}.
     *
     * @param config the configuration, already checked by {@link #problems(AgentConfig)} when the
     *     strategy is created through {@link io.azevents.core.Strategies}
     * @return a new, thread-safe strategy
     * @throws io.azevents.core.ConfigException if the configuration is invalid for it
     */
    NodeDrainStrategy create(AgentConfig config);
}
