package io.azevents.simulation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault an {@link ImdsSimulator} injects in place of (or before) its normal answer; see
 * {@link ImdsSimulator#failNext(int, Fault)}. Immutable.
 */
public final class Fault {
    enum Kind { ANSWER, DELAY, TRICKLE, OVERSIZE, DROP }

    final Kind kind;
    final int status;
    final String contentType;
    final byte[] body;
    final Optional<String> retryAfter;
    final Optional<String> location;
    final Duration delay;
    final long size;

    private Fault(Kind kind, int status, String contentType, String body, String retryAfter, String location,
                  Duration delay, long size) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.retryAfter = Optional.ofNullable(retryAfter);
        this.location = Optional.ofNullable(location);
        this.delay = delay;
        this.size = size;
    }

    private static Fault answer(int status, String contentType, String body, String retryAfter, String location) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new Fault(Kind.ANSWER, status, contentType, Objects.requireNonNull(body, "body"), retryAfter,
                location, Duration.ZERO, 0);
    }

    /**
     * Answers {@code status} with a small JSON error body, as IMDS does.
     *
     * @param status the HTTP status code, 100 to 599
     * @return the fault
     * @throws IllegalArgumentException if {@code status} is not between 100 and 599
     */
    public static Fault status(int status) {
        return answer(status, "application/json; charset=utf-8",
                "{\"error\":\"simulated fault: HTTP " + status + "\"}", null, null);
    }

    /**
     * Answers {@code status} with {@code body}.
     *
     * @param status      the HTTP status code, 100 to 599
     * @param contentType the {@code Content-Type} header to send; not null
     * @param body        the body, sent as UTF-8; empty for none
     * @return the fault
     * @throws IllegalArgumentException if {@code status} is not between 100 and 599
     * @throws NullPointerException     if {@code body} is null
     */
    public static Fault status(int status, String contentType, String body) {
        return answer(status, contentType, body, null, null);
    }

    /**
     * Answers {@code status} (429, 503...) with {@code Retry-After: retryAfter} and a JSON error body.
     *
     * @param status     the HTTP status code, 100 to 599
     * @param retryAfter the header's value, sent as is: a number of seconds or an HTTP date (or
     *                   anything else, to test a client's handling of a bad value); not null
     * @return the fault
     * @throws IllegalArgumentException if {@code status} is not between 100 and 599
     * @throws NullPointerException     if {@code retryAfter} is null
     */
    public static Fault retryAfter(int status, String retryAfter) {
        return answer(status, "application/json; charset=utf-8",
                "{\"error\":\"simulated fault: HTTP " + status + ", retry later\"}",
                Objects.requireNonNull(retryAfter, "retryAfter"), null);
    }

    /**
     * Answers 302 with {@code Location: location} and an empty body.
     *
     * @param location the header's value, sent as is (absolute or relative); not null
     * @return the fault
     * @throws NullPointerException if {@code location} is null
     */
    public static Fault redirect(String location) {
        return answer(302, "text/plain", "", null, Objects.requireNonNull(location, "location"));
    }

    /**
     * Answers 200 with {@code body} as {@code contentType}, in place of the normal answer.
     *
     * @param contentType the {@code Content-Type} header to send; not null
     * @param body        the body, sent as UTF-8; empty for none
     * @return the fault
     * @throws NullPointerException if {@code body} is null
     */
    public static Fault body(String contentType, String body) {
        return answer(200, contentType, body, null, null);
    }

    /**
     * Answers 200 with JSON that breaks off in the middle.
     *
     * @return the fault
     */
    public static Fault malformedJson() {
        return body("application/json", "{\"DocumentIncarnation\": 3, \"Events\": [{\"EventId\": \"0c3a4c4d-");
    }

    /**
     * Answers 200 with an HTML page, as a captive portal or a misconfigured proxy would.
     *
     * @return the fault
     */
    public static Fault htmlPage() {
        return body("text/html", "<html><head><title>Service Unavailable</title></head>"
                + "<body><h1>Service Unavailable</h1></body></html>");
    }

    /**
     * Answers 200 with valid JSON of the wrong shape: {@code Events} is an object.
     *
     * @return the fault
     */
    public static Fault wrongShape() {
        return body("application/json", "{\"DocumentIncarnation\": 3, \"Events\": {\"EventId\": \"x\"}}");
    }

    /**
     * Answers 200 with a valid JSON document of {@code bytes} bytes (an empty event list and a long
     * padding string), sent chunked (no Content-Length), to test a client's size limit.
     *
     * @param bytes the size of the document in bytes; below 50 (the smallest such document) 50 bytes
     *              are sent
     * @return the fault
     */
    public static Fault oversize(long bytes) {
        return new Fault(Kind.OVERSIZE, 200, "application/json", "", null, null, Duration.ZERO, bytes);
    }

    /**
     * Waits {@code delay} before answering normally: longer than the client's timeout, a hang.
     * {@link ImdsSimulator#close()} abandons the wait.
     *
     * @param delay how long to wait, to the millisecond; not null, not negative
     * @return the fault
     * @throws NullPointerException if {@code delay} is null
     */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, "", "", null, null, Objects.requireNonNull(delay, "delay"), 0);
    }

    /**
     * Answers normally but sends the body one byte per {@code interval}: each read succeeds, so only
     * a bound on the whole exchange stops it. Applies to a GET of the scheduled events; any other
     * request is answered normally.
     *
     * @param interval the pause after each byte, to the millisecond; not null, not negative
     * @return the fault
     * @throws NullPointerException if {@code interval} is null
     */
    public static Fault trickle(Duration interval) {
        return new Fault(Kind.TRICKLE, 0, "", "", null, null, Objects.requireNonNull(interval, "interval"), 0);
    }

    /**
     * Closes the connection without answering.
     *
     * @return the fault
     */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP, 0, "", "", null, null, Duration.ZERO, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANSWER -> "answer " + status + retryAfter.map(r -> " Retry-After " + r).orElse("")
                    + location.map(l -> " Location " + l).orElse("");
            case DELAY -> "delay " + delay;
            case TRICKLE -> "trickle one byte every " + delay;
            case OVERSIZE -> "oversize " + size + " bytes";
            case DROP -> "drop connection";
        };
    }
}
