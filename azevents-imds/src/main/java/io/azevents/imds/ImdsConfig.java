package io.azevents.imds;

import io.azevents.core.AgentConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ImdsScheduledEventsService} talks to IMDS. Build it with {@link #builder()}; start from
 * the agent's configuration with {@link Builder#from(AgentConfig)} so {@code request_timeout},
 * {@code retry_count} and {@code retry_wait} keep their upstream meaning and defaults (15 s, 3, 20 s).
 *
 * <p><b>Timeouts.</b> Each request is bounded by {@code requestTimeout}; the whole call (every
 * retry and wait) by {@code deadline}, which should sit a few seconds below the timeout of the
 * operation that calls it (the OCF monitor's), so a cycle always ends with an answer or a clear
 * error rather than being killed. The first request after IMDS has been idle 24 hours re-enables
 * the service and may take up to two minutes: with the default 15 s it times out and is retried,
 * and a later attempt or the next cycle succeeds once the service is up. An operator who wants the
 * first call to succeed in one go raises {@code request_timeout} (up to 120 s) together with the
 * monitor timeout and the deadline. No request is given longer than what remains of the deadline
 * and no wait runs past it; a call can overrun the deadline only by the transport's 100 ms grace
 * (the watchdog that cuts an answer trickling in byte by byte).
 *
 * @param baseUrl          {@code http://host[:port]}, default {@code http://169.254.169.254}; only
 *                         plain http with a host and nothing else (no path, query, user info)
 * @param requestTimeout   bound of one request, default 15 s
 * @param retryCount       retries after the first attempt, default 3
 * @param retryWait        first back-off, doubling up to 60 s, default 20 s
 * @param deadline         bound of a whole call, retries included, default 60 s
 * @param maxResponseBytes cap on a response body, default 1 MiB
 * @param vmNameCache      file caching the VM name across JVMs (for example
 *                         {@code $HA_RSCTMP/azevents-vmname}); empty caches in memory only
 * @param failureState     file remembering the last failure across JVMs, so a failure repeating
 *                         every cycle is logged at WARNING once; empty remembers in memory only
 */
public record ImdsConfig(URI baseUrl, Duration requestTimeout, int retryCount, Duration retryWait,
                         Duration deadline, long maxResponseBytes, Optional<Path> vmNameCache,
                         Optional<Path> failureState) {
    /** The link-local address of IMDS. */
    public static final URI DEFAULT_BASE_URL = URI.create("http://169.254.169.254");
    /** The bound of a whole call, retries and waits included, when none is set: 60 s. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    /** The cap on a response body when none is set: 1 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 1L << 20;

    /**
     * Checks every component and normalises the base URL to {@code http://host[:port]}, the host in
     * lower case.
     *
     * @param baseUrl          {@code http://host[:port]}; a trailing {@code /} is allowed and dropped
     * @param requestTimeout   bound of one request; positive
     * @param retryCount       retries after the first attempt; zero or more
     * @param retryWait        first back-off; zero or more
     * @param deadline         bound of a whole call; positive
     * @param maxResponseBytes cap on a response body, in bytes; at least 1024
     * @param vmNameCache      file caching the VM name across JVMs; empty caches in memory only
     * @param failureState     file remembering the last failure across JVMs; empty remembers in memory only
     * @throws NullPointerException     if a reference component is null
     * @throws IllegalArgumentException if the base URL is not plain {@code http://host[:port]} or a
     *                                  bound is out of range
     */
    public ImdsConfig {
        baseUrl = checkBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryWait, "retryWait");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(vmNameCache, "vmNameCache");
        Objects.requireNonNull(failureState, "failureState");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        if (retryCount < 0) {
            throw new IllegalArgumentException("retryCount must not be negative: " + retryCount);
        }
        if (retryWait.isNegative()) {
            throw new IllegalArgumentException("retryWait must not be negative: " + retryWait);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes below 1024: " + maxResponseBytes);
        }
    }

    /**
     * The defaults: the real IMDS address and the upstream timeouts.
     *
     * @return a configuration with every default: {@link #DEFAULT_BASE_URL}, 15 s per request, 3
     *     retries from 20 s, a 60 s deadline, a 1 MiB cap, no cache files
     */
    public static ImdsConfig defaults() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder; see {@link #defaults()} for what it holds
     */
    public static Builder builder() {
        return new Builder();
    }

    private static URI checkBaseUrl(URI u) {
        String why = null;
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            why = "the scheme must be http (IMDS speaks plain HTTP on a link-local address)";
        } else if (u.getHost() == null || u.getHost().isEmpty()) {
            why = "it has no host";
        } else if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
                || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !"/".equals(u.getRawPath()))) {
            why = "it must be just http://host[:port]";
        }
        if (why != null) {
            throw new IllegalArgumentException("not an IMDS base URL: '" + u + "': " + why);
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        return URI.create("http://" + host + (u.getPort() == -1 ? "" : ":" + u.getPort()));
    }

    /** Fills an {@link ImdsConfig}; not thread-safe. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private Duration requestTimeout = Duration.ofSeconds(AgentConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS);
        private int retryCount = AgentConfig.DEFAULT_RETRY_COUNT;
        private Duration retryWait = Duration.ofSeconds(AgentConfig.DEFAULT_RETRY_WAIT_SECONDS);
        private Duration deadline = DEFAULT_DEADLINE;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Path vmNameCache;
        private Path failureState;

        private Builder() {
        }

        /**
         * Takes {@code request_timeout}, {@code retry_count} and {@code retry_wait} from {@code config}.
         *
         * @param config the agent's configuration; keys it does not set give their defaults
         * @return this builder
         * @throws io.azevents.core.ConfigException if one of those keys has a bad value
         */
        public Builder from(AgentConfig config) {
            requestTimeout = config.requestTimeout();
            retryCount = config.retryCount();
            retryWait = config.retryWait();
            return this;
        }

        /**
         * Sets the address of IMDS; checked by {@link #build()}.
         *
         * @param value {@code http://host[:port]}, nothing else
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder baseUrl(URI value) {
            baseUrl = Objects.requireNonNull(value, "baseUrl");
            return this;
        }

        /**
         * Sets the address of IMDS from text; checked by {@link #build()}.
         *
         * @param value {@code http://host[:port]}, nothing else
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if it is not a URI at all
         */
        public Builder baseUrl(String value) {
            return baseUrl(URI.create(Objects.requireNonNull(value, "baseUrl")));
        }

        /**
         * Sets the bound of one request; checked by {@link #build()}.
         *
         * @param value positive; IMDS may take up to two minutes after 24 idle hours
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        /**
         * Sets how many times a failed request is retried; checked by {@link #build()}.
         *
         * @param value retries after the first attempt; zero or more
         * @return this builder
         */
        public Builder retryCount(int value) {
            retryCount = value;
            return this;
        }

        /**
         * Sets the wait before the first retry; it doubles after each, up to 60 s. Checked by
         * {@link #build()}.
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder retryWait(Duration value) {
            retryWait = value;
            return this;
        }

        /**
         * Sets the bound of a whole call, retries and waits included; checked by {@link #build()}.
         *
         * @param value positive; a few seconds below the timeout of the operation that calls
         * @return this builder
         */
        public Builder deadline(Duration value) {
            deadline = value;
            return this;
        }

        /**
         * Sets the cap on a response body; a larger body fails the request. Checked by {@link #build()}.
         *
         * @param value in bytes; at least 1024
         * @return this builder
         */
        public Builder maxResponseBytes(long value) {
            maxResponseBytes = value;
            return this;
        }

        /**
         * Sets the file that caches the VM name across JVMs.
         *
         * @param file the cache file, for example {@code $HA_RSCTMP/azevents-vmname}; null caches in
         *     memory only
         * @return this builder
         */
        public Builder vmNameCache(Path file) {
            vmNameCache = file;
            return this;
        }

        /**
         * Sets the file that remembers the last failure across JVMs.
         *
         * @param file the state file; null remembers in memory only
         * @return this builder
         */
        public Builder failureState(Path file) {
            failureState = file;
            return this;
        }

        /**
         * Makes the configuration, checked as the record's constructor checks it.
         *
         * @return the configuration
         * @throws NullPointerException     if a duration was set to null
         * @throws IllegalArgumentException if a value is out of range or the base URL is not valid
         */
        public ImdsConfig build() {
            return new ImdsConfig(baseUrl, requestTimeout, retryCount, retryWait, deadline, maxResponseBytes,
                    Optional.ofNullable(vmNameCache), Optional.ofNullable(failureState));
        }
    }
}
