/**
 * The azevents test kit: contract tests that every adapter and strategy extends
 * ({@link io.azevents.testkit.ScheduledEventSourceContract},
 * {@link io.azevents.testkit.ClusterAttributeStoreContract},
 * {@link io.azevents.testkit.NodeDrainStrategyContract}), in-memory fakes that pass them
 * ({@link io.azevents.testkit.FakeAzure}, {@link io.azevents.testkit.InMemoryCluster}), a settable
 * clock and a multi-node {@link io.azevents.testkit.ClusterSimulation}.
 *
 * <p>Published for embedders who write their own adapter or strategy; evolves with the ports.
 */
package io.azevents.testkit;
