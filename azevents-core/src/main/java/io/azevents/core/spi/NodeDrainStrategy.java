package io.azevents.core.spi;

import io.azevents.core.Decision;

/**
 * The policy of a monitor cycle: given the events and the cluster, decide which attributes change,
 * which claims are taken and which events are approved, each with its reason. Deciding must be a
 * pure function of the input (no I/O, no clock of its own), so that a dry run tells exactly what a
 * real cycle would do.
 *
 * <p>Instances are created per configuration by a {@link NodeDrainStrategyProvider}; they must be
 * thread-safe (stateless between calls), because an embedding program may run a dry run while a
 * cycle runs.
 */
public interface NodeDrainStrategy {

    /**
     * The strategy's stable name, for example {@code az-health}.
     *
     * @return the name, the same as its provider's {@link NodeDrainStrategyProvider#name()}
     */
    String name();

    /**
     * Decides one cycle. Must not throw for any well-formed input; problems go into the decision's warnings.
     *
     * @param input the events, the cluster and the time of this cycle
     * @return the decision, whose {@link Decision#localNode()} is the input's local node
     */
    Decision decide(CycleInput input);
}
