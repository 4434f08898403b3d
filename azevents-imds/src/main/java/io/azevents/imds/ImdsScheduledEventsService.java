package io.azevents.imds;

import io.azevents.core.ScheduledEventsException;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@link ScheduledEventsService} over the Azure Instance Metadata Service.
 *
 * <ul>
 *   <li>{@link #fetch()}: {@code GET /metadata/scheduledevents?api-version=2020-07-01};</li>
 *   <li>{@link #approve(Set)}: {@code POST} of {@code {"StartRequests":[{"EventId":...}]}} to the same
 *       URL and api-version; anything but 2xx is an error;</li>
 *   <li>{@link #vmName()}: {@code compute.name} of {@code GET /metadata/instance?api-version=2021-12-13},
 *       read once and cached (see {@link ImdsConfig#vmNameCache()}); {@link #refreshVmName()} asks again.</li>
 * </ul>
 * Every request carries {@code Metadata: true}, bypasses every proxy, follows no redirect, and is
 * retried as {@link ImdsConfig} says within its deadline. Failures are {@link ImdsHttpException}
 * (unreachable, HTTP error) or {@link ImdsDocumentException} (a document whose structure is unusable:
 * not JSON, no {@code DocumentIncarnation}, no {@code Events} array, too large). Each failure is also
 * logged (logger {@code io.azevents.imds}): at WARNING when it begins, at DEBUG while it repeats, at
 * INFO when IMDS answers again.
 *
 * <p>One event that fails validation in a field a decision depends on does not refuse the document:
 * it is quarantined ({@link ScheduledEventsDocument#quarantined()}; never acted on, never approved;
 * see {@code ScheduledEventsParser} for the rules) and the document's other events are used. Each
 * quarantined event is logged at WARNING once per (id, reason) for the life of this object, which
 * remembers at most {@value QuarantineLog#DEFAULT_CAPACITY} such pairs.
 *
 * <p>Thread-safe.
 */
public final class ImdsScheduledEventsService implements ScheduledEventsService {
    /** The path of the scheduled-events document, for {@link #fetch()} and {@link #approve(Set)}. */
    public static final String SCHEDULED_EVENTS_PATH = "/metadata/scheduledevents";
    /** The {@code api-version} sent with {@link #SCHEDULED_EVENTS_PATH}. */
    public static final String SCHEDULED_EVENTS_API_VERSION = "2020-07-01";
    /** The path of the instance metadata, read for {@link #vmName()}. */
    public static final String INSTANCE_PATH = "/metadata/instance";
    /** The {@code api-version} sent with {@link #INSTANCE_PATH}. */
    public static final String INSTANCE_API_VERSION = "2021-12-13";


    private final ImdsConfig config;
    private final URI eventsUri;
    private final URI instanceUri;
    private final RetryingClient client;
    private final VmNameCache vmNames;
    private final RepeatingFailureLog failures;
    private final QuarantineLog quarantine;

    /**
     * A source with {@code config}; does no I/O until asked.
     *
     * @param config where IMDS is and how requests are bounded and retried
     * @throws NullPointerException if {@code config} is null
     */
    @Inject
    public ImdsScheduledEventsService(ImdsConfig config) {
        this(config, Timing.SYSTEM);
    }

    ImdsScheduledEventsService(ImdsConfig config, Timing timing) {
        this.config = Objects.requireNonNull(config, "config");
        this.eventsUri = URI.create(config.baseUrl() + SCHEDULED_EVENTS_PATH + "?api-version="
                + SCHEDULED_EVENTS_API_VERSION);
        this.instanceUri = URI.create(config.baseUrl() + INSTANCE_PATH + "?api-version=" + INSTANCE_API_VERSION);
        this.client = new RetryingClient(new HttpTransport(config.maxResponseBytes()),
                new RetryPolicy(config.retryCount(), config.retryWait(), config.requestTimeout(), config.deadline()),
                Objects.requireNonNull(timing, "timing"));
        this.vmNames = new VmNameCache(config.vmNameCache());
        this.failures = new RepeatingFailureLog(Logs::imds, config.failureState());
        this.quarantine = new QuarantineLog(Logs::imds, QuarantineLog.DEFAULT_CAPACITY);
    }

    /**
     * The configuration in force.
     *
     * @return the configuration this source was built with
     */
    public ImdsConfig config() {
        return config;
    }

    @Override
    public ScheduledEventsDocument fetch() {
        ScheduledEventsDocument doc = logged("GET scheduledevents",
                () -> ScheduledEventsParser.parse(eventsUri, client.send(eventsUri, null).body()));
        quarantine.report(doc.quarantined());
        return doc;
    }

    @Override
    public void approve(Set<String> eventIds) {
        Objects.requireNonNull(eventIds, "eventIds");
        if (eventIds.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder("{\"StartRequests\":[");
        String sep = "";
        for (String id : new TreeSet<>(eventIds)) {
            // A GUID needs no JSON escaping, and nothing else may be sent.
            if (!Names.isEventId(id)) {
                throw new ScheduledEventsException("approval not sent: not an event id: " + Names.quote(id));
            }
            body.append(sep).append("{\"EventId\":\"").append(id).append("\"}");
            sep = ",";
        }
        byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        logged("POST scheduledevents", () -> client.send(eventsUri, bytes));
        Logs.imds().log(System.Logger.Level.INFO, "IMDS accepted the approval of {0}", new TreeSet<>(eventIds));
    }

    @Override
    public String vmName() {
        return vmNames.get().orElseGet(this::refreshVmName);
    }

    /**
     * Asks IMDS for the VM name again, replaces the cached one and returns it.
     *
     * @return the VM's name ({@code compute.name}), a valid VM name
     * @throws ImdsHttpException     if IMDS cannot be reached or answers with an error
     * @throws ImdsDocumentException if the answer has no valid {@code compute.name}
     */
    public String refreshVmName() {
        String name = logged("GET instance",
                () -> InstanceParser.vmName(instanceUri, client.send(instanceUri, null).body()));
        vmNames.put(name);
        return name;
    }

    private <T> T logged(String what, Supplier<T> call) {
        try {
            T result = call.get();
            failures.success("IMDS answers again (" + what + ")");
            return result;
        } catch (ScheduledEventsException e) {
            failures.failure(signature(what, e), e.getMessage());
            throw e;
        }
    }

    /** What identifies a failure from one cycle to the next, leaving out timings and attempt counts. */
    private static String signature(String what, ScheduledEventsException e) {
        if (e instanceof ImdsDocumentException d) {
            return what + " refused at " + d.field();
        }
        if (e.httpStatus().isPresent()) {
            return what + " HTTP " + e.httpStatus().getAsInt();
        }
        return what + " " + (e.getCause() == null ? e.getClass().getSimpleName()
                : e.getCause().getClass().getSimpleName());
    }
}
