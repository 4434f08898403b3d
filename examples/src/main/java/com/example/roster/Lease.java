package com.example.roster;

import java.time.Instant;
import java.util.Objects;

/**
 * A named, expiring lease in the {@link Roster}: at most one lease per id exists at a time, so it
 * serves as a cluster-wide lock.
 *
 * @param id        the lease's name
 * @param holder    the member that holds it
 * @param expiresAt when the others may consider it abandoned
 */
public record Lease(String id, String holder, Instant expiresAt) {
    /** Checks that every component is present. */
    public Lease {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True if the lease has run out at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
