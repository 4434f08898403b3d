package io.azevents.imds;

import io.azevents.core.QuarantinedEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Logs each quarantined event at WARNING once per (id, reason): an event that stays in the document
 * is not logged again at every fetch. Remembers at most {@code capacity} pairs, forgetting the one
 * seen least recently first, so a document that keeps changing cannot make it grow without bound (a
 * forgotten pair is logged again if it comes back). Of one document only the first {@code capacity}
 * quarantined events are logged one by one; the rest are counted in one line, logged again only when
 * their number changes, so a hostile document cannot flood the log. Memory only: it lasts as long as
 * its owner. Thread-safe.
 */
final class QuarantineLog {
    /** How many (id, reason) pairs an {@code ImdsScheduledEventsService} remembers. */
    public static final int DEFAULT_CAPACITY = 256;

    private record Key(String rawId, String reason) {
    }

    private final Supplier<Logger> log;
    private final int capacity;
    private final Map<Key, Boolean> logged;
    private int lastOverflow;

    /**
     * @param log      the logger, looked up on first use
     * @param capacity how many (id, reason) pairs to remember, at least 1
     */
    public QuarantineLog(Supplier<Logger> log, int capacity) {
        this.log = Objects.requireNonNull(log, "log");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.logged = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Logs those of {@code quarantined} not logged before.
     *
     * @return how many were logged now
     */
    public synchronized int report(List<QuarantinedEvent> quarantined) {
        int n = 0;
        int each = Math.min(quarantined.size(), capacity);
        for (QuarantinedEvent q : quarantined.subList(0, each)) {
            if (logged.put(new Key(q.rawId(), q.reason()), Boolean.TRUE) == null) {
                log.get().log(Level.WARNING, message(q));
                n++;
            }
        }
        int rest = quarantined.size() - each;
        if (rest > 0 && rest != lastOverflow) {
            log.get().log(Level.WARNING, "IMDS scheduled events: " + rest + " more quarantined events, beyond the first "
                    + capacity + ", are not logged one by one");
            n++;
        }
        lastOverflow = rest;
        return n;
    }

    /** How many (id, reason) pairs are remembered now. */
    public synchronized int remembered() {
        return logged.size();
    }

    static String message(QuarantinedEvent q) {
        return "IMDS scheduled event " + q.rawId() + " is quarantined (never acted on, never approved; the "
                + "document's other events are used): " + q.reason() + "; "
                + (q.resources().isEmpty() ? "no valid VM name among its resources"
                        : "its valid resources: " + String.join(", ", q.resources()));
    }
}
