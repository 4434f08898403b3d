package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.AgentConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImdsConfigTest {
    @Test
    @DisplayName("the defaults are the real address and the upstream timeouts")
    void defaults() {
        ImdsConfig c = ImdsConfig.defaults();

        assertThat(c.baseUrl()).isEqualTo(URI.create("http://169.254.169.254"));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.retryCount()).isEqualTo(3);
        assertThat(c.retryWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.maxResponseBytes()).isEqualTo(1 << 20);
        assertThat(c.vmNameCache()).isEmpty();
    }

    @Test
    @DisplayName("request_timeout, retry_count and retry_wait come from the agent's configuration")
    void fromAgentConfig() {
        ImdsConfig c = ImdsConfig.builder().from(AgentConfig.of(Map.of("request_timeout", "120",
                "retry_count", "1", "retry_wait", "5"))).build();

        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.retryCount()).isEqualTo(1);
        assertThat(c.retryWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254", "file:///etc/passwd", "http:///x", "http://user@host",
            "http://host/metadata", "http://host?x=1", "http://host#f", "169.254.169.254"})
    @DisplayName("anything but http://host[:port] is refused as a base URL")
    void badBaseUrl(String url) {
        assertThatThrownBy(() -> ImdsConfig.builder().baseUrl(url).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IMDS base URL");
    }

    @Test
    @DisplayName("a trailing slash and upper-case host are normalised")
    void normalised() {
        assertThat(ImdsConfig.builder().baseUrl("http://LOCALHOST:8080/").build().baseUrl())
                .isEqualTo(URI.create("http://localhost:8080"));
    }

    @Test
    @DisplayName("nonsensical timeouts are refused")
    void badTimeouts() {
        assertThatThrownBy(() -> ImdsConfig.builder().deadline(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
        assertThatThrownBy(() -> ImdsConfig.builder().retryCount(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryCount");
    }
}
