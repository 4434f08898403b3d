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
    public enum Visibility { AVAILABILITY_SET, ZONES }

    /** One approval as Azure received it. */
    public record Approval(String vmName, Set<String> eventIds) { }

    private final Visibility visibility;
    private final Clock clock;
    private final Map<String, ScheduledEvent> events = new LinkedHashMap<>();
    private final List<Approval> approvals = new ArrayList<>();
    private long incarnation = 1;
    private long nextId = 1;
    private int fetches;
    private ScheduledEventsException failure;

    public FakeAzure(Visibility visibility, Clock clock) {
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Schedules an event of {@code type} for {@code vms}, due after the type's documented notice. */
    public synchronized ScheduledEvent schedule(EventType type, String... vms) {
        String id = String.format("%08x-0000-4000-8000-%012x", nextId, nextId);
        nextId++;
        ScheduledEvent e = ScheduledEvent.of(id, type, Optional.of(clock.instant().plus(type.minimumNotice())), vms);
        add(e);
        return e;
    }

    /** Adds or replaces an event. */
    public synchronized void add(ScheduledEvent event) {
        events.put(event.id(), event);
        incarnation++;
    }

    /** Starts an event, as Azure does once it is approved or due. */
    public synchronized void start(String eventId) {
        ScheduledEvent e = require(eventId);
        if (!e.isStarted()) {
            events.put(eventId, e.withStatus(EventStatus.STARTED));
            incarnation++;
        }
    }

    /** The event is over: it disappears. */
    public synchronized void complete(String eventId) {
        if (events.remove(eventId) != null) {
            incarnation++;
        }
    }

    /** The event is cancelled: it disappears too. */
    public synchronized void cancel(String eventId) {
        complete(eventId);
    }

    /** Resets the incarnation, as Azure does after 24 hours without requests. */
    public synchronized void resetIncarnation(long value) {
        incarnation = value;
    }

    /** Makes every fetch fail with {@code e} until cleared with {@code null}. */
    public synchronized void failFetches(ScheduledEventsException e) {
        failure = e;
    }

    public synchronized Optional<ScheduledEvent> event(String id) {
        return Optional.ofNullable(events.get(id));
    }

    public synchronized List<ScheduledEvent> events() {
        return List.copyOf(events.values());
    }

    public synchronized long incarnation() {
        return incarnation;
    }

    public synchronized List<Approval> approvals() {
        return List.copyOf(approvals);
    }

    public synchronized int fetches() {
        return fetches;
    }

    /** The document {@code vmName} would read now. */
    public synchronized ScheduledEventsDocument documentFor(String vmName) {
        List<ScheduledEvent> seen = events.values().stream()
                .filter(e -> visibility == Visibility.AVAILABILITY_SET || e.concerns(vmName))
                .toList();
        return new ScheduledEventsDocument(incarnation, seen);
    }

    /** The source a VM called {@code vmName} would use. */
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
