package io.azevents.core;

import java.util.Objects;

/**
 * Who initiated a scheduled event: the {@code Platform} (Azure maintenance) or a {@code User}
 * (for example a reboot from the portal). Open like {@link EventType}.
 *
 * @param value the source exactly as Azure writes it; {@code "Unknown"} when the document has none
 */
public record EventSource(String value) {
    /** Started by Azure (host maintenance). */
    public static final EventSource PLATFORM = new EventSource("Platform");
    /** Started by a user of the subscription (a restart or redeploy asked for through Azure). */
    public static final EventSource USER = new EventSource("User");
    /** Not said, or not readable. */
    public static final EventSource UNKNOWN = new EventSource("Unknown");

    /**
     * Checks that the value is not blank.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public EventSource {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("event source is blank");
        }
    }

    /** The source for {@code value}, matched case-insensitively; blank gives {@link #UNKNOWN}. */
    public static EventSource of(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        String v = value.trim();
        if (PLATFORM.value.equalsIgnoreCase(v)) {
            return PLATFORM;
        }
        if (USER.value.equalsIgnoreCase(v)) {
            return USER;
        }
        return new EventSource(v);
    }

    @Override
    public String toString() {
        return value;
    }
}
