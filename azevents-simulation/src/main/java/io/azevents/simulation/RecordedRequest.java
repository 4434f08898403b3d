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
 * @param method  the HTTP method as sent, for example {@code GET} or {@code POST}
 * @param path    the path, without the query, for example {@code /metadata/scheduledevents}
 * @param query   the raw (still percent-encoded) query, without the {@code ?}; empty if none
 * @param headers the headers, names in lower case, each with its values in the order received; a
 *                copy is kept
 * @param body    the body decoded as UTF-8 (at most its first 64 KiB); empty if none
 * @param at      when it arrived, on the system clock
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, Instant at) {
    /**
     * Checks that no component is null and copies the headers.
     *
     * @param method  the HTTP method
     * @param path    the path, without the query
     * @param query   the raw query; empty if none
     * @param headers the headers, names in lower case
     * @param body    the body as text; empty if none
     * @param at      when it arrived
     * @throws NullPointerException if a component, a header name or a header value list is null
     */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case (matched case-insensitively); not null
     * @return its first value; empty if the request had no such header, or had it without a value
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
}
