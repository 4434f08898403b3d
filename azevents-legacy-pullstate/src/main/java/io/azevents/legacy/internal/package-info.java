/**
 * Implementation of the {@code legacy-pullstate} strategy: the node state machine
 * ({@code NodeStateMachine}, every transition in one method), the pull lock ({@code PullLock}) and
 * the reading of the cluster and the events. Internal: no compatibility promise.
 */
package io.azevents.legacy.internal;
