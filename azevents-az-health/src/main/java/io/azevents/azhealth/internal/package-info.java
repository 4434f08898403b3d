/**
 * The az-health state machine and what it reads from a cycle.
 *
 * <p><b>Not API.</b> {@code AzHealthStrategy} is public only so that
 * {@link io.azevents.azhealth.AzHealthStrategyProvider} can create it; everything else is
 * package-private. This package is left out of the javadoc and of the compatibility promise
 * (docs/api-compatibility.md): any release may change or remove it.
 *
 * <p>States (node attribute {@code azure-events-az_curNodeState}) and who owns what:
 * <ul>
 *   <li>{@code AVAILABLE}: nothing drained by the agent. A negative {@code #health-azure} here is an
 *       administrator's (or another tool's) and is never touched.</li>
 *   <li>{@code STOPPING}: the agent drained the node ({@code #health-azure=-1000000}) and waits for it
 *       to be empty; it owns {@code #health-azure} until the node is AVAILABLE again.</li>
 *   <li>{@code IN_EVENT}: the node is empty and its event was approved (or had already started).</li>
 *   <li>{@code ON_HOLD}: an event is due but no other node could take the resources; nothing was
 *       drained; re-examined every cycle.</li>
 * </ul>
 * Every state change is made by {@code Cycle.transitionTo}, one write per change.
 */
package io.azevents.azhealth.internal;
