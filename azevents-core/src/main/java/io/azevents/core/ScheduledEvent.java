package io.azevents.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One scheduled event as Azure reports it. Validated at construction: the id is a GUID and every
 * resource is a safe VM name, so nothing from the network reaches the CIB unchecked.
 *
 * @param id            the {@code EventId}, a GUID
 * @param type          the {@code EventType}, possibly one azevents does not know
 * @param status        the {@code EventStatus}
 * @param resourceType  the {@code ResourceType}, normally {@code "VirtualMachine"}
 * @param resources     the VM names the event applies to ({@code Resources})
 * @param notBefore     when the event may start; empty once it has started or when Azure gives none
 * @param description   the {@code Description}, possibly empty
 * @param initiator     who started the event: Azure's {@code EventSource}
 * @param durationSeconds the {@code DurationInSeconds}: -1 unknown, 0 none
 * @param otherFields   fields of the event azevents does not model, kept as text
 */
public record ScheduledEvent(
        String id,
        EventType type,
        EventStatus status,
        String resourceType,
        List<String> resources,
        Optional<Instant> notBefore,
        String description,
        EventInitiator initiator,
        long durationSeconds,
        Map<String, String> otherFields) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param id              the {@code EventId}; must be a GUID
     * @param type            the {@code EventType}
     * @param status          the {@code EventStatus}
     * @param resourceType    the {@code ResourceType}; may be empty
     * @param resources       the VM names the event applies to; each a valid VM name; copied
     * @param notBefore       when the event may start; empty when it has started or Azure gives none
     * @param description     the {@code Description}; may be empty
     * @param initiator       who started the event
     * @param durationSeconds the {@code DurationInSeconds}: -1 unknown, 0 none, else seconds
     * @param otherFields     fields azevents does not model, by name; copied
     * @throws NullPointerException     if one is null or a collection holds null
     * @throws IllegalArgumentException if the id is not a GUID, a resource is not a valid VM name or
     *                                  {@code durationSeconds} is below -1
     */
    public ScheduledEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(initiator, "initiator");
        if (!Names.isEventId(id)) {
            throw new IllegalArgumentException("EventId is not a GUID: " + Names.quote(id));
        }
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
        for (String r : resources) {
            if (!Names.isNodeName(r)) {
                throw new IllegalArgumentException(
                        "event " + id + " names a resource that is not a valid VM name: " + Names.quote(r));
            }
        }
        if (durationSeconds < -1) {
            throw new IllegalArgumentException("DurationInSeconds below -1: " + durationSeconds);
        }
        otherFields = Map.copyOf(Objects.requireNonNull(otherFields, "otherFields"));
    }

    /**
     * A Scheduled event of {@code type} for {@code resources}, Platform-initiated, unknown duration.
     *
     * @param id        the event id, a GUID
     * @param type      the event type
     * @param notBefore when the event may start; empty for none
     * @param resources the VM names it applies to; none is allowed
     * @return the event, of resource type {@code VirtualMachine}, with an empty description and no
     *     other field
     * @throws NullPointerException     if an argument or a resource is null
     * @throws IllegalArgumentException if the id is not a GUID or a resource is not a valid VM name
     */
    public static ScheduledEvent of(String id, EventType type, Optional<Instant> notBefore, String... resources) {
        return new ScheduledEvent(id, type, EventStatus.SCHEDULED, "VirtualMachine", List.of(resources),
                notBefore, "", EventInitiator.PLATFORM, -1, Map.of());
    }

    /**
     * True if {@code vmName} is among the event's resources.
     *
     * @param vmName a VM name, compared exactly
     * @return true if it is listed in {@link #resources()}
     */
    public boolean concerns(String vmName) {
        return resources.contains(vmName);
    }

    /**
     * True once Azure reports the event as Started.
     *
     * @return true if the status is {@link EventStatus#STARTED}
     */
    public boolean isStarted() {
        return status.equals(EventStatus.STARTED);
    }

    /**
     * The expected duration when Azure gives one.
     *
     * @return the duration, zero when Azure says there is none; empty when it is unknown (-1)
     */
    public Optional<Duration> duration() {
        return durationSeconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(durationSeconds));
    }

    /**
     * A copy with another status. A Started copy has no {@link #notBefore()}, as Azure reports it.
     *
     * @param newStatus the status of the copy
     * @return a new event; this one is unchanged
     * @throws NullPointerException if {@code newStatus} is null
     */
    public ScheduledEvent withStatus(EventStatus newStatus) {
        return new ScheduledEvent(id, type, newStatus, resourceType, resources,
                newStatus.equals(EventStatus.STARTED) ? Optional.empty() : notBefore,
                description, initiator, durationSeconds, otherFields);
    }

    /**
     * A copy with another initiator.
     *
     * @param newInitiator the initiator of the copy
     * @return a new event; this one is unchanged
     * @throws NullPointerException if {@code newInitiator} is null
     */
    public ScheduledEvent withInitiator(EventInitiator newInitiator) {
        return new ScheduledEvent(id, type, status, resourceType, resources, notBefore,
                description, newInitiator, durationSeconds, otherFields);
    }

    /**
     * A copy with another duration.
     *
     * @param seconds the {@code DurationInSeconds} of the copy: -1 unknown, 0 none, else seconds
     * @return a new event; this one is unchanged
     * @throws IllegalArgumentException if {@code seconds} is below -1
     */
    public ScheduledEvent withDurationSeconds(long seconds) {
        return new ScheduledEvent(id, type, status, resourceType, resources, notBefore,
                description, initiator, seconds, otherFields);
    }

    /**
     * A copy with another description.
     *
     * @param text the {@code Description} of the copy; may be empty
     * @return a new event; this one is unchanged
     * @throws NullPointerException if {@code text} is null
     */
    public ScheduledEvent withDescription(String text) {
        return new ScheduledEvent(id, type, status, resourceType, resources, notBefore,
                text, initiator, durationSeconds, otherFields);
    }
}
