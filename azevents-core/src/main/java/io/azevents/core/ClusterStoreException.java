package io.azevents.core;

/** The cluster could not be read or written. Adapters subclass it to carry their context. */
public class ClusterStoreException extends AzEventsException {
    private static final long serialVersionUID = 1L;

    /**
     * A store failure with a message that says what failed.
     *
     * @param message what failed, for people
     */
    public ClusterStoreException(String message) {
        super(message);
    }

    /**
     * A store failure with a message and the failure underneath it.
     *
     * @param message what failed, for people
     * @param cause   the failure that caused it, such as an {@code IOException}
     */
    public ClusterStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
