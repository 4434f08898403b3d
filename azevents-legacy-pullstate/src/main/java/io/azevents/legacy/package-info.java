/**
 * The {@code legacy-pullstate} strategy: what ClusterLabs' {@code azure-events} agent does for a
 * cluster in one Availability Set, with its CIB attributes, minus its known weaknesses. Found
 * through {@link io.azevents.legacy.LegacyPullStateStrategyProvider}; nothing else here is API.
 *
 * <p>In short: a node with an event puts itself in {@code standby} (which also stops the agent's
 * clone there), its peers approve the event once the node is empty and bring it back once the event
 * is over. Changes to the cluster are serialised by a lease ({@code azure-events_globalPullState}
 * shows it) that is only taken when something changes.
 *
 * <p>Stable: the provider's name, parameters and the attributes it writes.
 */
package io.azevents.legacy;
