/**
 * Extension points: {@link io.azevents.core.spi.NodeDrainStrategy} (what draining and restoring a
 * node means, and the policy of a cycle) and its {@link io.azevents.core.spi.NodeDrainStrategyProvider},
 * found through {@link java.util.ServiceLoader} and chosen by name.
 *
 * <p>Stable for implementers within a major version; methods may be added with defaults.
 */
package io.azevents.core.spi;
