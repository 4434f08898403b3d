/**
 * The Azure Instance Metadata Service adapter and its simulator.
 *
 * <ul>
 *   <li>{@link io.azevents.imds.ImdsScheduledEventsService}: the production
 *       {@link io.azevents.core.ScheduledEventsService}, configured by {@link io.azevents.imds.ImdsConfig};
 *       it fails with {@link io.azevents.imds.ImdsHttpException} or
 *       {@link io.azevents.imds.ImdsDocumentException}.</li>
 *   <li>{@link io.azevents.imds.ImdsSimulator}: an IMDS on a local address (JDK
 *       {@code com.sun.net.httpserver}) with the real shapes and rules, fault injection and a record
 *       of every request; several simulators (one per VM) can share one
 *       {@link io.azevents.imds.ImdsRegion}.</li>
 * </ul>
 *
 * <h2>Running the simulator alone</h2>
 * <pre>
 * java -cp azevents-core.jar:azevents-imds.jar:jackson-core.jar:jackson-databind.jar:jackson-annotations.jar \
 *     io.azevents.imds.ImdsSimulator --bind 127.0.0.1 --port 8080 --vm node1 --event Reboot
 * </pre>
 * prints the address it listens on and then reads commands from standard input
 * ({@code help} lists them: schedule, start, complete, list, fault, quit). Point a test agent at it with
 * the base URL it printed.
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
