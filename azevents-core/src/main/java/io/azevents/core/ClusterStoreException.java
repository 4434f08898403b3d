package io.azevents.core;

/** The cluster could not be read or written. Adapters subclass it to carry their context. */
public class ClusterStoreException extends AzEventsException {
    private static final long serialVersionUID = 1L;

    public ClusterStoreException(String message) {
        super(message);
    }

    public ClusterStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
