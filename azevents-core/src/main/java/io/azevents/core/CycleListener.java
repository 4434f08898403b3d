package io.azevents.core;

/**
 * Hears what a cycle does, for logging and metrics; core itself never logs. Called on the thread
 * that runs the cycle. Implementations must not throw; an exception from a listener is ignored.
 */
public interface CycleListener {
    /** A listener that hears nothing. */
    CycleListener NONE = new CycleListener() { };

    /**
     * The strategy decided; nothing has been written yet. The default does nothing.
     *
     * @param decision the decision, also of a dry run
     */
    default void decided(Decision decision) {
    }

    /**
     * One action was carried out, skipped, or failed. The default does nothing.
     *
     * @param outcome the action and what became of it
     */
    default void acted(ActionOutcome outcome) {
    }

    /**
     * A cycle run by {@link AzEventsAgent#runCycle()} ended, with everything it read, decided and did
     * (its continuation included). Not called for a dry run, nor when reading failed (that throws).
     * The default does nothing.
     *
     * @param report the cycle's report
     */
    default void finished(CycleReport report) {
    }
}
