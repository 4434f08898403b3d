/**
 * Implementation of the {@code legacy-pullstate} strategy: the node state machine
 * ({@code NodeStateMachine}, every transition in one method), the pull lock ({@code PullLock}) and
 * the reading of the cluster and the events.
 *
 * <p><b>Not API.</b> {@code LegacyPullStateStrategy} is public only so that
 * {@link io.azevents.legacy.LegacyPullStateStrategyProvider} can create it; everything else is
 * package-private. This package is left out of the javadoc and of the compatibility promise
 * (docs/api-compatibility.md): any release may change or remove it.
 */
package io.azevents.legacy.internal;
