package io.azevents.legacy.internal;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Decision;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pull lock: upstream's {@code azure-events_globalPullState}, made atomic and a lease.
 *
 * <p>Protocol. A cycle that has nothing to change takes no lock and writes nothing. A cycle that
 * has something to change takes the claim {@value LegacyAttributes#CLAIM_ID} (test-and-set, expiring
 * after the lease) and writes {@code PULLING} in the same transaction as its changes. It keeps the
 * claim until its next cycle, which releases it (writing {@code IDLE} first) once nothing is left
 * to change: a peer that read the cluster before those changes cannot win the claim in between and
 * act on what it read. The claim is abandoned, and any peer removes it (compare-and-delete) before
 * taking its own, when its lease has run out, or when its holder has since drained itself
 * (standby with state STOPPING or IN_EVENT): the holder's agent has stopped and its writes are
 * visible. A {@code PULLING} with no claim behind it is reset to {@code IDLE}.
 *
 * <p>Immutable; thread-safe.
 */
final class PullLock {

    /** Who holds the lock, as this cycle reads it. */
    enum Holder { NONE, LOCAL, OTHER, ABANDONED }

    private final Holder holder;
    private final Optional<Claim> claim;
    private final ClusterView view;
    private final Instant now;
    private final Duration lease;

    private PullLock(Holder holder, Optional<Claim> claim, ClusterView view, Instant now, Duration lease) {
        this.holder = holder;
        this.claim = claim;
        this.view = view;
        this.now = now;
        this.lease = lease;
    }

    /** The lock as {@code view} shows it at {@code now}. */
    static PullLock read(ClusterView view, Instant now, Duration lease) {
        Optional<Claim> c = Optional.ofNullable(view.claims().get(LegacyAttributes.CLAIM_ID));
        Holder h;
        if (c.isEmpty()) {
            h = Holder.NONE;
        } else if (c.get().expiredAt(now) || ownerDrainedItself(view, c.get().owner())) {
            h = Holder.ABANDONED;
        } else if (c.get().owner().equals(view.localNode())) {
            h = Holder.LOCAL;
        } else {
            h = Holder.OTHER;
        }
        return new PullLock(h, c, view, now, lease);
    }

    private static boolean ownerDrainedItself(ClusterView view, String owner) {
        Optional<ClusterNode> n = view.node(owner);
        if (n.isEmpty()) {
            return true;
        }
        Optional<NodeState> s = n.get().permanentAttribute(LegacyAttributes.STATE).flatMap(NodeState::parse);
        return n.get().standby() && s.isPresent() && (s.get() == NodeState.STOPPING || s.get() == NodeState.IN_EVENT);
    }

    Holder holder() {
        return holder;
    }

    /** One line for the notes: who holds the lock and until when. */
    String describe() {
        return switch (holder) {
            case NONE -> "nobody holds the pull lock";
            case LOCAL -> "this node holds the pull lock until " + claim.orElseThrow().expiresAt();
            case OTHER -> claim.orElseThrow().owner() + " holds the pull lock until " + claim.orElseThrow().expiresAt()
                    + " (it is changing the cluster)";
            case ABANDONED -> claim.orElseThrow().owner() + "'s pull lock is abandoned ("
                    + (claim.orElseThrow().expiredAt(now) ? "its lease ran out at " + claim.orElseThrow().expiresAt()
                    : "that node has drained itself and its agent has stopped") + ")";
        };
    }

    /**
     * Adds what it takes to change the cluster. Only a node that already holds a fresh lock writes:
     * {@code changes} with {@code PULLING}, in one transaction fenced by the lock (it lands only while
     * the cluster still holds this very claim). Otherwise the plan ends by taking (or renewing) the
     * lock, and the engine decides again on the cluster read right after winning it, so that a plan
     * made on a view older than the previous holder's changes is never carried out.
     *
     * @return true if the changes were added; false if the plan ends by taking the lock or another
     *         node holds it (nothing is written this time)
     */
    boolean addTake(Decision.Builder b, List<AttributeUpdate> changes, String why) {
        String local = view.localNode();
        Claim fresh = new Claim(LegacyAttributes.CLAIM_ID, local, now.plus(lease));
        String then = "; holding it, this node reads the cluster again and decides on what it then shows";
        switch (holder) {
            case OTHER -> {
                return false;
            }
            case NONE -> {
                b.action(new PlannedAction.AcquireClaim(fresh, "take the pull lock (until " + fresh.expiresAt()
                        + ") so that no other node changes the cluster meanwhile, to " + why + then));
                return false;
            }
            case ABANDONED -> {
                b.action(new PlannedAction.ReleaseClaim(claim.orElseThrow(), "remove the abandoned pull lock: " + describe()));
                b.action(new PlannedAction.AcquireClaim(fresh,
                        "take the pull lock (until " + fresh.expiresAt() + ") in its place, to " + why + then));
                return false;
            }
            case LOCAL -> {
                Claim held = claim.orElseThrow();
                if (Duration.between(now, held.expiresAt()).compareTo(lease.dividedBy(2)) < 0) {
                    b.action(new PlannedAction.ReleaseClaim(held, "renew the pull lock this node holds: give it back"));
                    b.action(new PlannedAction.AcquireClaim(fresh, "renew the pull lock: take it again until "
                            + fresh.expiresAt() + then));
                    return false;
                }
                List<AttributeUpdate> all = new java.util.ArrayList<>();
                all.add(AttributeUpdate.setProperty(LegacyAttributes.PULL_STATE, LegacyAttributes.PULLING));
                all.addAll(changes);
                b.writeFenced(all, held, why);
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Adds the tidying of a cycle with nothing to change: give back or remove a lock, reset a stale PULLING. */
    void addRelease(Decision.Builder b) {
        boolean pulling = view.property(LegacyAttributes.PULL_STATE).map(LegacyAttributes.PULLING::equals).orElse(false);
        List<AttributeUpdate> idle = pulling
                ? List.of(AttributeUpdate.setProperty(LegacyAttributes.PULL_STATE, LegacyAttributes.IDLE)) : List.of();
        switch (holder) {
            case LOCAL -> {
                b.write(idle, "nothing left to change: show the pull state as IDLE");
                b.action(new PlannedAction.ReleaseClaim(claim.orElseThrow(),
                        "nothing left to change: give the pull lock back"));
            }
            case ABANDONED -> {
                b.write(idle, "show the pull state as IDLE: the lock's holder is gone");
                b.action(new PlannedAction.ReleaseClaim(claim.orElseThrow(), "remove the abandoned pull lock: " + describe()));
            }
            case NONE -> b.write(idle, "the pull state says PULLING but no node holds the pull lock (left over "
                    + "from a node that stopped mid-cycle, or from the old agent): reset it to IDLE");
            case OTHER -> {
                // The holder gives it back itself.
            }
            default -> throw new IllegalStateException();
        }
    }
}
