package io.azevents.core;

/** A strategy could not be found or the providers on the class path conflict. */
public class StrategyLookupException extends AzEventsException {
    private static final long serialVersionUID = 1L;

    public StrategyLookupException(String message) {
        super(message);
    }
}
