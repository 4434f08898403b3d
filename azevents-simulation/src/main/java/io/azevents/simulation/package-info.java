/**
 * A simulated Azure region and Pacemaker cluster, without any test framework:
 * {@link io.azevents.simulation.FakeAzure} (Scheduled Events for several VMs, with the service's
 * rules), {@link io.azevents.simulation.InMemoryCluster} (a cluster store whose small model of
 * Pacemaker's scheduler also reads CIBs and forecasts drains), a settable
 * {@link io.azevents.simulation.MutableClock}, a multi-node
 * {@link io.azevents.simulation.ClusterSimulation}, and {@link io.azevents.simulation.CibShapes}, the
 * seeded CIB generator of the generated-shapes suite that compares the model with Pacemaker's own
 * tools.
 *
 * <p>The test kit ({@code azevents-testkit}) builds its contract tests on these classes, and the
 * operator command's demo runs on them, so they ship in the agent's jar: this package depends on
 * {@code io.azevents.core} and the JDK only, never on JUnit or AssertJ.
 *
 * <p>Published for embedders who test their own adapter or strategy; evolves with the ports.
 */
package io.azevents.simulation;
