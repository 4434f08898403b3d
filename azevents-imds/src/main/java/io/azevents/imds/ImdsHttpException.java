package io.azevents.imds;

import io.azevents.core.ScheduledEventsException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * IMDS could not be reached or answered with an HTTP error: the URL, the last HTTP status (if any
 * answer came), an excerpt of the last body, and how many attempts were made. The message says all
 * of that in one line, for the operator.
 */
public class ImdsHttpException extends ScheduledEventsException {
    private static final long serialVersionUID = 1L;
    /** The URL that was requested. */
    private final URI url;
    /** How many requests were sent. */
    private final int attempts;
    /** An excerpt of the last body; empty if there was none. */
    private final String bodyExcerpt;

    /**
     * A failed IMDS call.
     *
     * @param message     the operator's message
     * @param url         the URL that was requested
     * @param status      the HTTP status of the last answer, or {@code null} if none came
     * @param bodyExcerpt an excerpt of the last body, possibly empty
     * @param attempts    how many requests were sent
     * @param cause       the last I/O failure, or {@code null}
     * @throws NullPointerException if {@code url} or {@code bodyExcerpt} is null
     */
    public ImdsHttpException(String message, URI url, Integer status, String bodyExcerpt, int attempts,
                             Throwable cause) {
        super(message, status, cause);
        this.url = Objects.requireNonNull(url, "url");
        this.bodyExcerpt = Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
        this.attempts = attempts;
    }

    /**
     * The URL requested.
     *
     * @return the URL, with its query
     */
    public URI url() {
        return url;
    }

    /**
     * How many requests were sent before giving up.
     *
     * @return the number of requests, the first one included
     */
    public int attempts() {
        return attempts;
    }

    /**
     * An excerpt of the last response body, if there was one.
     *
     * @return the excerpt; empty if no answer came or its body was empty
     */
    public Optional<String> bodyExcerpt() {
        return bodyExcerpt.isEmpty() ? Optional.empty() : Optional.of(bodyExcerpt);
    }
}
