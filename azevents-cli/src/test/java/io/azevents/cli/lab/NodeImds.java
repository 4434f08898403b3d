package io.azevents.cli.lab;

import io.azevents.simulation.Visibility;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import io.azevents.simulation.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One lab node's IMDS: an {@link ImdsSimulator} in the test JVM (so the test reads its requests,
 * with arrival times, and shares an {@link ImdsRegion} between nodes when it wants an Availability
 * Set), reachable inside the node's network namespace at {@code 169.254.169.254:80} through a
 * {@link UnixRelay} process started there with {@code ip netns exec}. The agent under test thus
 * uses its default IMDS address.
 */
final class NodeImds implements AutoCloseable {
    static final String IMDS_ADDRESS = "169.254.169.254";
    private final ImdsSimulator simulator;
    private final ServerSocketChannel unix;
    private final Path socket;
    private final Process relay;

    private NodeImds(ImdsSimulator simulator, ServerSocketChannel unix, Path socket, Process relay) {
        this.simulator = simulator;
        this.unix = unix;
        this.socket = socket;
        this.relay = relay;
    }

    /**
     * Starts the simulator for {@code vm} over {@code region} and exposes it in {@code netns}, whose
     * {@code lo} must already carry {@link #IMDS_ADDRESS}.
     */
    static NodeImds start(ImdsRegion region, String vm, Visibility visibility, String netns,
                          Path socketDir) throws IOException {
        ImdsSimulator sim = ImdsSimulator.start(region, vm, visibility,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Path socket = socketDir.resolve(netns + ".sock");
        Files.deleteIfExists(socket);
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(socket));
        InetSocketAddress target = sim.address();
        UnixRelay.daemon("imds-accept-" + vm, () -> {
            while (true) {
                SocketChannel c;
                try {
                    c = unix.accept();
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    continue;
                }
                UnixRelay.daemon("imds-conn-" + vm, () -> {
                    try (c; SocketChannel s = SocketChannel.open(target)) {
                        UnixRelay.pumpBothWays(c, s);
                    } catch (IOException e) {
                        // the connection is over either way
                    }
                });
            }
        });
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process relay = new ProcessBuilder("ip", "netns", "exec", netns, java, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx32m", "-cp", testClasses(), UnixRelay.class.getName(), IMDS_ADDRESS, "80",
                socket.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        NodeImds imds = new NodeImds(sim, unix, socket, relay);
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (!"ready".equals(line)) {
                throw new IOException("the relay in " + netns + " did not start (exit "
                        + (relay.isAlive() ? "-" : relay.exitValue()) + ")");
            }
        } catch (IOException | RuntimeException e) {
            imds.close();
            throw e;
        }
        return imds;
    }

    ImdsSimulator simulator() {
        return simulator;
    }

    /** The approval POSTs received so far. */
    List<RecordedRequest> approvals() {
        return simulator.requests("/metadata/scheduledevents").stream()
                .filter(r -> r.method().equals("POST")).toList();
    }

    long relayPid() {
        return relay.pid();
    }

    /** Stops the relay process (by its PID), the Unix socket and the simulator. */
    @Override
    public void close() {
        relay.destroy();
        try {
            if (!relay.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                relay.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.destroyForcibly();
        }
        try {
            unix.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // best effort
        }
        simulator.close();
    }

    private static volatile Path relayClasses;

    /**
     * Copies {@link UnixRelay}'s class file (it uses JDK classes only) into {@code dir}, the class path
     * of every relay started afterwards, so that relays do not depend on {@code target/test-classes}
     * staying put while the test runs (another build in the same tree may recompile it).
     */
    static void prepareRelay(Path dir) throws IOException {
        String name = UnixRelay.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        try (var in = UnixRelay.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("cannot read " + name);
            }
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        relayClasses = dir;
    }

    private static String testClasses() {
        if (relayClasses != null) {
            return relayClasses.toString();
        }
        try {
            return Path.of(UnixRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
