package io.azevents.azhealth.internal;

import io.azevents.core.AgentConfig;
import io.azevents.core.Decision;
import io.azevents.core.NodeState;
import io.azevents.core.safety.NodeRecord;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.ParameterSpec;
import java.util.List;
import java.util.Objects;

/**
 * The {@code az-health} strategy. Each call to {@link #decide(CycleInput)} runs the state machine
 * of {@link Cycle} on a fresh copy of what the cycle read; nothing is kept between calls, so the
 * strategy is thread-safe and a dry run decides exactly as a real cycle would.
 *
 * <p>Public only so that {@link io.azevents.azhealth.AzHealthStrategyProvider} can reach it; use the
 * provider.
 */
public final class AzHealthStrategy implements NodeDrainStrategy {
    /** The strategy's stable name. */
    public static final String NAME = "az-health";
    /** The node attributes a location rule needs before anything runs on a node: {@code #health-azure}. */
    public static final List<String> REQUIRED_NODE_ATTRIBUTES = List.of(Keys.HEALTH);

    private final Settings settings;

    private AzHealthStrategy(Settings settings) {
        this.settings = settings;
    }

    /**
     * The strategy for {@code config}.
     *
     * @throws io.azevents.core.ConfigException naming every invalid key
     */
    public static AzHealthStrategy create(AgentConfig config) {
        return new AzHealthStrategy(Settings.from(config));
    }

    /** The keys az-health reads beyond the common ones. */
    public static List<ParameterSpec> parameters() {
        return Settings.PARAMETERS;
    }

    /** Problems with az-health's own keys, one line each. */
    public static List<String> problems(AgentConfig config) {
        return Settings.problems(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(CycleInput input) {
        Objects.requireNonNull(input, "input");
        try {
            return new Cycle(input, settings).decide();
        } catch (RuntimeException e) {
            // A strategy must not throw: an unexpected input changes nothing and says why.
            NodeState state = input.view().node(input.localNode()).map(n -> NodeRecord.read(n, Keys.NAMES).current()).orElse(NodeState.AVAILABLE);
            return Decision.builder(NAME, input.localNode()).state(state)
                    .warn("az-health could not decide this cycle and changes nothing: " + e)
                    .build();
        }
    }

    Settings settings() {
        return settings;
    }
}
