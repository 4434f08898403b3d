package io.azevents.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.EventType;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import io.azevents.simulation.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security rows of the fault matrix, on the packaged agent ({@code java -jar azevents.jar ocf
 * azure-events-az ...}) with a CIB file and an {@link ImdsSimulator} on loopback.
 */
class SecurityIT {
    private static final String AGENT = "azure-events-az";

    /** A "proxy" on loopback that counts connections and answers 502. */
    static final class FakeProxy implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();

        FakeProxy() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::serve, "fake-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static ImdsSimulator simulator() throws IOException {
        return ImdsSimulator.start(new ImdsRegion(), "node1-vm", Visibility.ZONES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @Test
    @DisplayName("proxy environment variables and -Dhttp.proxyHost (JAVA_TOOL_OPTIONS) are ignored: the proxy sees nothing, IMDS is reached directly")
    void proxiesAreIgnored(@TempDir Path dir) throws Exception {
        Path cib = FaultKit.threeNodeCib(dir);
        Path rsctmp = Files.createDirectories(dir.resolve("rsctmp"));
        try (ImdsSimulator sim = simulator(); FakeProxy proxy = new FakeProxy()) {
            String proxyUrl = "http://127.0.0.1:" + proxy.port();
            String jvmProxy = "-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=" + proxy.port()
                    + " -Dhttp.nonProxyHosts= -Djava.net.useSystemProxies=true";
            Map<String, String> proxied = new HashMap<>(Map.of("http_proxy", proxyUrl, "HTTP_PROXY", proxyUrl,
                    "https_proxy", proxyUrl, "HTTPS_PROXY", proxyUrl, "all_proxy", proxyUrl, "no_proxy", "",
                    "JAVA_TOOL_OPTIONS", jvmProxy));

            // Control: a plain JDK client started with the same JVM options does go through the proxy.
            Path control = dir.resolve("Control.java");
            Files.writeString(control, "public class Control { public static void main(String[] a) throws Exception {"
                    + " var c = (java.net.HttpURLConnection) new java.net.URL(a[0]).openConnection();"
                    + " c.setRequestProperty(\"Metadata\", \"true\"); System.out.println(c.getResponseCode()); } }");
            FaultKit.Result ctl = FaultKit.exec(List.of(FaultKit.javaBin(), control.toString(),
                    sim.baseUrl() + "/metadata/instance?api-version=2021-12-13"), proxied, Duration.ofSeconds(60), true);
            assertThat(ctl.out().strip()).as("control\n" + ctl).isEqualTo("502");
            assertThat(proxy.connections.get()).as("the control went through the proxy").isEqualTo(1);

            Map<String, String> env = FaultKit.ocfEnv(cib, rsctmp, "node1", sim.baseUrl().toString());
            env.putAll(proxied);
            sim.schedule(EventType.REBOOT);
            FaultKit.Result start = FaultKit.ocf(env, AGENT, "start");
            assertThat(start.exitCode()).as(start.toString()).isZero();
            FaultKit.Result monitor = FaultKit.ocf(env, AGENT, "monitor");
            assertThat(monitor.exitCode()).as(monitor.toString()).isZero();
            assertThat(monitor.err()).as("the options were really given to the agent's JVM").contains("Picked up JAVA_TOOL_OPTIONS");
            assertThat(monitor.err()).as(monitor.toString()).doesNotContain("tolerated");
            assertThat(proxy.connections.get()).as("the agent never connected to the proxy").isEqualTo(1);
            assertThat(sim.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.header("X-Forwarded-For")).isEmpty();
                assertThat(r.header("Via")).isEmpty();
            });
            assertThat(sim.requests()).extracting(RecordedRequest::path).contains("/metadata/scheduledevents");
        }
    }

    @Test
    @DisplayName("no shell is ever executed: strace -f shows only java and Pacemaker's tools across start, a draining monitor, validate-all and stop")
    void noShell(@TempDir Path dir) throws Exception {
        FaultKit.requireTools("strace");
        Path cib = FaultKit.threeNodeCib(dir);
        Path rsctmp = Files.createDirectories(dir.resolve("rsctmp"));
        try (ImdsSimulator sim = simulator()) {
            Map<String, String> env = FaultKit.ocfEnv(cib, rsctmp, "node1", sim.baseUrl().toString());
            sim.schedule(EventType.REBOOT);
            List<String> programs = new ArrayList<>();
            int run = 0;
            for (String action : List.of("start", "monitor", "monitor", "validate-all", "stop")) {
                Path trace = dir.resolve("trace-" + run++);
                List<String> launcher = List.of(FaultKit.which("strace"), "-f", "-qq", "-e", "trace=execve", "-e",
                        "signal=none", "-o", trace.toString());
                FaultKit.Result r = FaultKit.exec(FaultKit.ocfArgv(launcher, AGENT, action), env,
                        Duration.ofSeconds(120), true);
                assertThat(r.exitCode()).as(action + "\n" + r).isZero();
                if (action.equals("monitor")) {
                    FaultKit.simulate(cib);
                }
                Matcher m = Pattern.compile("execve\\(\"([^\"]+)\"").matcher(Files.readString(trace));
                while (m.find()) {
                    programs.add(m.group(1));
                }
            }
            System.out.println("[SecurityIT] programs executed: " + programs.stream().distinct().toList());
            assertThat(programs).as("the agent runs Pacemaker's tools (the trace is not empty)")
                    .anyMatch(p -> p.endsWith("/cibadmin"));
            assertThat(FaultKit.node(cib, "node1").permanentAttribute(FaultKit.HEALTH))
                    .as("the traced monitors did drain node1").contains("-1000000");
            assertThat(programs).as("no shell").noneMatch(p -> p.matches(".*/(sh|bash|dash|ash|zsh|ksh|busybox)$"));
            // Every execve attempt counts, failed ones too (the JDK tries each PATH entry in turn).
            assertThat(programs).as("only java (and its spawn helper) and Pacemaker's CLIs")
                    .allMatch(p -> p.matches(".*/(java|jspawnhelper|cibadmin|crm_attribute|crm_node|crm_mon|crm_resource|crm_simulate)$"));
        }
    }

    @Test
    @DisplayName("files the agent keeps under HA_RSCTMP (state, VM-name cache, failure memory) are 0600, even under umask 000")
    void ownerOnlyFiles(@TempDir Path dir) throws Exception {
        Path cib = FaultKit.threeNodeCib(dir);
        Path rsctmp = Files.createDirectories(dir.resolve("rsctmp"));
        Files.setPosixFilePermissions(rsctmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ImdsSimulator sim = simulator(); ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = FaultKit.ocfEnv(cib, rsctmp, "node1", sim.baseUrl().toString());
            List<String> umask0 = List.of("/bin/sh", "-c", "umask 000 && exec \"$@\"", "umask0");
            for (String action : List.of("start", "monitor")) {
                FaultKit.Result r = FaultKit.exec(FaultKit.ocfArgv(umask0, AGENT, action), env, Duration.ofSeconds(120), true);
                assertThat(r.exitCode()).as(action + "\n" + r).isZero();
            }
            // A failing cycle makes the agent remember the failure (failure state, failingSince).
            Map<String, String> failing = new HashMap<>(env);
            failing.put("OCF_RESKEY_imds_url", "http://127.0.0.1:" + closed.getLocalPort());
            failing.put("OCF_RESKEY_retry_count", "0");
            FaultKit.Result r = FaultKit.exec(FaultKit.ocfArgv(umask0, AGENT, "monitor"), failing, Duration.ofSeconds(120), true);
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(rsctmp)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        System.out.println("[SecurityIT] files under HA_RSCTMP: " + files.stream().map(p -> p.getFileName().toString()).toList());
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("azevents-health-azure-events.state", "azevents-vmname", "azevents-imds-failure");
        for (Path f : files) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
            assertThat(PosixFilePermissions.toString(perms)).as(f.toString()).isEqualTo("rw-------");
        }
    }

    static Stream<Arguments> hostileParameters() {
        return Stream.of(
                Arguments.of("eventTypes", "Reboot;rm -rf /"),
                Arguments.of("eventTypes", "Reboot,$(touch CANARY)"),
                Arguments.of("eventTypes", "Reboot`touch CANARY`"),
                Arguments.of("imds_url", "http://evil.example"),
                Arguments.of("imds_url", "http://169.254.169.254@evil.example"),
                Arguments.of("imds_url", "https://169.254.169.254"),
                Arguments.of("imds_url", "file:///etc/passwd"),
                Arguments.of("imds_url", "http://127.0.0.1:1/x?y=$(touch CANARY)"),
                Arguments.of("strategy", "$(id)"),
                Arguments.of("strategy", "../../../tmp/evil"),
                Arguments.of("retry_count", "-1"),
                Arguments.of("retry_count", "3; reboot"),
                Arguments.of("request_timeout", "1e9"),
                Arguments.of("retry_wait", "-5"),
                Arguments.of("imds_outage_tolerance", "-1"),
                Arguments.of("verbose", "yes; touch CANARY"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("hostileParameters")
    @DisplayName("validate-all rejects a hostile parameter with exit 6 and an ocf-exit-reason naming it; nothing is run")
    void hostileParameterRejected(String key, String raw, @TempDir Path dir) throws Exception {
        Path canary = dir.resolve("canary");
        String value = raw.replace("CANARY", canary.toString());
        Path rsctmp = Files.createDirectories(dir.resolve("rsctmp"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("HA_RSCTMP", rsctmp.toString());
        env.put("OCF_RESOURCE_INSTANCE", "health-azure-events");
        env.put("OCF_RESKEY_CRM_meta_on_node", "node1");
        env.put("CIB_file", dir.resolve("no-such-cib.xml").toString());
        env.put("OCF_RESKEY_" + key, value);
        FaultKit.Result r = FaultKit.exec(FaultKit.ocfArgv(List.of(), AGENT, "validate-all"), env, Duration.ofSeconds(60), true);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).as(r.toString()).containsPattern("(?m)^ocf-exit-reason:.*\\b" + Pattern.quote(key) + "\\b.+");
        assertThat(canary).as("nothing in the value was executed").doesNotExist();
        assertThat(r.out()).as("nothing on stdout").isEmpty();
    }
}
