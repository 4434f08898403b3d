package com.example.roster;

import java.util.Objects;
import java.util.Optional;

/**
 * One change to the {@link Roster}'s configuration: a member's attribute when {@code member} is
 * present, else a roster-wide property; an empty {@code value} removes it.
 *
 * @param member the member whose attribute this is; empty for a roster-wide property
 * @param key    the attribute's or property's name
 * @param value  the new value; empty removes it
 */
public record Change(Optional<String> member, String key, Optional<String> value) {
    /** Checks that every component is present. */
    public Change {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** Sets attribute {@code key} of {@code member}. */
    public static Change set(String member, String key, String value) {
        return new Change(Optional.of(member), key, Optional.of(value));
    }

    /** Removes attribute {@code key} of {@code member}. */
    public static Change remove(String member, String key) {
        return new Change(Optional.of(member), key, Optional.empty());
    }
}
