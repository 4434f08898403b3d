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
 * @param continuation the second decision of the cycle, taken on a fresh view after this one ended by
 *                  winning a claim, and what became of it
 */
public record CycleReport(
        Instant startedAt,
        Duration took,
        ScheduledEventsDocument document,
        Decision decision,
        List<ActionOutcome> outcomes,
        Optional<CycleReport> continuation) {

    /**
     * Checks that every component is present and copies the outcomes.
     *
     * @param startedAt    when the cycle started
     * @param took         how long it took
     * @param document     the scheduled-events document read
     * @param decision     the decision
     * @param outcomes     one outcome per action of the decision, in order; copied
     * @param continuation the second decision of the cycle and what became of it; empty if there was none
     * @throws NullPointerException if one is null or {@code outcomes} holds null
     */
    public CycleReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(decision, "decision");
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
        Objects.requireNonNull(continuation, "continuation");
    }

    /**
     * The decisions of this cycle: one, or two when the first ended by winning a claim.
     *
     * @return an immutable list, the first decision first
     */
    public List<Decision> decisions() {
        return continuation.map(c -> java.util.stream.Stream.concat(java.util.stream.Stream.of(decision),
                c.decisions().stream()).toList()).orElse(List.of(decision));
    }

    /**
     * Every outcome of this cycle, the continuation's included, in order.
     *
     * @return an immutable list; empty if neither decision had an action
     */
    public List<ActionOutcome> allOutcomes() {
        return continuation.map(c -> java.util.stream.Stream.concat(outcomes.stream(),
                c.allOutcomes().stream()).toList()).orElse(outcomes);
    }

    /**
     * The first failure, if an action failed.
     *
     * @return the first outcome with result {@link ActionOutcome.Result#FAILED}; empty if none failed
     */
    public Optional<ActionOutcome> failure() {
        return allOutcomes().stream().filter(o -> o.result() == ActionOutcome.Result.FAILED).findFirst();
    }

    /**
     * True if every action was done, unchanged, or deliberately not attempted after a lost claim.
     *
     * @return true if no outcome, the continuation's included, failed
     */
    public boolean succeeded() {
        return failure().isEmpty();
    }
}
