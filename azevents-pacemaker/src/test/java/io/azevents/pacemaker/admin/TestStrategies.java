package io.azevents.pacemaker.admin;

import io.azevents.core.AgentConfig;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.util.Optional;

/**
 * Providers that describe the two strategies as theirs do (name, OCF agent type) without creating
 * one: the adapter does not depend on the strategies' modules, and the admin code only asks names.
 */
final class TestStrategies {
    private TestStrategies() {
    }

    static Strategies both() {
        return Strategies.of(provider("az-health", "azure-events-az"), provider("legacy-pullstate", "azure-events"));
    }

    private static NodeDrainStrategyProvider provider(String name, String type) {
        return new NodeDrainStrategyProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test description of " + name;
            }

            @Override
            public Optional<String> ocfAgentType() {
                return Optional.of(type);
            }

            @Override
            public NodeDrainStrategy create(AgentConfig config) {
                throw new UnsupportedOperationException("names only");
            }
        };
    }
}
