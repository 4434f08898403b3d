package io.azevents.cli.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Runs inside a lab node's network namespace (started with {@code ip netns exec}): listens on a TCP
 * address there (169.254.169.254:80) and forwards every connection, byte for byte, to a Unix socket
 * served by the test JVM, where that node's {@link io.azevents.simulation.ImdsSimulator} runs. Unix
 * sockets are reached through the shared file system, so no address or route is needed between the
 * namespaces. Prints {@code ready} once listening; exits when its standard input closes (the test
 * ends or dies), so it cannot outlive the test. JDK classes only.
 *
 * <p>Usage: {@code UnixRelay ADDRESS PORT SOCKET}
 */
public final class UnixRelay {
    private UnixRelay() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        UnixDomainSocketAddress target = UnixDomainSocketAddress.of(Path.of(args[2]));
        ServerSocketChannel server = ServerSocketChannel.open().bind(listen, 50);
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until the parent closes the pipe
                }
            } catch (IOException e) {
                // the parent is gone
            }
            System.exit(0);
        }, "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.out.println("ready");
        System.out.flush();
        while (true) {
            SocketChannel client = server.accept();
            daemon("relay", () -> {
                try (client; SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    upstream.connect(target);
                    pumpBothWays(client, upstream);
                } catch (IOException e) {
                    // the connection is over either way
                }
            });
        }
    }

    /** Copies a→b on a helper thread and b→a on this one; returns when both directions are done. */
    static void pumpBothWays(SocketChannel a, SocketChannel b) {
        Thread up = daemon("relay-up", () -> copy(a, b));
        copy(b, a);
        try {
            up.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
        } catch (IOException e) {
            // peer closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
