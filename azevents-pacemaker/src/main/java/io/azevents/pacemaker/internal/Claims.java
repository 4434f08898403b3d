package io.azevents.pacemaker.internal;

import io.azevents.core.Claim;
import io.azevents.core.Names;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How a {@link Claim} is kept in the CIB: a {@code cluster_property_set} of its own under
 * {@code crm_config}, whose id is the claim's, so that {@code cibadmin --create} of it is an atomic
 * test-and-set (it fails with "File exists" if the id is taken).
 *
 * <pre>{@code
 * <cluster_property_set id="azevents-claim-ID">
 *   <nvpair id="azevents-claim-ID-owner" name="azevents-claim-ID-owner" value="node1"/>
 *   <nvpair id="azevents-claim-ID-expires" name="azevents-claim-ID-expires" value="2030-01-01T00:00:00Z"/>
 * </cluster_property_set>
 * }</pre>
 *
 * The expiry is an ISO-8601 instant, exact to the nanosecond, so a claim reads back equal to what
 * was written. Stateless.
 */
public final class Claims {
    /** Prefix of the set ids that hold claims. */
    public static final String PREFIX = "azevents-claim-";

    private Claims() {
    }

    /** The id of the set holding claim {@code claimId}. */
    public static String setId(String claimId) {
        return PREFIX + claimId;
    }

    static boolean isClaimSet(String setId) {
        return setId != null && setId.startsWith(PREFIX);
    }

    /** The set element for {@code claim}. */
    public static String toXml(Claim claim) {
        String set = setId(claim.id());
        return "<cluster_property_set id=\"" + Xml.attr(set) + "\">"
                + Xml.nvpair(set + "-owner", set + "-owner", claim.owner())
                + Xml.nvpair(set + "-expires", set + "-expires", claim.expiresAt().toString())
                + "</cluster_property_set>";
    }

    /** The claim a property set holds, if it is a well-formed claim set. */
    static Optional<Claim> fromSet(Cib.NvSet set) {
        if (!isClaimSet(set.id())) {
            return Optional.empty();
        }
        String claimId = set.id().substring(PREFIX.length());
        String owner = value(set, set.id() + "-owner");
        String expires = value(set, set.id() + "-expires");
        if (owner == null || expires == null || !Names.isNodeName(owner)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(claimId, owner, Instant.parse(expires)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String value(Cib.NvSet set, String name) {
        return set.pairs().stream().filter(p -> p.name().equals(name)).map(Cib.NvPair::value).findFirst()
                .orElse(null);
    }
}
