package io.azevents.core.safety;

import io.azevents.core.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Phrases for notes and reasons, in words an administrator reads in a log, shared by the strategies so
 * that an event reads the same whichever decided. Pure functions; thread-safe.
 */
public final class EventWords {
    private EventWords() {
    }

    /**
     * "a Reboot (event 1a2b3c4d...)".
     *
     * @param e the event
     * @return its type with an article, and its short id
     */
    public static String event(ScheduledEvent e) {
        return article(e.type().value()) + " " + e.type().value() + " (event " + shortId(e.id()) + ")";
    }

    /**
     * The first eight characters of an event id, enough to tell events apart in a log.
     *
     * @param id an event id
     * @return the id itself if it has at most eight characters, else its first eight followed by "..."
     */
    public static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8) + "...";
    }

    /**
     * "due at 2026-01-01T00:15:00Z, in 14m 50s", "already started", and what Azure said of the duration.
     *
     * @param e   the event
     * @param now the time the phrase is written at, for "in ..." or "... ago"
     * @return the phrase, also naming who started the event when it was not the platform
     */
    public static String timing(ScheduledEvent e, Instant now) {
        StringBuilder b = new StringBuilder();
        if (e.isStarted()) {
            b.append("already started");
        } else if (!e.status().isKnown()) {
            b.append("in status ").append(e.status().value());
        } else if (e.notBefore().isPresent()) {
            Instant at = e.notBefore().get();
            Duration left = Duration.between(now, at);
            b.append("due at ").append(at.truncatedTo(ChronoUnit.SECONDS));
            b.append(left.isNegative() ? ", " + duration(left.negated()) + " ago" : ", in " + duration(left));
        } else {
            b.append("with no start time given");
        }
        if (e.durationSeconds() > 0) {
            b.append(", expected to last ").append(duration(Duration.ofSeconds(e.durationSeconds())));
        }
        if (!e.initiator().value().equals("Platform")) {
            b.append(", started by ").append(e.initiator().value().equals("User") ? "a user" : e.initiator().value());
        }
        return b.toString();
    }

    /**
     * Time left before {@code e} may start, if Azure gave a start time and it has not started.
     *
     * @param e   the event
     * @param now the time to measure from
     * @return the time until {@link ScheduledEvent#notBefore()}, negative once it has passed; empty if
     *     the event has started or has no start time
     */
    public static Optional<Duration> timeLeft(ScheduledEvent e, Instant now) {
        if (e.isStarted() || e.notBefore().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, e.notBefore().get()));
    }

    /**
     * "1h 5m", "14m 50s", "25s".
     *
     * @param d the duration; a negative one reads as "0s"
     * @return whole hours and minutes from an hour on, minutes and seconds from a minute on, else seconds
     */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        if (s >= 60) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return s + "s";
    }

    /**
     * "a", "a and b", "a, b and c".
     *
     * @param items the items, in the order to list them
     * @return the items joined as in a sentence; "nothing" when there is none
     */
    public static String list(List<String> items) {
        if (items.isEmpty()) {
            return "nothing";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String article(String word) {
        return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }
}
