/**
 * The azevents API: the Scheduled Events model, the cluster view, the two ports
 * ({@link io.azevents.core.ScheduledEventsService}, {@link io.azevents.core.ClusterAttributeStore}),
 * the decision a monitor cycle makes, and {@link io.azevents.core.AzEventsAgent}, the entry point
 * that embedding programs use.
 *
 * <p>Stable: types here change only in a compatible way within a major version. Nothing in this
 * package performs I/O or logs; adapters do the I/O and the embedding program picks the logging.
 */
package io.azevents.core;
