package io.azevents.imds;

import java.time.Duration;
import java.util.Objects;

/**
 * How the adapter retries: {@code retryCount} retries after the first attempt, waits that start at
 * {@code retryWait} and double up to {@link #MAX_BACKOFF} (or {@code retryWait} if that is longer),
 * each request bounded by {@code requestTimeout}, the whole call bounded by {@code deadline}.
 * 429 and 5xx use up a retry; 410 is retried for {@link #GONE_WINDOW} after the first 410 without
 * using one up, as the IMDS documentation asks. A {@code Retry-After} replaces the back-off, capped
 * at {@link #MAX_RETRY_AFTER}. No wait ever runs past the deadline.
 *
 * @param retryCount     retries after the first attempt
 * @param retryWait      the first wait
 * @param requestTimeout the bound of one request
 * @param deadline       the bound of the whole call, retries and waits included
 */
record RetryPolicy(int retryCount, Duration retryWait, Duration requestTimeout, Duration deadline) {
    /** How long IMDS may answer 410 while it starts up. */
    public static final Duration GONE_WINDOW = Duration.ofSeconds(70);
    /** The shortest wait between two attempts answered 410 (those retries are not counted). */
    public static final Duration GONE_MIN_WAIT = Duration.ofSeconds(1);
    /** The longest wait a {@code Retry-After} can impose. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    /** The longest back-off between two attempts (unless {@code retryWait} itself is longer). */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    public RetryPolicy {
        Objects.requireNonNull(retryWait, "retryWait");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(deadline, "deadline");
        if (retryCount < 0) {
            throw new IllegalArgumentException("retryCount is negative: " + retryCount);
        }
        if (retryWait.isNegative()) {
            throw new IllegalArgumentException("retryWait is negative: " + retryWait);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
    }

    /** The wait before attempt {@code attempt + 1}, {@code attempt} counting from 1. */
    Duration backoff(int attempt) {
        Duration cap = retryWait.compareTo(MAX_BACKOFF) > 0 ? retryWait : MAX_BACKOFF;
        Duration d = retryWait;
        for (int i = 1; i < attempt && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
