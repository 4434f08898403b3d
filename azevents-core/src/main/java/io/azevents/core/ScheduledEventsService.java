package io.azevents.core;

import java.util.Set;

/**
 * Port: where scheduled events come from and where they are approved. The production adapter is
 * {@code ImdsScheduledEventsService} (module azevents-imds); the test kit has an in-memory fake.
 *
 * <p>Implementations must be safe for use by one cycle at a time; they need not be thread-safe
 * beyond that unless they say so. Every method either answers or throws an
 * {@link ScheduledEventsException} within the implementation's deadline.
 */
public interface ScheduledEventsService {

    /**
     * Reads the current document. A single event that fails validation in a field a decision depends
     * on is not an error: it is left out of {@link ScheduledEventsDocument#events()} and listed in
     * {@link ScheduledEventsDocument#quarantined()}.
     *
     * @return the document as the service sends it now, events of every VM included
     * @throws ScheduledEventsException if the service cannot be reached, answers with an error, or sends
     *                              a document whose structure is malformed (the message says what was
     *                              wrong)
     */
    ScheduledEventsDocument fetch();

    /**
     * Asks Azure to start the given events now. Approval releases an event for every VM it names.
     * Once accepted, the service reports each approved event as {@link EventStatus#STARTED} in the
     * documents that follow (it may drop it from them later, when it is over); the engine relies on
     * that to tell an approved event from one still waiting, and the test kit's
     * {@code ScheduledEventsServiceContract} checks it.
     *
     * @param eventIds the events to start, each a GUID; an empty set does nothing
     * @throws ScheduledEventsException if the approval was not accepted
     */
    void approve(Set<String> eventIds);

    /**
     * The name of this VM as Azure lists it in {@link ScheduledEvent#resources()}.
     *
     * @return the VM's name, a valid VM name ({@link Names#isNodeName})
     * @throws ScheduledEventsException if it cannot be learned
     */
    String vmName();
}
