package io.azevents.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one planned action.
 *
 * @param action the action
 * @param result what happened
 * @param detail the error or the reason it was skipped, when there is one
 */
public record ActionOutcome(PlannedAction action, Result result, Optional<String> detail) {

    /** The possible results. */
    public enum Result {
        /** Carried out. */
        DONE,
        /** Nothing to do: the cluster already held the values. */
        UNCHANGED,
        /** A claim was held by another node; this and the following actions were not carried out. */
        CLAIM_LOST,
        /** Not attempted because an earlier action failed or lost its claim. */
        SKIPPED,
        /** Attempted and failed; {@link #detail()} says why. */
        FAILED
    }

    /**
     * Checks that every component is present.
     *
     * @param action the action this outcome is for
     * @param result what happened to it
     * @param detail the error or the reason it was skipped; empty when there is none
     * @throws NullPointerException if one is null
     */
    public ActionOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
    }
}
