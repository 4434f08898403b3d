package io.azevents.core;

import java.util.Objects;

/**
 * Who initiated a scheduled event: the {@code Platform} (Azure maintenance) or a {@code User}
 * (for example a reboot from the portal). Open like {@link EventType}.
 *
 * @param value the source exactly as Azure writes it; {@code "Unknown"} when the document has none
 */
public record EventSource(String value) {
    public static final EventSource PLATFORM = new EventSource("Platform");
    public static final EventSource USER = new EventSource("User");
    public static final EventSource UNKNOWN = new EventSource("Unknown");

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
