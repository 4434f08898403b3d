/**
 * The Azure Instance Metadata Service adapter.
 *
 * <ul>
 *   <li>{@link io.azevents.imds.ImdsScheduledEventsService}: the production
 *       {@link io.azevents.core.ScheduledEventsService}, configured by {@link io.azevents.imds.ImdsConfig};
 *       it fails with {@link io.azevents.imds.ImdsHttpException} or
 *       {@link io.azevents.imds.ImdsDocumentException}.</li>
 * </ul>
 *
 * <p>The IMDS simulator its tests run against, {@code ImdsSimulator}, lives in
 * {@code azevents-simulation}: this module ships no test server.
 *
 * <p>The adapter's machinery lives here too, package-private: the HTTP transport (no proxy, no
 * redirects, a size cap, a hard per-request timeout), the retry loop with its deadline, the
 * streaming JSON parsers that map the wire format straight to the core records, the VM-name cache
 * and the repeated-failure log. Only the public types above are published.
 *
 * <p>The public types here are documented and kept compatible where possible; until 1.0 the build
 * checks only {@code azevents-core}'s API (see docs/api-compatibility.md).
 */
package io.azevents.imds;
