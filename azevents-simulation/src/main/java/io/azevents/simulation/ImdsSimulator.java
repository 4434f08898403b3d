package io.azevents.simulation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A simulated Azure Instance Metadata Service for one VM, over real HTTP (JDK
 * {@code com.sun.net.httpserver}). It serves {@code /metadata/scheduledevents} (GET, and POST for
 * approvals) and {@code /metadata/instance} with the real shapes and rules: 400 without
 * {@code Metadata: true} or with {@code X-Forwarded-For} (a proxy), 400 for a missing or unknown
 * {@code api-version}, 400 for a malformed approval, 404 for any other path. Its events live in an
 * {@link ImdsRegion}, which several simulators (one per VM, each on its own address) can share;
 * {@link Visibility} says which of the region's events this VM sees.
 *
 * <p>Tests inject faults ({@link #failNext(int, Fault)}) and read every request received
 * ({@link #requests()}). Binds to 127.0.0.1 on an ephemeral port unless told otherwise; it can bind
 * {@code 169.254.169.254:80} where that address exists (for example in a network namespace).
 * {@link #main} runs it from the command line (see the package documentation). Thread-safe.
 */
public final class ImdsSimulator implements AutoCloseable {
    /** The api-versions accepted on the scheduled-events endpoint. */
    public static final Set<String> SCHEDULED_EVENTS_VERSIONS =
            Set.of("2017-03-01", "2017-08-01", "2017-11-01", "2019-01-01", "2019-08-01", "2020-07-01");
    /** The api-versions accepted on the instance endpoint. */
    public static final Set<String> INSTANCE_VERSIONS = Set.of("2017-03-01", "2017-04-02", "2017-08-01",
            "2017-12-01", "2018-02-01", "2018-04-02", "2018-10-01", "2019-02-01", "2019-03-11", "2019-04-30",
            "2019-06-01", "2019-06-04", "2019-08-01", "2019-08-15", "2019-11-01", "2020-06-01", "2020-07-15",
            "2020-09-01", "2020-10-01", "2020-12-01", "2021-01-01", "2021-02-01", "2021-03-01", "2021-05-01",
            "2021-08-01", "2021-10-01", "2021-11-01", "2021-11-15", "2021-12-13", "2023-07-01");
    private static final int MAX_REQUEST_BODY = 64 * 1024;

    static {
        // Answers go out at once, as IMDS's do: without TCP_NODELAY the JDK's server writes the headers
        // and the body in two segments and a keep-alive client's delayed ACK holds the second for 40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ImdsRegion region;
    private final Visibility visibility;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile String vmName;

    private ImdsSimulator(ImdsRegion region, String vmName, Visibility visibility, InetSocketAddress bind)
            throws IOException {
        this.region = Objects.requireNonNull(region, "region");
        this.vmName = requireVmName(vmName);
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.server = HttpServer.create(Objects.requireNonNull(bind, "bind"), 50);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "imds-simulator-" + vmName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a simulator for {@code vmName} with a region of its own (on the system clock), seeing
     * {@link Visibility#AVAILABILITY_SET}, on the loopback address and an ephemeral port.
     *
     * @param vmName the name the VM reports as {@code compute.name}: a valid node name (letters,
     *               digits, '.', '_', '-')
     * @return the simulator, already listening; close it when done
     * @throws IOException              if the server cannot bind
     * @throws NullPointerException     if {@code vmName} is null
     * @throws IllegalArgumentException if {@code vmName} is not a valid VM name
     */
    public static ImdsSimulator start(String vmName) throws IOException {
        return start(new ImdsRegion(), vmName, Visibility.AVAILABILITY_SET,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * Starts a simulator for {@code vmName} over {@code region}, listening on {@code bind}.
     *
     * @param region     the region whose events it serves, possibly shared with other simulators;
     *                   not null
     * @param vmName     the name the VM reports as {@code compute.name}: a valid node name (letters,
     *                   digits, '.', '_', '-')
     * @param visibility which of the region's events this VM sees; not null
     * @param bind       the address and port to listen on; port 0 for any free port (read it back
     *                   with {@link #address()}); not null
     * @return the simulator, already listening; close it when done
     * @throws IOException              if the server cannot bind {@code bind} (in use, or an address
     *                                  this host does not have)
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code vmName} is not a valid VM name
     */
    public static ImdsSimulator start(ImdsRegion region, String vmName, Visibility visibility,
                                      InetSocketAddress bind) throws IOException {
        return new ImdsSimulator(region, vmName, visibility, bind);
    }

    /**
     * Runs a simulator from the command line: it serves and reads commands from standard input
     * until {@code quit} (on end of input it serves until killed), then exits the JVM with status 0,
     * or 2 for a bad option. {@code --help} lists the options and commands.
     *
     * @param args the command line options; none for the defaults (127.0.0.1, any free port, VM
     *             {@code vm-sim-1})
     * @throws Exception if the simulator cannot start (for example, an unknown host or an address
     *                   that cannot be bound) or reading standard input fails
     */
    public static void main(String[] args) throws Exception {
        System.exit(SimulatorMain.run(args, System.in, System.out, System.err));
    }

    /**
     * The address it listens on.
     *
     * @return the bound address and the actual port (never 0, even when started on port 0)
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The base URL an IMDS client is pointed at (the agent's {@code imds_url}).
     *
     * @return {@code http://host:port}, without a path or a trailing slash; an IPv6 host in brackets
     */
    public URI baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /**
     * The region whose events it serves.
     *
     * @return the region given at start, or its own
     */
    public ImdsRegion region() {
        return region;
    }

    /**
     * Which of the region's events this VM sees.
     *
     * @return the visibility given at start
     */
    public Visibility visibility() {
        return visibility;
    }

    /**
     * The name this VM reports as {@code compute.name} and whose events it sees.
     *
     * @return the current name (see {@link #setVmName(String)})
     */
    public String vmName() {
        return vmName;
    }

    /**
     * Changes the name this VM reports as {@code compute.name}, and so which events concern it and
     * under which name its approvals are recorded, from the next request on.
     *
     * @param name the new name: a valid node name (letters, digits, '.', '_', '-')
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is not a valid VM name
     */
    public void setVmName(String name) {
        vmName = requireVmName(name);
    }

    /**
     * Schedules an event of {@code type} for this VM in its region; see
     * {@link ImdsRegion#schedule(EventType, String...)}.
     *
     * @param type the event type; not null
     * @return the event as published, with an id as the region names them (random unless the region
     *     was made {@link ImdsRegion.EventIds#SEQUENTIAL})
     * @throws NullPointerException if {@code type} is null
     */
    public ScheduledEvent schedule(EventType type) {
        return region.schedule(type, vmName);
    }

    /**
     * Adds an event to the region, or replaces the event with its id; see
     * {@link ImdsRegion#add(ScheduledEvent)}.
     *
     * @param event the event, which may name any VMs; not null
     * @return {@code event}
     * @throws NullPointerException if {@code event} is null
     */
    public ScheduledEvent add(ScheduledEvent event) {
        return region.add(event);
    }

    /**
     * Starts an event of the region, as Azure does when it is due; no change if already Started.
     *
     * @param eventId the event's id
     * @throws IllegalArgumentException if the region has no event with that id
     */
    public void startEvent(String eventId) {
        region.start(eventId);
    }

    /**
     * The event is over: it disappears from the region.
     *
     * @param eventId the event's id; an unknown id is ignored
     */
    public void completeEvent(String eventId) {
        region.complete(eventId);
    }

    /**
     * The event is cancelled: it disappears from the region.
     *
     * @param eventId the event's id; an unknown id is ignored
     */
    public void cancelEvent(String eventId) {
        region.cancel(eventId);
    }

    /**
     * The next {@code times} requests, on any path, get {@code fault} (after faults already queued).
     * Each request takes one queued fault, in order, whatever its path or method.
     *
     * @param times how many requests get it; 0 or less queues nothing
     * @param fault the fault; not null
     * @throws NullPointerException if {@code fault} is null
     */
    public synchronized void failNext(int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }

    /**
     * The next request gets {@code fault} (after faults already queued).
     *
     * @param fault the fault; not null
     * @throws NullPointerException if {@code fault} is null
     */
    public void failNext(Fault fault) {
        failNext(1, fault);
    }

    /** Forgets faults not yet served. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /**
     * Every request received since start or the last {@link #clearRequests()}, faulted ones included.
     *
     * @return a copy, in order of arrival; empty if none
     */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The requests received on {@code path}, faulted ones included.
     *
     * @param path the path, without the query, compared exactly (for example
     *             {@code /metadata/scheduledevents}); not null
     * @return a copy, in order of arrival; empty if none
     */
    public synchronized List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Forgets the requests received so far: {@link #requests()} starts again from empty. */
    public synchronized void clearRequests() {
        requests.clear();
    }

    /** Stops listening at once; requests in progress (a delay fault) are abandoned. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private synchronized Optional<Fault> record(RecordedRequest r) {
        requests.add(r);
        return Optional.ofNullable(faults.pollFirst());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = readBody(ex.getRequestBody());
            URI uri = ex.getRequestURI();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            Optional<Fault> fault = record(new RecordedRequest(ex.getRequestMethod(), uri.getPath(), query,
                    headers, new String(body, StandardCharsets.UTF_8), Instant.now()));
            if (fault.isPresent() && !inject(ex, fault.get())) {
                return;
            }
            answer(ex, uri.getPath(), query, body, fault.filter(f -> f.kind == Fault.Kind.TRICKLE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (a timeout or an oversize answer it refused): nothing to answer.
        }
    }

    /** Applies {@code f}; true if the normal answer should follow. */
    private boolean inject(HttpExchange ex, Fault f) throws IOException, InterruptedException {
        switch (f.kind) {
            case DELAY -> {
                Thread.sleep(f.delay.toMillis());
                return true;
            }
            case TRICKLE -> {
                return true;
            }
            case DROP -> {
                // Closing before sending headers makes the JDK server close the connection unanswered.
                return false;
            }
            case OVERSIZE -> {
                ex.getResponseHeaders().set("Content-Type", f.contentType);
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    byte[] head = "{\"DocumentIncarnation\":1,\"Events\":[],\"Padding\":\"".getBytes(StandardCharsets.US_ASCII);
                    out.write(head);
                    byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                    for (long sent = head.length; sent < f.size - 2; sent += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, f.size - 2 - sent));
                    }
                    out.write("\"}".getBytes(StandardCharsets.US_ASCII));
                }
                return false;
            }
            default -> {
                f.retryAfter.ifPresent(v -> ex.getResponseHeaders().set("Retry-After", v));
                f.location.ifPresent(v -> ex.getResponseHeaders().set("Location", v));
                send(ex, f.status, f.contentType, f.body);
                return false;
            }
        }
    }

    private void answer(HttpExchange ex, String path, String query, byte[] body, Optional<Fault> trickle)
            throws IOException, InterruptedException {
        if (ex.getRequestHeaders().containsKey("X-Forwarded-For")) {
            sendError(ex, 400, "Bad request. The request came through a proxy (X-Forwarded-For).");
            return;
        }
        if (!"true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Metadata"))) {
            sendError(ex, 400, "Bad request. Required metadata header not specified");
            return;
        }
        boolean events = path.equals("/metadata/scheduledevents");
        boolean instance = path.equals("/metadata/instance");
        if (!events && !instance) {
            sendError(ex, 404, "Not found. Path " + path + " is not served by this simulator");
            return;
        }
        Optional<String> version = apiVersion(query);
        if (version.isEmpty()) {
            sendError(ex, 400, "Bad request. api-version was not specified in the request.");
            return;
        }
        if (!(events ? SCHEDULED_EVENTS_VERSIONS : INSTANCE_VERSIONS).contains(version.get())) {
            sendError(ex, 400, "Bad request. api-version is invalid or was not specified in the correct case.");
            return;
        }
        String method = ex.getRequestMethod();
        if (instance && method.equals("GET")) {
            send(ex, 200, "application/json; charset=utf-8",
                    SimulatorJson.instance(vmName, visibility == Visibility.ZONES ? "1" : ""));
        } else if (events && method.equals("GET")) {
            ImdsRegion.Snapshot s = region.snapshot(vmName, visibility == Visibility.AVAILABILITY_SET);
            byte[] doc = SimulatorJson.document(s.incarnation(), s.events());
            if (trickle.isPresent()) {
                ex.sendResponseHeaders(200, doc.length);
                try (OutputStream out = ex.getResponseBody()) {
                    for (byte b : doc) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(trickle.get().delay.toMillis());
                    }
                }
                return;
            }
            send(ex, 200, "application/json; charset=utf-8", doc);
        } else if (events && method.equals("POST")) {
            try {
                region.approve(vmName, SimulatorJson.startRequests(body));
                send(ex, 200, "application/json; charset=utf-8", new byte[0]);
            } catch (IllegalArgumentException e) {
                sendError(ex, 400, "Bad request. " + e.getMessage());
            }
        } else {
            ex.getResponseHeaders().set("Allow", events ? "GET, POST" : "GET");
            sendError(ex, 405, "Method not allowed: " + method);
        }
    }

    private static Optional<String> apiVersion(String query) {
        for (String part : query.split("&")) {
            if (part.startsWith("api-version=")) {
                return Optional.of(part.substring("api-version=".length()));
            }
        }
        return Optional.empty();
    }

    private static void sendError(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, "application/json; charset=utf-8", SimulatorJson.error(message));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_REQUEST_BODY);
        in.transferTo(OutputStream.nullOutputStream());
        return b;
    }

    private static String requireVmName(String name) {
        Objects.requireNonNull(name, "vmName");
        if (!Names.isNodeName(name)) {
            throw new IllegalArgumentException("not a VM name: " + Names.quote(name));
        }
        return name;
    }
}
