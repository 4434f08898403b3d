package io.azevents.core;

/**
 * The root of every exception azevents throws. Unchecked: a failed cycle is reported, not recovered
 * from by the caller, and the next cycle starts from what the cluster holds.
 */
public class AzEventsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AzEventsException(String message) {
        super(message);
    }

    public AzEventsException(String message, Throwable cause) {
        super(message, cause);
    }
}
