package com.example.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One maintenance notice as the {@link MaintenanceFeed} publishes it. Free text, as a platform's
 * feed would send it: nothing here is validated; whoever reads the feed checks what it uses.
 *
 * @param id              the notice's id
 * @param kind            what will happen, e.g. {@code Reboot}
 * @param status          {@code Scheduled} until it starts, then {@code Started}
 * @param vms             the VMs it concerns
 * @param notBefore       when it may start; empty once started or when the platform gives no time
 * @param description     for people
 * @param initiatedBy     {@code Platform} or {@code User}
 * @param durationSeconds how long it should last; -1 unknown
 */
public record Notice(String id, String kind, String status, List<String> vms, Optional<Instant> notBefore,
                     String description, String initiatedBy, long durationSeconds) {
    /** The status of a notice that has not started. */
    public static final String SCHEDULED = "Scheduled";
    /** The status of a notice that has started. */
    public static final String STARTED = "Started";

    /** Checks that every component is present and copies the list. */
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        vms = List.copyOf(vms);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(initiatedBy, "initiatedBy");
    }

    /** This notice, started. */
    public Notice started() {
        return new Notice(id, kind, STARTED, vms, Optional.empty(), description, initiatedBy, durationSeconds);
    }
}
