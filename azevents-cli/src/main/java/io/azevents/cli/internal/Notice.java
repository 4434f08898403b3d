package io.azevents.cli.internal;

import io.azevents.core.EventType;
import java.time.Duration;

/** The minimum notice Azure documents for each event type. */
final class Notice {
    private Notice() {
    }

    static Duration of(EventType type) {
        if (type.equals(EventType.PREEMPT)) {
            return Duration.ofSeconds(30);
        }
        if (type.equals(EventType.REDEPLOY)) {
            return Duration.ofMinutes(10);
        }
        if (type.equals(EventType.TERMINATE)) {
            return Duration.ofMinutes(5);
        }
        return Duration.ofMinutes(15);
    }
}
