package io.azevents.imds;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP answer as the transport read it.
 *
 * @param status     the status code
 * @param body       the body, at most the transport's cap
 * @param retryAfter the {@code Retry-After} header, if any
 * @param location   the {@code Location} header, if any
 */
record HttpAnswer(int status, byte[] body, Optional<String> retryAfter, Optional<String> location) {
    public HttpAnswer {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(location, "location");
    }

    /** True for 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
