package io.azevents.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The scheduled-events document: its incarnation and its events. Azure raises the incarnation
 * whenever the events change; it can also reset it (after 24 hours without requests), so
 * strategies treat it as a shortcut, never as the truth.
 *
 * @param incarnation the {@code DocumentIncarnation}
 * @param events      the events, in the order Azure listed them; ids are unique
 */
public record ScheduledEventsDocument(long incarnation, List<ScheduledEvent> events) {

    public ScheduledEventsDocument {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        Set<String> ids = new HashSet<>();
        for (ScheduledEvent e : events) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("document lists event " + e.id() + " twice");
            }
        }
    }

    /** An empty document with incarnation {@code incarnation}. */
    public static ScheduledEventsDocument empty(long incarnation) {
        return new ScheduledEventsDocument(incarnation, List.of());
    }

    /** The events whose resources include {@code vmName}. */
    public List<ScheduledEvent> eventsFor(String vmName) {
        return events.stream().filter(e -> e.concerns(vmName)).toList();
    }
}
