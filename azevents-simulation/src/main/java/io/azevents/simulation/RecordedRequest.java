package io.azevents.simulation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request an {@link ImdsSimulator} received.
 *
 * @param method  the method
 * @param path    the path, without the query
 * @param query   the raw query, empty if none
 * @param headers the headers, names in lower case
 * @param body    the body as text
 * @param at      when it arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, Instant at) {
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
    }

    /** The first value of header {@code name}, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
}
