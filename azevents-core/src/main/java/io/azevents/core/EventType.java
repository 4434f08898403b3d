package io.azevents.core;

import java.util.List;
import java.util.Objects;

/**
 * The type of a scheduled event. An open set: a value Azure adds later is carried as it is
 * ({@link #isKnown()} is false) rather than rejected, so one new type never stops the agent.
 *
 * @param value the type exactly as Azure writes it, for example {@code "Reboot"}
 */
public record EventType(String value) {
    /** The VM is paused for a few seconds; memory, open files and connections survive. */
    public static final EventType FREEZE = new EventType("Freeze");
    /** The VM is restarted; memory is lost, disks are kept. */
    public static final EventType REBOOT = new EventType("Reboot");
    /** The VM moves to another host; temporary disks are lost. */
    public static final EventType REDEPLOY = new EventType("Redeploy");
    /** A Spot VM is evicted (deleted); its ephemeral disks are lost. */
    public static final EventType PREEMPT = new EventType("Preempt");
    /** The VM is scheduled to be deleted. */
    public static final EventType TERMINATE = new EventType("Terminate");

    /** The types Azure documents, in the order of the documentation. */
    public static final List<EventType> KNOWN = List.of(FREEZE, REBOOT, REDEPLOY, PREEMPT, TERMINATE);

    /**
     * Checks that the value is not blank.
     *
     * @param value the type exactly as Azure writes it
     * @throws NullPointerException     if it is null
     * @throws IllegalArgumentException if it is blank
     */
    public EventType {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("event type is blank");
        }
    }

    /**
     * The type for {@code value}, matched case-insensitively against the known types.
     *
     * @param value the {@code EventType} as Azure sent it, or a configured name; surrounding blanks
     *     are ignored
     * @return the known type it matches, else a new type of the trimmed value ({@link #isKnown()} false)
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if it is blank
     */
    public static EventType of(String value) {
        Objects.requireNonNull(value, "value");
        for (EventType t : KNOWN) {
            if (t.value.equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        return new EventType(value.trim());
    }

    /**
     * The minimum notice Azure documents for this type: Preempt 30 s, Redeploy 10 min, Terminate
     * 5 min (configurable up to 15), Freeze and Reboot 15 min; 15 min for a type nobody knows yet.
     *
     * @return the documented minimum time between an event's announcement and its start
     */
    public java.time.Duration minimumNotice() {
        if (equals(PREEMPT)) {
            return java.time.Duration.ofSeconds(30);
        }
        if (equals(REDEPLOY)) {
            return java.time.Duration.ofMinutes(10);
        }
        if (equals(TERMINATE)) {
            return java.time.Duration.ofMinutes(5);
        }
        return java.time.Duration.ofMinutes(15);
    }

    /**
     * True for the five documented types.
     *
     * @return true if this type is in {@link #KNOWN}
     */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public String toString() {
        return value;
    }
}
