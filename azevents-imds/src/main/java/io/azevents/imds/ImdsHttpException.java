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
    private final URI url;
    private final int attempts;
    private final String bodyExcerpt;

    /**
     * @param message     the operator's message
     * @param url         the URL that was requested
     * @param status      the HTTP status of the last answer, or {@code null} if none came
     * @param bodyExcerpt an excerpt of the last body, possibly empty
     * @param attempts    how many requests were sent
     * @param cause       the last I/O failure, or {@code null}
     */
    public ImdsHttpException(String message, URI url, Integer status, String bodyExcerpt, int attempts,
                             Throwable cause) {
        super(message, status, cause);
        this.url = Objects.requireNonNull(url, "url");
        this.bodyExcerpt = Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
        this.attempts = attempts;
    }

    /** The URL requested. */
    public URI url() {
        return url;
    }

    /** How many requests were sent before giving up. */
    public int attempts() {
        return attempts;
    }

    /** An excerpt of the last response body, if there was one. */
    public Optional<String> bodyExcerpt() {
        return bodyExcerpt.isEmpty() ? Optional.empty() : Optional.of(bodyExcerpt);
    }
}
