/**
 * The azevents test kit: contract tests that every adapter and strategy extends
 * ({@link io.azevents.testkit.ScheduledEventsServiceContract},
 * {@link io.azevents.testkit.ClusterAttributeStoreContract},
 * {@link io.azevents.testkit.NodeDrainStrategyContract}), in-memory fakes that pass them
 * ({@link io.azevents.testkit.FakeAzure}, {@link io.azevents.testkit.InMemoryCluster}, whose small model
 * of Pacemaker's scheduler also reads CIBs and forecasts drains), a settable clock, a multi-node
 * {@link io.azevents.testkit.ClusterSimulation}, and {@link io.azevents.testkit.CibShapes}, the seeded
 * CIB generator of the generated-shapes suite that compares the model with Pacemaker's own tools.
 *
 * <p>Published for embedders who write their own adapter or strategy; evolves with the ports.
 */
package io.azevents.testkit;
