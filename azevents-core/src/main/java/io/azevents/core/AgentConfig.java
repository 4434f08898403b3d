package io.azevents.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's configuration, an interface over a key lookup (the OCF agent backs it with
 * {@code OCF_RESKEY_*}, tests with a {@code Map}). Keys and defaults are the upstream agents' own,
 * so an existing resource definition keeps its meaning; {@code strategy} is azevents' addition.
 *
 * <p>Every accessor parses on each call and throws {@link ConfigException} on a bad value;
 * {@link #problems()} lists every problem at once, for {@code validate-all}. Implementations of
 * {@link #get(String)} must be thread-safe if the configuration is shared.
 */
@FunctionalInterface
public interface AgentConfig {
    /** Key: the event types the agent acts on, comma-separated (upstream's {@code eventTypes}). */
    String EVENT_TYPES = "eventTypes";
    /** Key: {@code true} for debug logging (upstream's {@code verbose}). */
    String VERBOSE = "verbose";
    /** Key: how many times a failed IMDS request is retried. */
    String RETRY_COUNT = "retry_count";
    /** Key: seconds to wait before the first retry; the wait doubles after each. */
    String RETRY_WAIT = "retry_wait";
    /** Key: seconds one IMDS request may take. */
    String REQUEST_TIMEOUT = "request_timeout";
    /** Key: the name of the drain strategy, as its provider's {@code name()} gives it. */
    String STRATEGY = "strategy";

    /** The event types acted on when {@link #EVENT_TYPES} is not set, as upstream. */
    String DEFAULT_EVENT_TYPES = "Reboot,Redeploy";
    /** The retry count when {@link #RETRY_COUNT} is not set. */
    int DEFAULT_RETRY_COUNT = 3;
    /** The first retry's wait, in seconds, when {@link #RETRY_WAIT} is not set. */
    int DEFAULT_RETRY_WAIT_SECONDS = 20;
    /** The request timeout, in seconds, when {@link #REQUEST_TIMEOUT} is not set. */
    int DEFAULT_REQUEST_TIMEOUT_SECONDS = 15;
    /**
     * The strategy when {@link #STRATEGY} is not set: {@code az-health}, what {@code azure-events-az} does.
     */
    String DEFAULT_STRATEGY = "az-health";

    /**
     * The raw value for {@code key}; empty if unset. A blank value counts as unset.
     *
     * @param key the key, one of the constants of this interface or a strategy's parameter name
     * @return the value as given, untrimmed; empty if the key is unset or its value blank
     */
    Optional<String> get(String key);

    /**
     * A configuration backed by {@code values}, copied.
     *
     * @param values the values by key; copied, so later changes to the map are not seen. Blank
     *     values count as unset
     * @return a thread-safe configuration over the copy
     * @throws NullPointerException if {@code values} is null or holds a null key or value
     */
    static AgentConfig of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(values, "values"));
        return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isBlank());
    }

    /**
     * The event types that count; default {@code Reboot,Redeploy}. Unknown names are an error.
     *
     * @return the configured types, never empty; an immutable set
     * @throws ConfigException if a name is not a known event type or none is given
     */
    default Set<EventType> eventTypes() {
        String raw = get(EVENT_TYPES).orElse(DEFAULT_EVENT_TYPES);
        Set<EventType> types = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            EventType t = EventType.of(name);
            if (!t.isKnown()) {
                throw new ConfigException(List.of(EVENT_TYPES + ": unknown event type " + Names.quote(name)
                        + "; known types are " + EventType.KNOWN));
            }
            types.add(t);
        }
        if (types.isEmpty()) {
            throw new ConfigException(List.of(EVENT_TYPES + ": no event type given; for example "
                    + DEFAULT_EVENT_TYPES));
        }
        return Set.copyOf(types);
    }

    /**
     * True if {@code verbose} is set to an OCF true value; default false.
     *
     * @return whether debug logging is asked for
     * @throws ConfigException if the value is not an OCF boolean
     */
    default boolean verbose() {
        return bool(VERBOSE, false);
    }

    /**
     * Retries of a failed IMDS request; default 3.
     *
     * @return the number of retries after the first attempt, 0 to 100
     * @throws ConfigException if the value is not an integer in that range
     */
    default int retryCount() {
        return integer(RETRY_COUNT, DEFAULT_RETRY_COUNT, 0, 100);
    }

    /**
     * Wait between retries; default 20 s.
     *
     * @return the wait before the first retry, 0 to 3600 s, in whole seconds
     * @throws ConfigException if the value is not an integer in that range
     */
    default Duration retryWait() {
        return Duration.ofSeconds(integer(RETRY_WAIT, DEFAULT_RETRY_WAIT_SECONDS, 0, 3600));
    }

    /**
     * Timeout of one IMDS request; default 15 s.
     *
     * @return the timeout, 1 to 3600 s, in whole seconds
     * @throws ConfigException if the value is not an integer in that range
     */
    default Duration requestTimeout() {
        return Duration.ofSeconds(integer(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT_SECONDS, 1, 3600));
    }

    /**
     * The strategy's name, as configured; default {@code az-health}. Not checked here: which names
     * exist is for {@link Strategies} to say, and its lookup error lists the known ones.
     *
     * @return the name, trimmed; the default when the key is unset or blank
     */
    default String strategy() {
        String s = get(STRATEGY).orElse("").trim();
        return s.isEmpty() ? DEFAULT_STRATEGY : s;
    }

    /**
     * Reads an integer key within [min, max], or {@code def} if unset.
     *
     * @param key the key to read
     * @param def the value when the key is unset; not checked against the range
     * @param min the smallest value allowed, inclusive
     * @param max the largest value allowed, inclusive
     * @return the value, surrounding blanks ignored, or {@code def}
     * @throws ConfigException if the value is not an integer or is out of range
     */
    default int integer(String key, int def, int min, int max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return def;
        }
        try {
            int v = Integer.parseInt(raw.get().trim());
            if (v < min || v > max) {
                throw new ConfigException(List.of(key + ": " + v + " is out of range [" + min + ", " + max + "]"));
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(List.of(key + ": not an integer: " + Names.quote(raw.get())));
        }
    }

    /**
     * Reads an OCF boolean ({@code true/false, yes/no, on/off, 1/0}), or {@code def} if unset.
     *
     * @param key the key to read
     * @param def the value when the key is unset
     * @return the value, case and surrounding blanks ignored, or {@code def}
     * @throws ConfigException if the value is none of those words
     */
    default boolean bool(String key, boolean def) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return def;
        }
        return switch (raw.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(List.of(key + ": not a boolean: " + Names.quote(raw.get())
                    + " (use true or false)"));
        };
    }

    /**
     * Every problem with the common keys, one line each; empty if the configuration is valid.
     * Strategies validate their own keys through their provider's parameters.
     *
     * @return a new, modifiable list of the problems, each naming its key; empty if there are none
     */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<Runnable> checks = List.of(this::eventTypes, this::verbose, this::retryCount, this::retryWait,
                this::requestTimeout);
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return problems;
    }

    /**
     * Throws a {@link ConfigException} naming every problem, if there is one.
     *
     * @return this configuration, when it has no problem
     * @throws ConfigException naming every problem {@link #problems()} finds
     */
    default AgentConfig validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
        return this;
    }
}
