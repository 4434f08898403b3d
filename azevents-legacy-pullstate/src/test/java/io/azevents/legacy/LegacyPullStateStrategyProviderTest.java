package io.azevents.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.Strategies;
import io.azevents.core.spi.ParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyPullStateStrategyProviderTest {

    @Test
    void isFoundByNameThroughTheServiceLoader() {
        Strategies s = Strategies.discover();

        assertThat(s.names()).contains("legacy-pullstate");
        assertThat(s.provider("legacy-pullstate")).isInstanceOf(LegacyPullStateStrategyProvider.class);
        assertThat(s.create("legacy-pullstate", AgentConfig.of(Map.of())).name()).isEqualTo("legacy-pullstate");
    }

    @Test
    void describesItsOcfAgent() {
        LegacyPullStateStrategyProvider p = new LegacyPullStateStrategyProvider();
        assertThat(p.ocfAgentType()).contains("azure-events");
        assertThat(p.attributes().pending()).isEqualTo("azure-events_pendingEventIDs");
        assertThat(p.requiredNodeAttributes()).isEmpty();
        assertThat(p.shortDescription()).isEqualTo("standby and a cluster-wide pull lock, azure-events");
    }

    @Test
    void describesItsLeaseParameter() {
        assertThat(new LegacyPullStateStrategyProvider().parameters()).extracting(ParameterSpec::name,
                ParameterSpec::type, ParameterSpec::defaultValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pull_lock_lease", "integer", "60"));
    }

    @Test
    void reportsABadLeaseByKey() {
        LegacyPullStateStrategyProvider p = new LegacyPullStateStrategyProvider();

        assertThat(p.problems(AgentConfig.of(Map.of()))).isEmpty();
        assertThat(p.problems(AgentConfig.of(Map.of("pull_lock_lease", "120")))).isEmpty();
        assertThat(p.problems(AgentConfig.of(Map.of("pull_lock_lease", "5")))).singleElement()
                .asString().startsWith("pull_lock_lease").contains("out of range");
        assertThat(p.problems(AgentConfig.of(Map.of("pull_lock_lease", "soon")))).singleElement()
                .asString().contains("not an integer");
        assertThatThrownBy(() -> Strategies.of(p).create("legacy-pullstate",
                AgentConfig.of(Map.of("pull_lock_lease", "0")))).isInstanceOf(ConfigException.class);
    }
}
