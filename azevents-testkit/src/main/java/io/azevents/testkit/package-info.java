/**
 * The azevents test kit: contract tests that every adapter and strategy extends
 * ({@link io.azevents.testkit.ScheduledEventsServiceContract},
 * {@link io.azevents.testkit.ClusterAttributeStoreContract},
 * {@link io.azevents.testkit.NodeDrainStrategyContract}) and {@link io.azevents.testkit.Requirements}.
 * The in-memory fakes that pass them ({@link io.azevents.simulation.FakeAzure},
 * {@link io.azevents.simulation.InMemoryCluster}), the settable clock, the multi-node
 * {@link io.azevents.simulation.ClusterSimulation} and the CIB generator
 * {@link io.azevents.simulation.CibShapes} live in {@code io.azevents.simulation}
 * ({@code azevents-simulation}), which this module depends on and which needs no JUnit.
 *
 * <p>Published for embedders who write their own adapter or strategy; evolves with the ports.
 */
package io.azevents.testkit;
