package io.azevents.core;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A cluster-wide, expiring claim: the atomic test-and-set that keeps two nodes from draining at
 * once, and the lease behind the legacy pull lock. At most one claim with a given id exists in the
 * cluster; acquiring one that exists fails, whatever its owner.
 *
 * @param id        the claim's id, a CIB-safe token such as {@code azevents-drain}
 * @param owner     the node that holds it
 * @param expiresAt when others may consider it abandoned and remove it
 */
public record Claim(String id, String owner, Instant expiresAt) {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /**
     * Checks the id (a CIB-safe token), the owner (a node name) and the expiry.
     *
     * @param id        the claim's id: a letter, then up to 63 letters, digits, '_', '.' or '-'
     * @param owner     the name of the node that holds it
     * @param expiresAt when others may consider it abandoned and remove it
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the id or the owner is not valid
     */
    public Claim {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a valid claim id: " + Names.quote(id));
        }
        Names.requireNodeName(owner, "claim owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * True if the claim's lease has run out at {@code now}.
     *
     * @param now the time to judge at
     * @return true if {@code now} is at or after {@link #expiresAt()}
     */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
