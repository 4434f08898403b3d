package com.example.roster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tiny in-process cluster manager, the example's "own cluster manager": members that join and
 * leave, free-form member attributes and roster-wide properties, services that run on one member
 * each, and leases with compare-and-set. It knows nothing of azevents; the adapters in
 * {@code com.example.azevents} translate.
 *
 * <p>Its scheduler, {@link #settle()}, runs when the owner calls it (a real manager would run it on
 * every change): it puts each service on its home member when that member is eligible, else leaves it
 * where it runs if that member is eligible, else on the first eligible member. A member is eligible
 * when it is online, not in standby (attribute {@value #STANDBY} is {@code on} or {@code true}) and has
 * no negative health (an attribute named {@code #health-...} whose value is a negative number).
 *
 * <p>Every method is atomic: the roster is one monitor. Thread-safe.
 */
public final class Roster {
    /** The member attribute that puts a member in standby: nothing is placed on it. */
    public static final String STANDBY = "standby";
    /** The prefix of health attributes: a negative number keeps services off the member. */
    public static final String HEALTH_PREFIX = "#health-";

    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, String> homes = new LinkedHashMap<>();
    private final Map<String, String> placement = new LinkedHashMap<>();
    private final Map<String, Lease> leases = new TreeMap<>();
    private long revision = 1;

    private static final class Member {
        boolean online = true;
        final Map<String, String> attributes = new TreeMap<>();
    }

    /**
     * What one member looks like in a {@link Snapshot}.
     *
     * @param name       the member's name
     * @param online     it is up and part of the roster
     * @param standby    it is in standby (attribute {@value Roster#STANDBY})
     * @param attributes its attributes
     * @param services   the services running on it, in the order they were added
     */
    public record MemberView(String name, boolean online, boolean standby, Map<String, String> attributes,
                             List<String> services) {
        /** Copies the collections. */
        public MemberView {
            attributes = Map.copyOf(attributes);
            services = List.copyOf(services);
        }
    }

    /**
     * Everything the roster holds, at one revision.
     *
     * @param revision   raised by every change
     * @param members    the members, in the order they joined
     * @param properties the roster-wide properties
     * @param leases     the leases, by id
     */
    public record Snapshot(long revision, List<MemberView> members, Map<String, String> properties,
                           Map<String, Lease> leases) {
        /** Copies the collections. */
        public Snapshot {
            members = List.copyOf(members);
            properties = Map.copyOf(properties);
            leases = Map.copyOf(leases);
        }
    }

    /** Adds an online member called {@code name}. */
    public synchronized Roster join(String name) {
        if (members.putIfAbsent(Objects.requireNonNull(name, "name"), new Member()) != null) {
            throw new IllegalArgumentException(name + " is already a member");
        }
        revision++;
        return this;
    }

    /** True if {@code name} is a member, online or not. */
    public synchronized boolean isMember(String name) {
        return members.containsKey(name);
    }

    /** Takes a member down (its services stop at once) or brings it back up. */
    public synchronized void setOnline(String name, boolean online) {
        member(name).online = online;
        if (!online) {
            placement.values().removeIf(name::equals);
        }
        revision++;
    }

    /** Adds a service whose home is member {@code home}; it starts at the next {@link #settle()}. */
    public synchronized Roster addService(String id, String home) {
        member(home);
        homes.put(Objects.requireNonNull(id, "id"), home);
        revision++;
        return this;
    }

    /** The scheduler: moves every service to where it should run now (see the class comment). */
    public synchronized void settle() {
        for (Map.Entry<String, String> s : homes.entrySet()) {
            String id = s.getKey();
            String current = placement.get(id);
            Optional<String> target = eligible(s.getValue()) ? Optional.of(s.getValue())
                    : current != null && eligible(current) ? Optional.of(current)
                    : members.keySet().stream().filter(this::eligible).findFirst();
            if (!Objects.equals(target.orElse(null), current)) {
                target.ifPresentOrElse(t -> placement.put(id, t), () -> placement.remove(id));
                revision++;
            }
        }
    }

    /** The services running on {@code name}. */
    public synchronized List<String> servicesOn(String name) {
        return placement.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).toList();
    }

    /** Everything, as one consistent snapshot. */
    public synchronized Snapshot snapshot() {
        List<MemberView> views = new ArrayList<>();
        members.forEach((name, m) -> views.add(new MemberView(name, m.online, standby(m), m.attributes,
                servicesOn(name))));
        return new Snapshot(revision, views, properties, leases);
    }

    /** Applies {@code changes} as one transaction: all of them, or none if one names an unknown member. */
    public synchronized void apply(List<Change> changes) {
        for (Change c : changes) {
            c.member().ifPresent(this::member);
        }
        for (Change c : changes) {
            Map<String, String> target = c.member().map(m -> member(m).attributes).orElse(properties);
            c.value().ifPresentOrElse(v -> target.put(c.key(), v), () -> target.remove(c.key()));
        }
        if (!changes.isEmpty()) {
            revision++;
        }
    }

    /** Creates {@code lease} if no lease with its id exists (test-and-set); true if this call created it. */
    public synchronized boolean putLeaseIfAbsent(Lease lease) {
        if (leases.putIfAbsent(lease.id(), lease) != null) {
            return false;
        }
        revision++;
        return true;
    }

    /** Removes the lease with {@code expected}'s id only if it equals {@code expected} (compare-and-delete). */
    public synchronized boolean removeLease(Lease expected) {
        if (!leases.remove(expected.id(), expected)) {
            return false;
        }
        revision++;
        return true;
    }

    /**
     * Applies {@code changes} only if the roster holds exactly {@code expected} and it has not expired
     * at {@code now}: checked and applied in one step.
     *
     * @return true if applied
     */
    public synchronized boolean applyIfLeaseHeld(Lease expected, Instant now, List<Change> changes) {
        if (expected.expiredAt(now) || !expected.equals(leases.get(expected.id()))) {
            return false;
        }
        apply(changes);
        return true;
    }

    private boolean eligible(String name) {
        Member m = members.get(name);
        return m.online && !standby(m) && m.attributes.entrySet().stream()
                .noneMatch(a -> a.getKey().startsWith(HEALTH_PREFIX) && negative(a.getValue()));
    }

    private static boolean standby(Member m) {
        String v = m.attributes.getOrDefault(STANDBY, "").trim().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("true");
    }

    private static boolean negative(String value) {
        try {
            return Long.parseLong(value.trim()) < 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Member member(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no member called " + name + "; members: " + members.keySet());
        }
        return m;
    }
}
