package io.azevents.simulation;

import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The events of a simulated Azure region, shared by the {@link ImdsSimulator}s of its VMs, with
 * the rules of the real service: the incarnation rises on every change, approval starts an event
 * for every VM it names, a finished or cancelled event disappears. Thread-safe.
 */
public final class ImdsRegion {
    /**
     * One approval as the region received it: which VM asked, for which ids.
     *
     * @param vmName   the VM whose simulator received the approval
     * @param eventIds the ids it approved, in the order of the request; unknown ids included
     */
    public record Approval(String vmName, List<String> eventIds) {
        /**
         * Checks the VM name and copies the ids.
         *
         * @param vmName   the VM whose simulator received the approval; not null
         * @param eventIds the ids it approved; not null, no null element
         * @throws NullPointerException if {@code vmName}, {@code eventIds} or an id is null
         */
        public Approval {
            Objects.requireNonNull(vmName, "vmName");
            eventIds = List.copyOf(eventIds);
        }
    }

    private final Clock clock;
    private final Map<String, ScheduledEvent> events = new LinkedHashMap<>();
    private final List<Approval> approvals = new ArrayList<>();
    private long incarnation = 1;

    /** A region on the system clock. */
    public ImdsRegion() {
        this(Clock.systemUTC());
    }

    /**
     * A region whose {@link #schedule} reads {@code clock}.
     *
     * @param clock the clock events are scheduled from, for example a {@link MutableClock}; not null
     * @throws NullPointerException if {@code clock} is null
     */
    public ImdsRegion(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Schedules an event of {@code type} for {@code vms} with a random id, due after the type's
     * documented notice (Preempt 30 s, Redeploy 10 min, Terminate 5 min, others 15 min) from the
     * clock's current second.
     *
     * @param type the event type; not null
     * @param vms  the VM names it concerns; none is allowed (an event no VM sees across zones)
     * @return the event as published, Scheduled
     * @throws NullPointerException     if {@code type} or a VM name is null
     * @throws IllegalArgumentException if a VM name is not valid
     */
    public ScheduledEvent schedule(EventType type, String... vms) {
        Objects.requireNonNull(type, "type");
        return add(ScheduledEvent.of(UUID.randomUUID().toString(), type,
                Optional.of(clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(type.minimumNotice())), vms));
    }

    /**
     * Adds {@code event}, or replaces the event with its id. The incarnation rises unless the event
     * was already there, equal.
     *
     * @param event the event; not null
     * @return {@code event}
     * @throws NullPointerException if {@code event} is null
     */
    public synchronized ScheduledEvent add(ScheduledEvent event) {
        Objects.requireNonNull(event, "event");
        if (!event.equals(events.put(event.id(), event))) {
            incarnation++;
        }
        return event;
    }

    /**
     * Starts the event, as Azure does once it is approved or due; no change if already Started.
     *
     * @param eventId the event's id
     * @throws IllegalArgumentException if there is no event with that id
     */
    public synchronized void start(String eventId) {
        ScheduledEvent e = events.get(eventId);
        if (e == null) {
            throw new IllegalArgumentException("no such event " + Names.quote(eventId));
        }
        if (!e.isStarted()) {
            events.put(eventId, e.withStatus(EventStatus.STARTED));
            incarnation++;
        }
    }

    /**
     * The event is over: it disappears, and the incarnation rises.
     *
     * @param eventId the event's id; an unknown id is ignored (no change)
     */
    public synchronized void complete(String eventId) {
        if (events.remove(eventId) != null) {
            incarnation++;
        }
    }

    /**
     * The event is cancelled: it disappears too, as with {@link #complete(String)}.
     *
     * @param eventId the event's id; an unknown id is ignored (no change)
     */
    public void cancel(String eventId) {
        complete(eventId);
    }

    /**
     * Records {@code vmName}'s approval of {@code ids} and starts those that exist; unknown ids are
     * recorded but change nothing.
     *
     * @param vmName the approving VM; not null
     * @param ids    the approved event ids; may be empty (the approval is still recorded)
     * @throws NullPointerException if an argument or an id is null
     */
    public synchronized void approve(String vmName, List<String> ids) {
        approvals.add(new Approval(vmName, ids));
        for (String id : ids) {
            if (events.containsKey(id)) {
                start(id);
            }
        }
    }

    /**
     * Sets the incarnation, as Azure may after 24 hours without requests; the next change raises it
     * from there.
     *
     * @param value the new incarnation, usually lower than the current one
     */
    public synchronized void resetIncarnation(long value) {
        incarnation = value;
    }

    /**
     * The region's document incarnation, which starts at 1 and rises on every change.
     *
     * @return the current incarnation
     */
    public synchronized long incarnation() {
        return incarnation;
    }

    /**
     * One event of the region.
     *
     * @param id the event's id
     * @return the event as now published; empty if there is none with that id (never added, or
     *     completed or cancelled)
     */
    public synchronized Optional<ScheduledEvent> event(String id) {
        return Optional.ofNullable(events.get(id));
    }

    /**
     * Every event of the region, whichever VMs they name.
     *
     * @return a copy, in the order they were first added; empty if none
     */
    public synchronized List<ScheduledEvent> events() {
        return List.copyOf(events.values());
    }

    /**
     * Every approval received, unknown ids and empty approvals included.
     *
     * @return a copy, in order of arrival; empty if none
     */
    public synchronized List<Approval> approvals() {
        return List.copyOf(approvals);
    }

    /**
     * Every id ever approved, by any VM.
     *
     * @return a new set, in order of first approval; empty if none
     */
    public synchronized Set<String> approvedIds() {
        Set<String> ids = new LinkedHashSet<>();
        approvals.forEach(a -> ids.addAll(a.eventIds()));
        return ids;
    }

    /** The incarnation and the events {@code vmName} sees, read together. */
    synchronized Snapshot snapshot(String vmName, ImdsSimulator.Visibility visibility) {
        List<ScheduledEvent> seen = events.values().stream()
                .filter(e -> visibility == ImdsSimulator.Visibility.AVAILABILITY_SET || e.concerns(vmName))
                .toList();
        return new Snapshot(incarnation, seen);
    }

    record Snapshot(long incarnation, List<ScheduledEvent> events) {
    }

}
