package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    @DisplayName("the back-off doubles from retry_wait and stops growing at 60 s")
    void backoff() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(60));

        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(40));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoff(30)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("a retry_wait above 60 s is used as it is")
    void longWait() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(90), Duration.ofSeconds(15), Duration.ofSeconds(60));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    @DisplayName("Retry-After is read as seconds or as an HTTP date; nonsense is ignored")
    void retryAfter() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryAfter.parse(" 12 ", now)).contains(Duration.ofSeconds(12));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
    }
}
