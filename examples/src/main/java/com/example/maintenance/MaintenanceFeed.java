package com.example.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The example's own maintenance feed: the notices a platform publishes for one group of VMs (every
 * VM of the group reads every notice, like an Azure availability set), a revision that rises with
 * every change, and a way for a VM to ask the platform to start maintenance early.
 * It knows nothing of azevents; {@code com.example.azevents.FeedScheduledEventsService} translates.
 * Thread-safe.
 */
public final class MaintenanceFeed {

    /**
     * The feed as one reader sees it.
     *
     * @param revision raised by every change
     * @param notices  the notices, in the order they were first posted
     */
    public record Bulletin(long revision, List<Notice> notices) {
        /** Copies the list. */
        public Bulletin {
            notices = List.copyOf(notices);
        }
    }

    /**
     * A request to start notices early.
     *
     * @param requestedBy the VM that asked
     * @param ids         the notices it asked to start
     */
    public record StartRequest(String requestedBy, Set<String> ids) {
        /** Copies the set. */
        public StartRequest {
            ids = Set.copyOf(ids);
        }
    }

    private final Clock clock;
    private final Map<String, Notice> notices = new LinkedHashMap<>();
    private final List<StartRequest> startRequests = new ArrayList<>();
    private long revision = 1;

    /** A feed that dates its notices by {@code clock}. */
    public MaintenanceFeed(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Publishes {@code kind} maintenance of {@code vms}, platform-initiated, due after {@code notice}. */
    public synchronized Notice announce(String kind, Duration notice, String... vms) {
        Notice n = new Notice(UUID.randomUUID().toString(), kind, Notice.SCHEDULED, List.of(vms),
                Optional.of(clock.instant().plus(notice)), kind + " for planned maintenance", "Platform", -1);
        post(n);
        return n;
    }

    /** Publishes {@code notice}, replacing the notice with its id if there is one. */
    public synchronized void post(Notice notice) {
        notices.put(notice.id(), notice);
        revision++;
    }

    /** The maintenance is over (or cancelled): the notice disappears. */
    public synchronized void withdraw(String id) {
        if (notices.remove(id) != null) {
            revision++;
        }
    }

    /** What every VM of the group reads. */
    public synchronized Bulletin read() {
        return new Bulletin(revision, List.copyOf(notices.values()));
    }

    /** The notice {@code id}, if it is published. */
    public synchronized Optional<Notice> notice(String id) {
        return Optional.ofNullable(notices.get(id));
    }

    /**
     * VM {@code requestedBy} asks to start {@code ids} now: each is marked started.
     *
     * @throws IllegalArgumentException if one of them is not published; then nothing starts
     */
    public synchronized void startNow(String requestedBy, Set<String> ids) {
        for (String id : ids) {
            if (!notices.containsKey(id)) {
                throw new IllegalArgumentException("no notice " + id + " is published");
            }
        }
        ids.forEach(id -> notices.put(id, notices.get(id).started()));
        startRequests.add(new StartRequest(requestedBy, ids));
        revision++;
    }

    /** Every start request received, in order. */
    public synchronized List<StartRequest> startRequests() {
        return List.copyOf(startRequests);
    }
}
