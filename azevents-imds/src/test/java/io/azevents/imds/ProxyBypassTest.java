package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.EventType;
import io.azevents.simulation.ImdsSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IMDS must be reached directly whatever the JVM's proxy settings say (upstream weakness 7). */
class ProxyBypassTest {
    static final String[] PROPS = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};

    ImdsSimulator sim;
    ServerSocket proxy;
    AtomicInteger proxyConnections = new AtomicInteger();
    String[] saved = new String[PROPS.length];
    ProxySelector savedSelector;

    @BeforeEach
    void start() throws Exception {
        sim = ImdsSimulator.start("vm-proxy-1");
        sim.schedule(EventType.REBOOT);
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serveProxy, "fake-proxy");
        t.setDaemon(true);
        t.start();
        for (int i = 0; i < PROPS.length; i++) {
            saved[i] = System.getProperty(PROPS[i]);
        }
        savedSelector = ProxySelector.getDefault();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = 0; i < PROPS.length; i++) {
            if (saved[i] == null) {
                System.clearProperty(PROPS[i]);
            } else {
                System.setProperty(PROPS[i], saved[i]);
            }
        }
        ProxySelector.setDefault(savedSelector);
        proxy.close();
        sim.close();
    }

    /** A "proxy" that counts connections and answers each with 502. */
    private void serveProxy() {
        while (!proxy.isClosed()) {
            try (Socket s = proxy.accept()) {
                proxyConnections.incrementAndGet();
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    private int viaJdkDefaults() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(sim.baseUrl() + "/metadata/instance?api-version=2021-12-13")
                .openConnection();
        c.setRequestProperty("Metadata", "true");
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    @Test
    @DisplayName("http.proxyHost and http.proxyPort are ignored")
    void systemProperties() throws Exception {
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.getLocalPort()));
        // The JDK skips the proxy for loopback unless http.nonProxyHosts is set and empty.
        System.setProperty("http.nonProxyHosts", "");
        // Control: a client that does not bypass the proxy does go through it.
        assertThat(viaJdkDefaults()).isEqualTo(502);
        assertThat(proxyConnections.get()).isEqualTo(1);

        ImdsScheduledEventsService src = ImdsSimulatorTest.sourceFor(sim);

        assertThat(src.fetch().events()).hasSize(1);
        assertThat(src.vmName()).isEqualTo("vm-proxy-1");
        assertThat(proxyConnections.get()).isEqualTo(1);
        assertThat(sim.requests()).hasSize(2);
    }

    @Test
    @DisplayName("a default ProxySelector is never even consulted")
    void proxySelector() throws Exception {
        List<URI> asked = new CopyOnWriteArrayList<>();
        InetSocketAddress proxyAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.getLocalPort());
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                asked.add(uri);
                return List.of(new Proxy(Proxy.Type.HTTP, proxyAddress));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        assertThat(viaJdkDefaults()).isEqualTo(502);
        asked.clear();
        int before = proxyConnections.get();

        ImdsScheduledEventsService src = ImdsSimulatorTest.sourceFor(sim);
        src.fetch();
        src.approve(java.util.Set.of(sim.region().events().get(0).id()));

        assertThat(asked).isEmpty();
        assertThat(proxyConnections.get()).isEqualTo(before);
        assertThat(sim.region().events().get(0).isStarted()).isTrue();
    }
}
