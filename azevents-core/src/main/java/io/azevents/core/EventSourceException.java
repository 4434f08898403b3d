package io.azevents.core;

import java.util.OptionalInt;

/**
 * The scheduled-events source could not answer: the service is unreachable, answered with an
 * error, or sent a document azevents refuses. Carries the HTTP status where there was one.
 */
public class EventSourceException extends AzEventsException {
    private static final long serialVersionUID = 1L;
    /** The HTTP status of the failed request, or null if there was no response. */
    private final Integer status;

    /**
     * A failure to read the events, without an HTTP status.
     *
     * @param message what failed, for people
     */
    public EventSourceException(String message) {
        this(message, null, null);
    }

    /**
     * A failure to read the events, with the failure underneath it and without an HTTP status.
     *
     * @param message what failed, for people
     * @param cause   the failure that caused it
     */
    public EventSourceException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * A failure to read the events with the HTTP status of the answer.
     *
     * @param message what failed, for people
     * @param status  the HTTP status, or null if there was no response
     * @param cause   the failure that caused it, or null
     */
    public EventSourceException(String message, Integer status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, if the failure came with one. */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
