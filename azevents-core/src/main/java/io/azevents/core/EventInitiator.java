package io.azevents.core;

import java.util.Objects;

/**
 * Who initiated a scheduled event, as Azure's {@code EventSource} field says: the {@code Platform} (Azure maintenance) or a {@code User}
 * (for example a reboot from the portal). Open like {@link EventType}.
 *
 * @param value the initiator exactly as Azure writes it; {@code "Unknown"} when the document has none
 */
public record EventInitiator(String value) {
    /** Started by Azure (host maintenance). */
    public static final EventInitiator PLATFORM = new EventInitiator("Platform");
    /** Started by a user of the subscription (a restart or redeploy asked for through Azure). */
    public static final EventInitiator USER = new EventInitiator("User");
    /** Not said, or not readable. */
    public static final EventInitiator UNKNOWN = new EventInitiator("Unknown");

    /**
     * Checks that the value is not blank.
     *
     * @param value the initiator exactly as Azure writes it
     * @throws NullPointerException     if it is null
     * @throws IllegalArgumentException if it is blank
     */
    public EventInitiator {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("event initiator is blank");
        }
    }

    /**
     * The initiator for {@code value}, matched case-insensitively; blank gives {@link #UNKNOWN}.
     *
     * @param value the {@code EventSource} as Azure sent it; may be null or blank
     * @return {@link #PLATFORM} or {@link #USER} when it matches one, {@link #UNKNOWN} when null or
     *     blank, else a new initiator of the trimmed value
     */
    public static EventInitiator of(String value) {
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
        return new EventInitiator(v);
    }

    @Override
    public String toString() {
        return value;
    }
}
