package io.azevents.core;

/**
 * The root of every exception azevents throws. Unchecked: a failed cycle is reported, not recovered
 * from by the caller, and the next cycle starts from what the cluster holds.
 */
public class AzEventsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what failed.
     *
     * @param message what failed, for people
     */
    public AzEventsException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure underneath it.
     *
     * @param message what failed, for people
     * @param cause   the failure that caused it
     */
    public AzEventsException(String message, Throwable cause) {
        super(message, cause);
    }
}
