package io.azevents.core;

/** A strategy could not be found or the providers on the class path conflict. */
public class StrategyLookupException extends AzEventsException {
    private static final long serialVersionUID = 1L;

    /**
     * A lookup failure with a message that names the strategy asked for and the known ones.
     *
     * @param message what failed, for people
     */
    public StrategyLookupException(String message) {
        super(message);
    }
}
