package io.azevents.simulation;

import io.azevents.core.ScheduledEventsException;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory Azure Scheduled Events for several VMs, with the rules of the real service: the
 * incarnation rises on every change, approval moves an event to Started (for every VM it names),
 * a finished or cancelled event disappears. In an {@link Visibility#AVAILABILITY_SET} every VM sees
 * every event; across {@link Visibility#ZONES} each VM sees only its own. Thread-safe.
 *
 * <p>A view over an {@link ImdsRegion}, which holds the events, the incarnation, the approvals and
 * those rules; this class adds the VMs' in-process sources ({@link #sourceFor}), which events they
 * see ({@link Visibility}), a count of their fetches and injected fetch failures ({@link #failFetches}),
 * none of which the region knows of. {@link #FakeAzure(Visibility, Clock)} makes a region of its own,
 * with {@link ImdsRegion.EventIds#SEQUENTIAL sequential} ids;
 * {@link #FakeAzure(ImdsRegion, Visibility)} views a region that others share, for example
 * {@link ImdsSimulator}s serving it over HTTP: an event scheduled here is served there, and an
 * approval received there shows in {@link #approvals()}.
 */
public final class FakeAzure {
    /**
     * One approval as Azure received it.
     *
     * @param vmName   the VM whose source sent the approval
     * @param eventIds the ids it approved, unknown ids included; never empty
     */
    public record Approval(String vmName, Set<String> eventIds) { }

    private final ImdsRegion region;
    private final Visibility visibility;
    private int fetches;
    private ScheduledEventsException failure;

    /**
     * An empty region of its own: no event, incarnation 1, ids numbered from 1
     * ({@link ImdsRegion.EventIds#SEQUENTIAL}).
     *
     * @param visibility which events each VM sees; not null
     * @param clock      the clock events are scheduled from, for example a {@link MutableClock};
     *                   not null
     * @throws NullPointerException if an argument is null
     */
    public FakeAzure(Visibility visibility, Clock clock) {
        this(new ImdsRegion(Objects.requireNonNull(clock, "clock"), ImdsRegion.EventIds.SEQUENTIAL),
                visibility);
    }

    /**
     * A view over {@code region}, which simulators and other views may share: its events,
     * incarnation and approvals are the region's; the fetch count and {@link #failFetches} are this
     * view's own. Events it schedules are named as the region names them and dated from the
     * region's clock.
     *
     * @param region     the region; not null
     * @param visibility which events each VM sees through this view's sources; not null
     * @throws NullPointerException if an argument is null
     */
    public FakeAzure(ImdsRegion region, Visibility visibility) {
        this.region = Objects.requireNonNull(region, "region");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
    }

    /**
     * The region this view reads and changes, to serve over HTTP with
     * {@link ImdsSimulator#start(ImdsRegion, String, Visibility, java.net.InetSocketAddress)}.
     *
     * @return the region given at construction, or its own
     */
    public ImdsRegion region() {
        return region;
    }

    /**
     * Which events each VM sees through this view's sources.
     *
     * @return the visibility given at construction
     */
    public Visibility visibility() {
        return visibility;
    }

    /**
     * Schedules an event of {@code type} for {@code vms}, due after the type's documented notice
     * ({@link EventType#minimumNotice()}) from the clock's current instant. Ids are GUIDs numbered
     * from 1 in order of scheduling, so a test's ids are the same on every run (over a region given
     * to {@link #FakeAzure(ImdsRegion, Visibility)}, ids are as that region names them).
     *
     * @param type the event type; not null
     * @param vms  the VM names it concerns; none is allowed (an event no VM sees across zones)
     * @return the event as published, Scheduled
     * @throws NullPointerException     if {@code type} or a VM name is null
     * @throws IllegalArgumentException if a VM name is not valid
     */
    public ScheduledEvent schedule(EventType type, String... vms) {
        return region.schedule(type, false, vms);
    }

    /**
     * Adds an event, or replaces the event with its id; the incarnation rises either way.
     *
     * @param event the event; not null
     * @throws NullPointerException if {@code event} is null
     */
    public void add(ScheduledEvent event) {
        region.add(event, true);
    }

    /**
     * Starts an event, as Azure does once it is approved or due; no change if already Started.
     *
     * @param eventId the event's id
     * @throws IllegalArgumentException if there is no event with that id
     */
    public void start(String eventId) {
        region.start(eventId);
    }

    /**
     * The event is over: it disappears, and the incarnation rises.
     *
     * @param eventId the event's id; an unknown id is ignored (no change)
     */
    public void complete(String eventId) {
        region.complete(eventId);
    }

    /**
     * The event is cancelled: it disappears too, as with {@link #complete(String)}.
     *
     * @param eventId the event's id; an unknown id is ignored (no change)
     */
    public void cancel(String eventId) {
        region.cancel(eventId);
    }

    /**
     * Resets the incarnation, as Azure does after 24 hours without requests; the next change raises
     * it from there.
     *
     * @param value the new incarnation, usually lower than the current one
     */
    public void resetIncarnation(long value) {
        region.resetIncarnation(value);
    }

    /**
     * Makes every fetch, by any VM's source of this view, fail with {@code e} until cleared.
     * Approvals still work; the region's simulators, if any, are not affected (they have
     * {@link ImdsSimulator#failNext(int, Fault)}).
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
    public Optional<ScheduledEvent> event(String id) {
        return region.event(id);
    }

    /**
     * Every event of the region, whichever VMs they name.
     *
     * @return a copy, in the order they were first added; empty if none
     */
    public List<ScheduledEvent> events() {
        return region.events();
    }

    /**
     * The document incarnation, which starts at 1 and rises on every change.
     *
     * @return the current incarnation
     */
    public long incarnation() {
        return region.incarnation();
    }

    /**
     * Every approval the region received: through the sources (empty approvals, which do nothing,
     * and refused ones, with an id that is not a GUID, are not recorded) and, over a shared region,
     * through its simulators and other views. Empty approvals are left out whichever way they came.
     *
     * @return a copy, in order of arrival; empty if none
     */
    public List<Approval> approvals() {
        return region.approvals().stream()
                .filter(a -> !a.eventIds().isEmpty())
                .map(a -> new Approval(a.vmName(), Set.copyOf(a.eventIds())))
                .toList();
    }

    /**
     * How many times this view's sources' {@code fetch()} was called, by any VM, failed fetches
     * included.
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
    public ScheduledEventsDocument documentFor(String vmName) {
        ImdsRegion.Snapshot s = region.snapshot(vmName, visibility == Visibility.AVAILABILITY_SET);
        return new ScheduledEventsDocument(s.incarnation(), s.events());
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
                }
                return documentFor(vmName);
            }

            @Override
            public void approve(Set<String> eventIds) {
                if (eventIds.isEmpty()) {
                    return;
                }
                for (String id : eventIds) {
                    if (!Names.isEventId(id)) {
                        throw new ScheduledEventsException("approval refused: not an event id " + Names.quote(id), 400, null);
                    }
                }
                region.approve(vmName, List.copyOf(eventIds));
            }

            @Override
            public String vmName() {
                return vmName;
            }
        };
    }
}
