package io.azevents.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The scheduled-events document: its incarnation, its events and the events that failed validation.
 * Azure raises the incarnation whenever the events change; it can also reset it (after 24 hours
 * without requests), so strategies treat it as a shortcut, never as the truth.
 *
 * @param incarnation the {@code DocumentIncarnation}
 * @param events      the valid events, in the order Azure listed them; ids are unique
 * @param quarantined the events that failed validation in a field a decision depends on, in the
 *                    order Azure listed them; never to be acted on or approved (see
 *                    {@link QuarantinedEvent})
 */
public record ScheduledEventsDocument(long incarnation, List<ScheduledEvent> events,
                                      List<QuarantinedEvent> quarantined) {

    /**
     * Checks that no event is listed twice and copies the lists.
     *
     * @param incarnation the {@code DocumentIncarnation}
     * @param events      the valid events, in the order Azure listed them; copied
     * @param quarantined the events that failed validation, in the order Azure listed them; copied
     * @throws NullPointerException     if a list is null or holds null
     * @throws IllegalArgumentException if an event id appears twice
     */
    public ScheduledEventsDocument {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        quarantined = List.copyOf(Objects.requireNonNull(quarantined, "quarantined"));
        Set<String> ids = new HashSet<>();
        for (ScheduledEvent e : events) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("document lists event " + e.id() + " twice");
            }
        }
    }

    /**
     * A document of valid events only: nothing quarantined.
     *
     * @param incarnation the {@code DocumentIncarnation}
     * @param events      the events, in the order Azure listed them; copied
     * @throws NullPointerException     if {@code events} is null or holds null
     * @throws IllegalArgumentException if an event id appears twice
     */
    public ScheduledEventsDocument(long incarnation, List<ScheduledEvent> events) {
        this(incarnation, events, List.of());
    }

    /**
     * An empty document with incarnation {@code incarnation}.
     *
     * @param incarnation the {@code DocumentIncarnation}
     * @return a document with no event and nothing quarantined
     */
    public static ScheduledEventsDocument empty(long incarnation) {
        return new ScheduledEventsDocument(incarnation, List.of());
    }

    /**
     * The events whose resources include {@code vmName}.
     *
     * @param vmName a VM name, compared exactly
     * @return an immutable list in document order; empty if no event concerns the VM
     */
    public List<ScheduledEvent> eventsFor(String vmName) {
        return events.stream().filter(e -> e.concerns(vmName)).toList();
    }

    /**
     * The quarantined events whose valid resource names include {@code vmName}. A quarantined event
     * whose resources could not be read at all is not among them; see {@link #quarantined()}.
     *
     * @param vmName a VM name, compared exactly
     * @return an immutable list in document order; empty if none names the VM
     */
    public List<QuarantinedEvent> quarantinedFor(String vmName) {
        return quarantined.stream().filter(q -> q.concerns(vmName)).toList();
    }
}
