package io.azevents.core.internal;

import io.azevents.core.ActionOutcome;
import io.azevents.core.ActionOutcome.Result;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterView;
import io.azevents.core.CycleListener;
import io.azevents.core.Decision;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEventsService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a decision's actions in order. Writes whose values the cluster already holds are not
 * sent (an idle cycle writes nothing). The first failure or lost claim stops the plan: what is left
 * is decided again next cycle, from what the cluster then holds. Not thread-safe; one per cycle.
 */
public final class PlanExecutor {
    private final ClusterAttributeStore store;
    private final ScheduledEventsService source;
    private final CycleListener listener;
    private final Clock clock;
    /** Values written earlier in this plan, which the view read before the plan does not show. */
    private final Map<String, Optional<String>> written = new HashMap<>();

    /** An executor that judges the claims of fenced writes against {@code clock}, the clock the plan was decided on. */
    public PlanExecutor(ClusterAttributeStore store, ScheduledEventsService source, CycleListener listener,
                        Clock clock) {
        this.store = store;
        this.source = source;
        this.listener = listener;
        this.clock = clock;
    }

    /** Executes {@code decision} against a cluster last read as {@code view}; one outcome per action. */
    public List<ActionOutcome> execute(Decision decision, ClusterView view) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        String stoppedBecause = null;
        for (PlannedAction action : decision.actions()) {
            ActionOutcome outcome;
            if (stoppedBecause != null) {
                outcome = new ActionOutcome(action, Result.SKIPPED, Optional.of(stoppedBecause));
            } else {
                outcome = executeOne(action, view);
                if (outcome.result() == Result.FAILED) {
                    stoppedBecause = "an earlier action failed: " + outcome.detail().orElse("");
                } else if (outcome.result() == Result.CLAIM_LOST) {
                    stoppedBecause = outcome.detail().orElse("claim held by another node");
                }
            }
            outcomes.add(outcome);
            notify(outcome);
        }
        return outcomes;
    }

    private ActionOutcome executeOne(PlannedAction action, ClusterView view) {
        try {
            if (action instanceof PlannedAction.WriteAttributes w) {
                List<AttributeUpdate> needed = new ArrayList<>();
                for (AttributeUpdate u : w.updates()) {
                    Optional<String> earlier = written.get(key(u));
                    boolean noOp = earlier != null ? earlier.equals(u.value()) : u.isNoOpIn(view);
                    if (!noOp) {
                        needed.add(u);
                    }
                }
                if (needed.isEmpty()) {
                    return new ActionOutcome(action, Result.UNCHANGED, Optional.empty());
                }
                if (w.fence().isPresent()) {
                    if (!store.write(needed, w.fence().get(), clock.instant())) {
                        return new ActionOutcome(action, Result.CLAIM_LOST, Optional.of("claim " + w.fence().get().id()
                                + " held by " + w.fence().get().owner() + " until " + w.fence().get().expiresAt()
                                + " is no longer held as it was when this write was decided; nothing was written, "
                                + "and the next cycle decides again"));
                    }
                } else {
                    store.write(needed);
                }
                needed.forEach(u -> written.put(key(u), u.value()));
                return new ActionOutcome(action, Result.DONE, Optional.empty());
            } else if (action instanceof PlannedAction.AcquireClaim a) {
                if (store.tryAcquire(a.claim())) {
                    return new ActionOutcome(action, Result.DONE, Optional.empty());
                }
                return new ActionOutcome(action, Result.CLAIM_LOST, Optional.of("claim " + a.claim().id()
                        + " is held by another node; trying again next cycle"));
            } else if (action instanceof PlannedAction.ReleaseClaim r) {
                boolean removed = store.release(r.claim());
                return new ActionOutcome(action, removed ? Result.DONE : Result.UNCHANGED,
                        removed ? Optional.empty() : Optional.of("claim " + r.claim().id() + " was not held as expected"));
            } else if (action instanceof PlannedAction.ApproveEvents e) {
                source.approve(e.eventIds());
                return new ActionOutcome(action, Result.DONE, Optional.empty());
            }
            throw new IllegalStateException("unknown action " + action);
        } catch (RuntimeException e) {
            // Any failure ends the plan; the cluster keeps what was written and the next cycle repairs.
            return new ActionOutcome(action, Result.FAILED, Optional.of(String.valueOf(e.getMessage())));
        }
    }

    private static String key(AttributeUpdate u) {
        return u.node().orElse("") + "\u0000" + u.name();
    }

    private void notify(ActionOutcome outcome) {
        try {
            listener.acted(outcome);
        } catch (RuntimeException ignored) {
            // A listener must not break a cycle.
        }
    }
}
