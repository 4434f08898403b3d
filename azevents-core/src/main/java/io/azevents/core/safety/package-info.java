/**
 * The safety model both strategies share, written once: which node an event's VM is
 * ({@link io.azevents.core.safety.VmDirectory}), what the agent recorded on each node
 * ({@link io.azevents.core.safety.NodeRecord}, {@link io.azevents.core.safety.AgentAttributes}), and
 * the questions no strategy may answer on its own: who can take a node's resources over, is a node
 * empty, and would a drain leave anything without a place ({@link io.azevents.core.safety.ClusterSafety}).
 * Strategies keep only their policy.
 */
package io.azevents.core.safety;
