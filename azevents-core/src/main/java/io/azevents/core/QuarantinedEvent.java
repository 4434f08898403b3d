package io.azevents.core;

import java.util.List;
import java.util.Objects;

/**
 * An event of the scheduled-events document that failed validation in a field a decision depends
 * on ({@code EventId}, {@code EventType}, {@code EventStatus}, {@code Resources}), or that was not an
 * object, or whose id repeats an earlier event's. It is left out of
 * {@link ScheduledEventsDocument#events()}: never written to the cluster, never approved. It is kept
 * here so that a strategy can tell whether something it could not read concerns its own VM, and so
 * that it can be reported.
 *
 * <p>Everything here is safe to log: the id is quoted and cut short, the resources are valid VM
 * names, the reason is one printable line.
 *
 * @param rawId     the {@code EventId} as sent, quoted and cut short by {@link Names#quote}, or
 *                  {@code "unknown"} when the event has none that can be read
 * @param resources the names in the event's {@code Resources} that are valid VM names
 *                  ({@link Names#isNodeName}); empty when none could be read, in which case the event
 *                  may concern any VM
 * @param reason    what is wrong, naming the field, for example
 *                  {@code Events[2].EventId is not a GUID: 'abc'}
 */
public record QuarantinedEvent(String rawId, List<String> resources, String reason) {
    /** The {@link #rawId()} of an event whose id is absent or not text. */
    public static final String UNKNOWN_ID = "unknown";

    /**
     * Checks that the id and the reason are one line each and the VM names are valid.
     *
     * @param rawId     the {@code EventId} as sent, already quoted and cut short, or {@link #UNKNOWN_ID};
     *                  one printable, non-blank line
     * @param resources the valid VM names among the event's {@code Resources}; copied; may be empty
     * @param reason    what is wrong, naming the field; one printable, non-blank line
     * @throws NullPointerException     if a component is null or {@code resources} holds null
     * @throws IllegalArgumentException if they are not
     */
    public QuarantinedEvent {
        requireOneLine(rawId, "rawId");
        requireOneLine(reason, "reason");
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
        for (String r : resources) {
            if (!Names.isNodeName(r)) {
                throw new IllegalArgumentException(
                        "a quarantined event may only list valid VM names, not " + Names.quote(r));
            }
        }
    }

    /**
     * True if {@code vmName} is among the valid names of the event's resources.
     *
     * @param vmName a VM name, as {@link ScheduledEventsService#vmName()} gives it; compared exactly
     * @return true if it is listed; false also when no resource could be read
     */
    public boolean concerns(String vmName) {
        return resources.contains(vmName);
    }

    private static void requireOneLine(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || !Names.isAttributeValue(value)) {
            throw new IllegalArgumentException(
                    what + " must be one printable line of at most 4096 characters: " + Names.quote(value));
        }
    }
}
