package io.azevents.core;

import java.util.OptionalInt;

/**
 * The scheduled-events source could not answer: the service is unreachable, answered with an
 * error, or sent a document azevents refuses. Carries the HTTP status where there was one.
 */
public class EventSourceException extends AzEventsException {
    private static final long serialVersionUID = 1L;
    private final Integer status;

    public EventSourceException(String message) {
        this(message, null, null);
    }

    public EventSourceException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public EventSourceException(String message, Integer status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, if the failure came with one. */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
