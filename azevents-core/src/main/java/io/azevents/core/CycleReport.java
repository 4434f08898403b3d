package io.azevents.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one monitor cycle: what was read, what was decided, and what became of each action.
 *
 * @param startedAt when the cycle started
 * @param took      how long it took
 * @param document  the scheduled-events document read
 * @param decision  the decision
 * @param outcomes  one outcome per action of the decision, in order
 */
public record CycleReport(
        Instant startedAt,
        Duration took,
        ScheduledEventsDocument document,
        Decision decision,
        List<ActionOutcome> outcomes) {

    public CycleReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(decision, "decision");
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    }

    /** The first failure, if an action failed. */
    public Optional<ActionOutcome> failure() {
        return outcomes.stream().filter(o -> o.result() == ActionOutcome.Result.FAILED).findFirst();
    }

    /** True if every action was done, unchanged, or deliberately not attempted after a lost claim. */
    public boolean succeeded() {
        return failure().isEmpty();
    }
}
