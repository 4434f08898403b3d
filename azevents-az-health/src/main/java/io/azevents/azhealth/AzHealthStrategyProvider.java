package io.azevents.azhealth;

import io.azevents.azhealth.internal.AzHealthStrategy;
import io.azevents.core.AgentConfig;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.core.spi.ParameterSpec;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Provides the {@code az-health} strategy: the behaviour of the {@code azure-events-az} agent
 * (Availability Zones; a node drains itself with {@code #health-azure}), attribute-compatible with
 * it so that a cluster can switch in place. Registered in
 * {@code META-INF/services/io.azevents.core.spi.NodeDrainStrategyProvider}.
 *
 * <p>The constructor does no work; {@link #create(AgentConfig)} validates the configuration and
 * builds the strategy. Stateless and thread-safe.
 */
public final class AzHealthStrategyProvider implements NodeDrainStrategyProvider {

    /** Creates the provider; does nothing else. */
    public AzHealthStrategyProvider() {
    }

    @Override
    public String name() {
        return AzHealthStrategy.NAME;
    }

    @Override
    public String description() {
        return "Drains a node before its own Azure scheduled events with the #health-azure node-health "
                + "attribute (azure-events-az compatible, for Availability Zones)";
    }

    /** {@code azure-events-az}: this strategy keeps that upstream agent's behaviour and attributes. */
    @Override
    public Optional<String> ocfAgentType() {
        return Optional.of("azure-events-az");
    }

    @Override
    public String shortDescription() {
        return "#health-azure node health, azure-events-az";
    }

    /** {@code #health-azure}: a node takes resources only once its location rule can read it. */
    @Override
    public List<String> requiredNodeAttributes() {
        return AzHealthStrategy.REQUIRED_NODE_ATTRIBUTES;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return AzHealthStrategy.parameters();
    }

    @Override
    public List<String> problems(AgentConfig config) {
        return AzHealthStrategy.problems(Objects.requireNonNull(config, "config"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws io.azevents.core.ConfigException naming every invalid key of this strategy
     */
    @Override
    public NodeDrainStrategy create(AgentConfig config) {
        return AzHealthStrategy.create(Objects.requireNonNull(config, "config"));
    }
}
