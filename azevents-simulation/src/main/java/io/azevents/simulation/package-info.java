/**
 * A simulated Azure region and Pacemaker cluster, without any test framework:
 * {@link io.azevents.simulation.FakeAzure} (Scheduled Events for several VMs, with the service's
 * rules), {@link io.azevents.simulation.InMemoryCluster} (a cluster store whose small model of
 * Pacemaker's scheduler also reads CIBs and forecasts drains), a settable
 * {@link io.azevents.simulation.MutableClock}, a multi-node
 * {@link io.azevents.simulation.ClusterSimulation}, and {@link io.azevents.simulation.CibShapes}, the
 * seeded CIB generator of the generated-shapes suite that compares the model with Pacemaker's own
 * tools.
 *
 * <p>{@link io.azevents.simulation.ImdsSimulator} serves a region over real HTTP: an Azure Instance
 * Metadata Service on a local address (JDK {@code com.sun.net.httpserver}) with the real shapes and
 * rules, fault injection ({@link io.azevents.simulation.Fault}) and a record of every request
 * ({@link io.azevents.simulation.RecordedRequest}); several simulators (one per VM) can share one
 * {@link io.azevents.simulation.ImdsRegion}. Its JSON is written and read with the JDK alone.
 *
 * <p>{@code ImdsRegion} is the one model of a region's Scheduled Events (events, incarnation,
 * approvals and the rules); {@code FakeAzure} is an in-process view over one, so a region can be
 * read and changed both ways at once: over HTTP through its simulators and in process through
 * {@code FakeAzure}'s sources ({@code new FakeAzure(simulator.region(), visibility)}, or
 * {@code ImdsSimulator.start(fakeAzure.region(), ...)}).
 *
 * <h2>Running the IMDS simulator alone</h2>
 * <pre>
 * azevents simulator --bind 127.0.0.1 --port 8080 --vm node1 --event Reboot
 * java -cp azevents-core.jar:azevents-simulation.jar \
 *     io.azevents.simulation.ImdsSimulator --bind 127.0.0.1 --port 8080 --vm node1 --event Reboot
 * </pre>
 * Either prints the address it listens on and then reads commands from standard input
 * ({@code help} lists them: schedule, start, complete, list, fault, quit). Point a test agent at it with
 * the base URL it printed.
 *
 * <p>The test kit ({@code azevents-testkit}) builds its contract tests on these classes, and the
 * operator command's {@code demo} and {@code simulator} run on them, so they ship in the agent's jar: this package depends on
 * {@code io.azevents.core} and the JDK only, never on JUnit or AssertJ.
 *
 * <p>Published for embedders who test their own adapter or strategy; evolves with the ports.
 */
package io.azevents.simulation;
