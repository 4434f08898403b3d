/**
 * The {@code az-health} strategy: what the {@code azure-events-az} agent does, with the same CIB
 * attributes, without its known weaknesses. A node drains itself before its own scheduled event
 * by setting the node-health attribute {@code #health-azure} to -1000000, asks Azure to start the
 * event once it is empty, and sets the attribute back to 0 when the event is over.
 *
 * <p>The only public type is {@link io.azevents.azhealth.AzHealthStrategyProvider}, found through
 * {@link java.util.ServiceLoader}; it is stable within a major version. Everything else lives in
 * {@code io.azevents.azhealth.internal} and promises nothing.
 */
package io.azevents.azhealth;
