/**
 * Implementation of the monitor engine: {@code PlanExecutor} applies a decision's actions in order,
 * stopping at the first failure.
 *
 * <p><b>Not API.</b> {@code PlanExecutor} is public only because {@link io.azevents.core.AzEventsAgent}
 * (another package) runs it and the strategies' and the command line's tests drive it directly. This
 * package is left out of the javadoc and of the compatibility promise (docs/api-compatibility.md):
 * any release may change or remove it. Embedders run cycles through
 * {@link io.azevents.core.AzEventsAgent}.
 */
package io.azevents.core.internal;
