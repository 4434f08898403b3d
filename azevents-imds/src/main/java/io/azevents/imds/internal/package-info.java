/**
 * The IMDS adapter's machinery: the HTTP transport (no proxy, no redirects, a size cap, a hard
 * per-request timeout), the retry loop with its deadline, the streaming JSON parsers that map the
 * wire format straight to the core records, the VM-name cache and the repeated-failure log.
 *
 * <p>Internal: public only so that {@code io.azevents.imds} can use it. Nothing here is a stable
 * API; it may change in any release.
 */
package io.azevents.imds.internal;
