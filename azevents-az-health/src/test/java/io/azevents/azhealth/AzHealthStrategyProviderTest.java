package io.azevents.azhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.Strategies;
import io.azevents.core.spi.ParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AzHealthStrategyProviderTest {
    private final AzHealthStrategyProvider provider = new AzHealthStrategyProvider();

    @Test
    @DisplayName("is found by ServiceLoader under the name az-health")
    void discovered() {
        Strategies s = Strategies.discover();
        assertThat(s.names()).contains("az-health");
        assertThat(s.provider("az-health")).isInstanceOf(AzHealthStrategyProvider.class);
        assertThat(s.create("az-health", AgentConfig.of(Map.of())).name()).isEqualTo("az-health");
    }

    @Test
    @DisplayName("describes its OCF agent: azure-events-az, its attribute prefix, #health-azure required on a taker")
    void describesItsAgent() {
        assertThat(provider.ocfAgentType()).contains("azure-events-az");
        assertThat(provider.attributes().state()).isEqualTo("azure-events-az_curNodeState");
        assertThat(provider.requiredNodeAttributes()).containsExactly("#health-azure");
        assertThat(provider.shortDescription()).isEqualTo("#health-azure node health, azure-events-az");
    }

    @Test
    @DisplayName("lists its own keys with defaults that keep upstream behaviour")
    void parameters() {
        assertThat(provider.parameters()).extracting(ParameterSpec::name).containsExactly(
                "ignoreUserEvents", "freezeMaxSeconds", "claimLeaseSeconds", "drainWarningSeconds",
                "agentResourcePattern");
        assertThat(provider.parameters()).extracting(ParameterSpec::defaultValue)
                .containsExactly("false", "0", "120", "60", "health-.*");
        assertThat(provider.problems(AgentConfig.of(Map.of()))).isEmpty();
    }

    @Test
    @DisplayName("names every bad key in its problems, and create refuses them")
    void problems() {
        AgentConfig bad = AgentConfig.of(Map.of("ignoreUserEvents", "maybe", "claimLeaseSeconds", "5",
                "freezeMaxSeconds", "x", "agentResourcePattern", "health-(", "drainWarningSeconds", "-1"));

        assertThat(provider.problems(bad)).hasSize(5)
                .anyMatch(p -> p.startsWith("ignoreUserEvents: not a boolean"))
                .anyMatch(p -> p.startsWith("claimLeaseSeconds: 5 is out of range [30, 3600]"))
                .anyMatch(p -> p.startsWith("freezeMaxSeconds: not an integer"))
                .anyMatch(p -> p.startsWith("agentResourcePattern: not a regular expression"))
                .anyMatch(p -> p.startsWith("drainWarningSeconds: -1 is out of range"));
        assertThatThrownBy(() -> provider.create(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("claimLeaseSeconds");
    }
}
