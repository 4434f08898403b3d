package io.azevents.core;

import java.util.Objects;

/**
 * The status of a scheduled event: {@code Scheduled} or {@code Started}. Open like
 * {@link EventType}: an unknown status is carried and treated by strategies as "still under way".
 *
 * @param value the status exactly as Azure writes it
 */
public record EventStatus(String value) {
    /** The event is announced and waits for its {@code NotBefore} time or an approval. */
    public static final EventStatus SCHEDULED = new EventStatus("Scheduled");
    /** The event has started (approved, or its time came). */
    public static final EventStatus STARTED = new EventStatus("Started");

    /**
     * Checks that the value is not blank.
     *
     * @param value the status exactly as Azure writes it
     * @throws NullPointerException     if it is null
     * @throws IllegalArgumentException if it is blank
     */
    public EventStatus {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("event status is blank");
        }
    }

    /**
     * The status for {@code value}, matched case-insensitively against the known ones.
     *
     * @param value the {@code EventStatus} as Azure sent it; surrounding blanks are ignored
     * @return {@link #SCHEDULED} or {@link #STARTED} when it matches one, else a new status of the
     *     trimmed value
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if it is blank
     */
    public static EventStatus of(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.trim();
        if (SCHEDULED.value.equalsIgnoreCase(v)) {
            return SCHEDULED;
        }
        if (STARTED.value.equalsIgnoreCase(v)) {
            return STARTED;
        }
        return new EventStatus(v);
    }

    /**
     * Whether this is one of the statuses Azure documents.
     *
     * @return true for {@link #SCHEDULED} and {@link #STARTED}
     */
    public boolean isKnown() {
        return equals(SCHEDULED) || equals(STARTED);
    }

    @Override
    public String toString() {
        return value;
    }
}
