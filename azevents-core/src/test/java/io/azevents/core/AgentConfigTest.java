package io.azevents.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigTest {

    @Test
    @DisplayName("an empty configuration gives the upstream defaults")
    void defaults() {
        AgentConfig c = AgentConfig.of(Map.of());

        assertThat(c.eventTypes()).containsExactlyInAnyOrder(EventType.REBOOT, EventType.REDEPLOY);
        assertThat(c.retryCount()).isEqualTo(3);
        assertThat(c.retryWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.verbose()).isFalse();
        assertThat(c.strategy()).isEqualTo("az-health");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    @DisplayName("all five documented event types are accepted, Preempt and Terminate included")
    void allTypes() {
        AgentConfig c = AgentConfig.of(Map.of("eventTypes", "Freeze, Reboot,Redeploy,Preempt,Terminate"));
        assertThat(c.eventTypes()).hasSize(5);
    }

    @ParameterizedTest(name = "{0}={1} is refused with a message naming the key")
    @CsvSource(delimiter = '|', value = {
        "eventTypes|Reboot,Reboto|unknown event type 'Reboto'",
        "eventTypes|,,|no event type",
        "retry_count|three|not an integer",
        "retry_count|-1|out of range",
        "retry_wait|1e9|not an integer",
        "request_timeout|0|out of range",
        "verbose|maybe|not a boolean"
    })
    void refused(String key, String value, String message) {
        AgentConfig c = AgentConfig.of(Map.of(key, value));

        assertThat(c.problems()).singleElement().asString().startsWith(key).contains(message);
        assertThatThrownBy(c::validate).isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @Test
    @DisplayName("a strategy name of any form is looked up, and an unknown one is refused with the known names")
    void strategyNameOfAnyForm() {
        AgentConfig c = AgentConfig.of(Map.of("strategy", " Az Health;rm -rf "));
        assertThat(c.problems()).isEmpty();
        assertThat(c.strategy()).isEqualTo("Az Health;rm -rf");
        assertThat(AgentConfig.of(Map.of("strategy", " ")).strategy()).isEqualTo(AgentConfig.DEFAULT_STRATEGY);

        Strategies known = Strategies.of(new StrategiesTest.Named("az-health"), new StrategiesTest.Named("legacy-pullstate"));
        assertThatThrownBy(() -> known.create(c.strategy(), c))
                .isInstanceOf(StrategyLookupException.class)
                .hasMessage("unknown strategy 'Az Health;rm -rf'; known strategies: az-health, legacy-pullstate");
    }

    @Test
    @DisplayName("every problem is reported at once")
    void allProblems() {
        AgentConfig c = AgentConfig.of(Map.of("retry_count", "x", "verbose", "y"));
        assertThat(c.problems()).hasSize(2);
    }

    @ParameterizedTest(name = "verbose={0} means {1}")
    @CsvSource({"true,true", "yes,true", "1,true", "on,true", "false,false", "no,false", "0,false", "off,false"})
    void booleans(String raw, boolean expected) {
        assertThat(AgentConfig.of(Map.of("verbose", raw)).verbose()).isEqualTo(expected);
    }
}
