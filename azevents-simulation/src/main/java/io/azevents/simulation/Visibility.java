package io.azevents.simulation;

/**
 * Which events of a region a VM is shown, in process ({@link FakeAzure}) and over HTTP
 * ({@link ImdsSimulator}) alike.
 */
public enum Visibility {
    /** Every event of the region: VMs of one Availability Set see their peers' events. */
    AVAILABILITY_SET,
    /** Only the events naming the VM: VMs across Availability Zones. */
    ZONES
}
