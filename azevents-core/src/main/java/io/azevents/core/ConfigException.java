package io.azevents.core;

import java.util.List;

/** The agent's configuration is invalid; {@link #problems()} names every bad key and why. */
public class ConfigException extends AzEventsException {
    private static final long serialVersionUID = 1L;
    /** Every problem found, one line each naming its key. */
    private final List<String> problems;

    /**
     * A configuration failure listing every problem found, not only the first.
     *
     * @param problems one line per problem, each naming its key; not empty
     */
    public ConfigException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * One line per problem, each naming the key, the value and what is expected.
     *
     * @return an immutable list of the problems, in the order they were found
     */
    public List<String> problems() {
        return problems;
    }
}
