package io.azevents.simulation;

import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
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
 * The events of a simulated Azure region, with the rules of the real service: the incarnation rises
 * on every change, approval starts an event for every VM it names, a finished or cancelled event
 * disappears. It is the one model of a region's Scheduled Events in this package; two ways lead in:
 * <ul>
 *   <li>over HTTP, through the {@link ImdsSimulator}s of its VMs (one per VM, each with its own
 *       {@link Visibility});</li>
 *   <li>in process, through {@link FakeAzure}, a view that adds the {@code ScheduledEventsService}
 *       sources of the VMs, its own visibility, fetch counting and fetch failures
 *       ({@link FakeAzure#FakeAzure(ImdsRegion, Visibility)} over a region that
 *       simulators also serve).</li>
 * </ul>
 * Shared by every way in: the events and their order, the incarnation, the approvals received (as
 * {@link Approval}s, whichever way they came), the id style ({@link EventIds}) and the clock. Each
 * way keeps its documented behaviour for what it adds on top: {@link #schedule} dates events from
 * the clock's current second where {@link FakeAzure#schedule} uses the exact instant, {@link #add}
 * leaves the incarnation alone for an equal event where {@link FakeAzure#add} raises it anyway, and
 * approvals are checked (GUIDs, not empty) by the simulator and the sources, not here. Thread-safe:
 * every change and every read holds this region's lock.
 */
public final class ImdsRegion {
    /** How {@link #schedule} and {@link FakeAzure#schedule} name the events they make. */
    public enum EventIds {
        /** Random GUIDs (version 4 UUIDs), as Azure's: different on every run. */
        RANDOM,
        /**
         * GUIDs numbered from 1 in order of scheduling ({@code 00000001-0000-4000-8000-000000000001},
         * then {@code 00000002-...}), so that a test's ids are the same on every run.
         */
        SEQUENTIAL
    }

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
    private final EventIds ids;
    private final Map<String, ScheduledEvent> events = new LinkedHashMap<>();
    private final List<Approval> approvals = new ArrayList<>();
    private long incarnation = 1;
    private long nextId = 1;

    /** A region on the system clock, with {@link EventIds#RANDOM random} ids. */
    public ImdsRegion() {
        this(Clock.systemUTC());
    }

    /**
     * A region whose {@link #schedule} reads {@code clock}, with {@link EventIds#RANDOM random} ids.
     *
     * @param clock the clock events are scheduled from, for example a {@link MutableClock}; not null
     * @throws NullPointerException if {@code clock} is null
     */
    public ImdsRegion(Clock clock) {
        this(clock, EventIds.RANDOM);
    }

    /**
     * A region whose {@link #schedule} reads {@code clock} and names events as {@code ids} says.
     *
     * @param clock the clock events are scheduled from, for example a {@link MutableClock}; not null
     * @param ids   how scheduled events are named; not null
     * @throws NullPointerException if an argument is null
     */
    public ImdsRegion(Clock clock, EventIds ids) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * How this region names the events it schedules.
     *
     * @return the id style given at construction; {@link EventIds#RANDOM} unless told otherwise
     */
    public EventIds eventIds() {
        return ids;
    }

    /** The clock events are scheduled from. */
    Clock clock() {
        return clock;
    }

    /**
     * Schedules an event of {@code type} for {@code vms}, due after the type's documented notice
     * (Preempt 30 s, Redeploy 10 min, Terminate 5 min, others 15 min) from the clock's current
     * second. Its id is random, or the next number for a {@link EventIds#SEQUENTIAL} region.
     *
     * @param type the event type; not null
     * @param vms  the VM names it concerns; none is allowed (an event no VM sees across zones)
     * @return the event as published, Scheduled
     * @throws NullPointerException     if {@code type} or a VM name is null
     * @throws IllegalArgumentException if a VM name is not valid
     */
    public ScheduledEvent schedule(EventType type, String... vms) {
        return schedule(type, true, vms);
    }

    /**
     * Schedules an event with the next id, due after the type's notice from the clock's instant,
     * truncated to the second if {@code wholeSeconds}; the incarnation rises.
     */
    synchronized ScheduledEvent schedule(EventType type, boolean wholeSeconds, String... vms) {
        Objects.requireNonNull(type, "type");
        String id = nextId();
        Instant now = clock.instant();
        Instant notBefore = (wholeSeconds ? now.truncatedTo(ChronoUnit.SECONDS) : now).plus(type.minimumNotice());
        return add(ScheduledEvent.of(id, type, Optional.of(notBefore), vms), true);
    }

    private String nextId() {
        if (ids == EventIds.RANDOM) {
            return UUID.randomUUID().toString();
        }
        long n = nextId++;
        return String.format("%08x-0000-4000-8000-%012x", n, n);
    }

    /**
     * Adds {@code event}, or replaces the event with its id. The incarnation rises unless the event
     * was already there, equal.
     *
     * @param event the event; not null
     * @return {@code event}
     * @throws NullPointerException if {@code event} is null
     */
    public ScheduledEvent add(ScheduledEvent event) {
        return add(event, false);
    }

    /** Adds or replaces {@code event}; the incarnation rises if it changed, or always if {@code alwaysRise}. */
    synchronized ScheduledEvent add(ScheduledEvent event, boolean alwaysRise) {
        Objects.requireNonNull(event, "event");
        if (!event.equals(events.put(event.id(), event)) || alwaysRise) {
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

    /**
     * The incarnation and the events {@code vmName} sees, read together: every event if
     * {@code seesAll} (an Availability Set), else those naming it (across zones).
     */
    synchronized Snapshot snapshot(String vmName, boolean seesAll) {
        List<ScheduledEvent> seen = events.values().stream()
                .filter(e -> seesAll || e.concerns(vmName))
                .toList();
        return new Snapshot(incarnation, seen);
    }

    record Snapshot(long incarnation, List<ScheduledEvent> events) {
    }

}
