package io.azevents.core;

import java.util.OptionalInt;

/**
 * The {@link ScheduledEventsService} failed: the service is unreachable, answered with an error,
 * refused an approval, or sent a document azevents refuses. An adapter that talks HTTP (the IMDS
 * adapter) attaches the status of the failed answer as {@link #httpStatus()}; others leave it empty.
 * The engine treats every instance alike: nothing is decided on a cycle whose read failed.
 */
public class ScheduledEventsException extends AzEventsException {
    private static final long serialVersionUID = 1L;
    /** The HTTP status of the failed request, or null if there was no response. */
    private final Integer status;

    /**
     * A failure to read the events, without an HTTP status.
     *
     * @param message what failed, for people
     */
    public ScheduledEventsException(String message) {
        this(message, null, null);
    }

    /**
     * A failure to read the events, with the failure underneath it and without an HTTP status.
     *
     * @param message what failed, for people
     * @param cause   the failure that caused it
     */
    public ScheduledEventsException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * A failure to read the events with the HTTP status of the answer.
     *
     * @param message what failed, for people
     * @param status  the HTTP status, or null if there was no response
     * @param cause   the failure that caused it, or null
     */
    public ScheduledEventsException(String message, Integer status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * The HTTP status of the failed answer, for adapters that talk HTTP.
     *
     * @return the status, or empty if there was no answer or the adapter does not talk HTTP
     */
    public OptionalInt httpStatus() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
