package io.azevents.azhealth.internal;

import io.azevents.core.safety.EventWords;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.CycleInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one document that name this node's VM, sorted by what az-health does with them.
 * Events for other VMs (visible in an Availability Set) are left to their own nodes.
 *
 * @param drain        events the node drains for: relevant type, not excused by a policy
 * @param shortFreezes Freeze events short enough to approve at once ({@code freezeMaxSeconds})
 * @param notes        why the other events are ignored
 */
record OwnEvents(List<ScheduledEvent> drain, List<ScheduledEvent> shortFreezes, List<String> notes) {

    OwnEvents {
        drain = List.copyOf(drain);
        shortFreezes = List.copyOf(shortFreezes);
        notes = List.copyOf(notes);
    }

    static OwnEvents of(CycleInput in, Settings settings) {
        List<ScheduledEvent> drain = new ArrayList<>();
        List<ScheduledEvent> freezes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String node = in.localNode();
        for (ScheduledEvent e : in.document().eventsFor(in.vmName())) {
            String what = EventWords.event(e) + " for " + node;
            if (!settings.eventTypes().contains(e.type())) {
                notes.add("ignores " + what + ": " + e.type() + " is not in eventTypes " + settings.eventTypes());
            } else if (settings.ignoreUserEvents() && e.initiator().equals(EventInitiator.USER)) {
                notes.add("ignores " + what + ": it was started by a user and ignoreUserEvents is true");
            } else if (isShortFreeze(e, settings)) {
                freezes.add(e);
            } else {
                drain.add(e);
            }
        }
        int others = in.document().events().size() - in.document().eventsFor(in.vmName()).size();
        if (others > 0) {
            notes.add("leaves " + others + " event(s) for other VMs to the nodes they concern");
        }
        return new OwnEvents(drain, freezes, notes);
    }

    /** The ids of the events to drain for, in the document's order. */
    List<String> drainIds() {
        return drain.stream().map(ScheduledEvent::id).toList();
    }

    /** True if some event to drain for has not started yet. */
    boolean anyScheduled() {
        return drain.stream().anyMatch(e -> e.status().equals(EventStatus.SCHEDULED));
    }

    private static boolean isShortFreeze(ScheduledEvent e, Settings settings) {
        return settings.freezeMaxSeconds() > 0 && e.type().equals(EventType.FREEZE)
                && e.durationSeconds() >= 0 && e.durationSeconds() <= settings.freezeMaxSeconds();
    }
}
