package io.azevents.simulation;

import io.azevents.core.ScheduledEventsException;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory Azure Scheduled Events for several VMs, with the rules of the real service: the
 * incarnation rises on every change, approval moves an event to Started (for every VM it names),
 * a finished or cancelled event disappears. In an {@link Visibility#AVAILABILITY_SET} every VM sees
 * every event; across {@link Visibility#ZONES} each VM sees only its own. Thread-safe.
 */
public final class FakeAzure {
    /** Which events a VM sees. */
    public enum Visibility {
        /** Every VM sees every event (VMs of one Availability Set see their peers' events). */
        AVAILABILITY_SET,
        /** Each VM sees only the events naming it (VMs across Availability Zones). */
        ZONES
    }

    /**
     * One approval as Azure received it.
     *
     * @param vmName   the VM whose source sent the approval
     * @param eventIds the ids it approved, unknown ids included; never empty
     */
    public record Approval(String vmName, Set<String> eventIds) { }

    private final Visibility visibility;
    private final Clock clock;
    private final Map<String, ScheduledEvent> events = new LinkedHashMap<>();
    private final List<Approval> approvals = new ArrayList<>();
    private long incarnation = 1;
    private long nextId = 1;
    private int fetches;
    private ScheduledEventsException failure;

    /**
     * An empty region: no event, incarnation 1.
     *
     * @param visibility which events each VM sees; not null
     * @param clock      the clock events are scheduled from, for example a {@link MutableClock};
     *                   not null
     * @throws NullPointerException if an argument is null
     */
    public FakeAzure(Visibility visibility, Clock clock) {
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Schedules an event of {@code type} for {@code vms}, due after the type's documented notice
     * ({@link EventType#minimumNotice()}) from the clock's current instant. Ids are GUIDs numbered
     * from 1 in order of scheduling, so a test's ids are the same on every run.
     *
     * @param type the event type; not null
     * @param vms  the VM names it concerns; none is allowed (an event no VM sees across zones)
     * @return the event as published, Scheduled
     * @throws NullPointerException     if {@code type} or a VM name is null
     * @throws IllegalArgumentException if a VM name is not valid
     */
    public synchronized ScheduledEvent schedule(EventType type, String... vms) {
        String id = String.format("%08x-0000-4000-8000-%012x", nextId, nextId);
        nextId++;
        ScheduledEvent e = ScheduledEvent.of(id, type, Optional.of(clock.instant().plus(type.minimumNotice())), vms);
        add(e);
        return e;
    }

    /**
     * Adds an event, or replaces the event with its id; the incarnation rises either way.
     *
     * @param event the event; not null
     * @throws NullPointerException if {@code event} is null
     */
    public synchronized void add(ScheduledEvent event) {
        events.put(event.id(), event);
        incarnation++;
    }

    /**
     * Starts an event, as Azure does once it is approved or due; no change if already Started.
     *
     * @param eventId the event's id
     * @throws IllegalArgumentException if there is no event with that id
     */
    public synchronized void start(String eventId) {
        ScheduledEvent e = require(eventId);
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
    public synchronized void cancel(String eventId) {
        complete(eventId);
    }

    /**
     * Resets the incarnation, as Azure does after 24 hours without requests; the next change raises
     * it from there.
     *
     * @param value the new incarnation, usually lower than the current one
     */
    public synchronized void resetIncarnation(long value) {
        incarnation = value;
    }

    /**
     * Makes every fetch, by any VM's source, fail with {@code e} until cleared. Approvals still work.
     *
     * @param e the exception each fetch throws (the same instance each time); null to clear, so
     *          that fetches succeed again
     */
    public synchronized void failFetches(ScheduledEventsException e) {
        failure = e;
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
     * The document incarnation, which starts at 1 and rises on every change.
     *
     * @return the current incarnation
     */
    public synchronized long incarnation() {
        return incarnation;
    }

    /**
     * Every approval received through the sources: empty approvals (which do nothing) and refused
     * ones (an id that is not a GUID) are not recorded.
     *
     * @return a copy, in order of arrival; empty if none
     */
    public synchronized List<Approval> approvals() {
        return List.copyOf(approvals);
    }

    /**
     * How many times the sources' {@code fetch()} was called, by any VM, failed fetches included.
     *
     * @return the count since construction; 0 if none
     */
    public synchronized int fetches() {
        return fetches;
    }

    /**
     * The document {@code vmName} would read now, without counting a fetch or applying
     * {@link #failFetches}.
     *
     * @param vmName the reading VM's name; across zones it sees only events naming it
     * @return the current incarnation and the events that VM sees, in the order they were first
     *     added; no events if it sees none
     */
    public synchronized ScheduledEventsDocument documentFor(String vmName) {
        List<ScheduledEvent> seen = events.values().stream()
                .filter(e -> visibility == Visibility.AVAILABILITY_SET || e.concerns(vmName))
                .toList();
        return new ScheduledEventsDocument(incarnation, seen);
    }

    /**
     * The source a VM called {@code vmName} would use. Its {@code fetch()} returns
     * {@link #documentFor(String)} (or throws the exception set with {@link #failFetches}); its
     * {@code approve(ids)} records an {@link Approval} and starts the approved events that exist,
     * does nothing for an empty set, and throws {@link ScheduledEventsException} (status 400,
     * nothing recorded) if an id is not a GUID.
     *
     * @param vmName the VM's name, as its source reports it
     * @return a new source over this region; thread-safe
     * @throws IllegalArgumentException if {@code vmName} is null or not a valid VM name
     */
    public ScheduledEventsService sourceFor(String vmName) {
        if (!Names.isNodeName(vmName)) {
            throw new IllegalArgumentException("not a VM name: " + vmName);
        }
        return new ScheduledEventsService() {
            @Override
            public ScheduledEventsDocument fetch() {
                synchronized (FakeAzure.this) {
                    fetches++;
                    if (failure != null) {
                        throw failure;
                    }
                    return documentFor(vmName);
                }
            }

            @Override
            public void approve(Set<String> eventIds) {
                synchronized (FakeAzure.this) {
                    if (eventIds.isEmpty()) {
                        return;
                    }
                    for (String id : eventIds) {
                        if (!Names.isEventId(id)) {
                            throw new ScheduledEventsException("approval refused: not an event id " + Names.quote(id), 400, null);
                        }
                    }
                    approvals.add(new Approval(vmName, Set.copyOf(eventIds)));
                    eventIds.forEach(id -> {
                        if (events.containsKey(id)) {
                            start(id);
                        }
                    });
                }
            }

            @Override
            public String vmName() {
                return vmName;
            }
        };
    }

    private ScheduledEvent require(String id) {
        ScheduledEvent e = events.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no such event " + id);
        }
        return e;
    }

}
