package io.azevents.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One step of a {@link Decision}, with the reason for it in words an administrator understands.
 * The engine carries the steps out in order; if an {@link AcquireClaim} finds the claim taken, the
 * steps after it are skipped (the next cycle decides again).
 */
public sealed interface PlannedAction
        permits PlannedAction.WriteAttributes, PlannedAction.AcquireClaim, PlannedAction.ReleaseClaim,
        PlannedAction.ApproveEvents {

    /**
     * Why this step is taken.
     *
     * @return the reason, in words an administrator understands; never blank
     */
    String reason();

    /**
     * Writes several attributes in one transaction. A write with a {@code fence} lands only if the
     * cluster still holds that claim, checked in the same transaction (see
     * {@link ClusterAttributeStore#write(List, Claim, java.time.Instant)}); otherwise the plan stops as
     * if the claim were lost and the next cycle decides again.
     *
     * @param updates the updates, written as one transaction; never empty
     * @param reason  why they are written
     * @param fence   the claim the cluster must still hold for the write to land; empty for none
     */
    record WriteAttributes(List<AttributeUpdate> updates, String reason, Optional<Claim> fence)
            implements PlannedAction {
        /**
         * Checks that there is at least one update, a reason and a fence.
         *
         * @param updates the updates, written as one transaction; copied
         * @param reason  why they are written; not blank
         * @param fence   the claim the cluster must still hold for the write to land; empty for none
         * @throws NullPointerException     if a component is null or {@code updates} holds null
         * @throws IllegalArgumentException if there is no update or the reason is blank
         */
        public WriteAttributes {
            updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
            if (updates.isEmpty()) {
                throw new IllegalArgumentException("a write needs at least one update");
            }
            requireReason(reason);
            Objects.requireNonNull(fence, "fence");
        }

        /**
         * An unfenced write.
         *
         * @param updates the updates, written as one transaction; copied
         * @param reason  why they are written; not blank
         * @throws NullPointerException     if an argument is null or {@code updates} holds null
         * @throws IllegalArgumentException if there is no update or the reason is blank
         */
        public WriteAttributes(List<AttributeUpdate> updates, String reason) {
            this(updates, reason, Optional.empty());
        }
    }

    /**
     * Takes a cluster-wide claim; the rest of the plan runs only if it is won.
     *
     * @param claim  the claim to create, owned by the local node
     * @param reason why it is taken
     */
    record AcquireClaim(Claim claim, String reason) implements PlannedAction {
        /**
         * Checks that the claim and a reason are present.
         *
         * @param claim  the claim to create, owned by the local node
         * @param reason why it is taken; not blank
         * @throws NullPointerException     if a component is null
         * @throws IllegalArgumentException if the reason is blank
         */
        public AcquireClaim {
            Objects.requireNonNull(claim, "claim");
            requireReason(reason);
        }
    }

    /**
     * Gives a claim back (or removes an expired one): compare-and-delete.
     *
     * @param claim  the claim to remove, exactly as the cluster holds it
     * @param reason why it is removed
     */
    record ReleaseClaim(Claim claim, String reason) implements PlannedAction {
        /**
         * Checks that the claim and a reason are present.
         *
         * @param claim  the claim to remove, exactly as the cluster holds it
         * @param reason why it is removed; not blank
         * @throws NullPointerException     if a component is null
         * @throws IllegalArgumentException if the reason is blank
         */
        public ReleaseClaim {
            Objects.requireNonNull(claim, "claim");
            requireReason(reason);
        }
    }

    /**
     * Asks Azure to start these events now.
     *
     * @param eventIds the ids of the events to approve, never empty
     * @param reason   why they are approved
     */
    record ApproveEvents(Set<String> eventIds, String reason) implements PlannedAction {
        /**
         * Checks that there is at least one event id, each a valid one, and sorts them.
         *
         * @param eventIds the ids of the events to approve, GUIDs as Azure writes them; copied
         * @param reason   why they are approved; not blank
         * @throws NullPointerException     if a component is null or {@code eventIds} holds null
         * @throws IllegalArgumentException if there is none or one is not an event id
         */
        public ApproveEvents {
            eventIds = Set.copyOf(new TreeSet<>(Objects.requireNonNull(eventIds, "eventIds")));
            if (eventIds.isEmpty()) {
                throw new IllegalArgumentException("an approval needs at least one event");
            }
            for (String id : eventIds) {
                if (!Names.isEventId(id)) {
                    throw new IllegalArgumentException("not an event id: " + Names.quote(id));
                }
            }
            requireReason(reason);
        }
    }

    private static void requireReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("every action needs a reason");
        }
    }
}
