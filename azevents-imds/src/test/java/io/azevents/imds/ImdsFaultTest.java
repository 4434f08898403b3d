package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.azevents.core.EventInitiator;
import io.azevents.core.ScheduledEventsException;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.QuarantinedEvent;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsSimulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fault IMDS (or something in front of it) can produce, and what an operator then sees. */
class ImdsFaultTest {
    static final String VM = "vm-fault-1";
    static final String ID = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";
    static final String EVENTS = "/metadata/scheduledevents";

    ImdsSimulator sim;
    FakeTiming timing = new FakeTiming();

    @BeforeEach
    void startSimulator() throws Exception {
        sim = ImdsSimulator.start(VM);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    /** A source on the simulator with fake sleeps: retry_count 3, retry_wait 1 s, request_timeout 5 s, deadline 60 s. */
    ImdsScheduledEventsService source(UnaryOperator<ImdsConfig.Builder> tune) {
        ImdsConfig.Builder b = ImdsConfig.builder().baseUrl(sim.baseUrl()).retryCount(3)
                .retryWait(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(60));
        return new ImdsScheduledEventsService(tune.apply(b).build(), timing);
    }

    ImdsScheduledEventsService source() {
        return source(b -> b);
    }

    ImdsDocumentException refusedDocument(String json) {
        sim.failNext(Fault.body("application/json", json));
        return catchThrowableOfType(ImdsDocumentException.class, () -> source().fetch());
    }

    static String event(String fields) {
        return "{\"DocumentIncarnation\":5,\"Events\":[{" + fields + "}]}";
    }

    static final String GOOD = "\"EventId\":\"" + ID + "\",\"EventType\":\"Reboot\",\"EventStatus\":\"Scheduled\","
            + "\"ResourceType\":\"VirtualMachine\",\"Resources\":[\"" + VM + "\"]";

    @Nested
    @DisplayName("when IMDS cannot be reached")
    class Unreachable {
        @Test
        @DisplayName("a refused connection is retried retry_count times, then reported with the attempts made")
        void connectionRefused() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            ImdsScheduledEventsService src = new ImdsScheduledEventsService(ImdsConfig.builder()
                    .baseUrl("http://127.0.0.1:" + port).retryCount(2).retryWait(Duration.ofSeconds(20)).deadline(Duration.ofSeconds(120)).build(), timing);

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class, src::fetch);

            assertThat(e.getMessage()).contains("connection refused", "failed after 3 attempts",
                    "retry_count=2 is used up", "127.0.0.1:" + port);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.httpStatus()).isEmpty();
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(40));
        }

        @Test
        @DisplayName("a hang longer than request_timeout ends each attempt at the timeout")
        void hang() {
            sim.failNext(10, Fault.delay(Duration.ofSeconds(30)));
            ImdsScheduledEventsService src = source(b -> b.requestTimeout(Duration.ofMillis(300)).retryCount(1));

            long t0 = System.nanoTime();
            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class, src::fetch);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(e.getMessage()).contains("no answer within 0.300 s (request_timeout)", "after 2 attempts");
            assertThat(sim.requests(EVENTS)).hasSize(2);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        @DisplayName("an answer trickling in byte by byte is cut at request_timeout, though every read succeeds")
        void trickle() {
            sim.failNext(10, Fault.trickle(Duration.ofMillis(100)));
            ImdsScheduledEventsService src = source(b -> b.requestTimeout(Duration.ofMillis(500)).retryCount(0));

            long t0 = System.nanoTime();
            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class, src::fetch);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(e.getMessage()).contains("no answer within 0.500 s");
            assertThat(took).isLessThan(Duration.ofSeconds(4));
        }

        @Test
        @DisplayName("the whole call ends within its deadline, however many retries remain (real time)")
        void deadline() {
            sim.failNext(100, Fault.delay(Duration.ofSeconds(30)));
            ImdsScheduledEventsService src = new ImdsScheduledEventsService(ImdsConfig.builder().baseUrl(sim.baseUrl())
                    .requestTimeout(Duration.ofMillis(400)).retryCount(50).retryWait(Duration.ofMillis(100))
                    .deadline(Duration.ofMillis(1500)).build());

            long t0 = System.nanoTime();
            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class, src::fetch);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(e.getMessage()).contains("deadline of 1.500 s", "no answer within");
            assertThat(e.attempts()).isBetween(2, 4).isEqualTo(sim.requests(EVENTS).size());
            assertThat(took).isLessThan(Duration.ofMillis(1500 + 1000));
        }

        @Test
        @DisplayName("a connection closed without an answer is retried, then reported")
        void dropped() {
            sim.failNext(100, Fault.dropConnection());

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class,
                    () -> source(b -> b.retryCount(1)).fetch());

            assertThat(e.getMessage()).contains("connection failed", "after 2 attempts");
            // The JDK resends a GET once by itself when the connection closes unanswered.
            assertThat(sim.requests(EVENTS).size()).isBetween(2, 4);
        }

        @Test
        @DisplayName("one dropped connection, then an answer: the fetch succeeds")
        void droppedOnce() {
            sim.failNext(1, Fault.dropConnection());
            sim.schedule(EventType.REBOOT);

            assertThat(source().fetch().events()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("when IMDS answers with an HTTP error")
    class HttpErrors {
        @Test
        @DisplayName("a 500 is retried after retry_wait and the next answer is used")
        void serverErrorThenSuccess() {
            sim.failNext(1, Fault.status(500));
            ScheduledEvent e = sim.schedule(EventType.REBOOT);

            ScheduledEventsDocument doc = source().fetch();

            assertThat(doc.events()).extracting(ScheduledEvent::id).containsExactly(e.id());
            assertThat(sim.requests(EVENTS)).hasSize(2);
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("a 500 that persists uses up retry_count and is reported with its status and body")
        void serverErrorPersists() {
            sim.failNext(10, Fault.status(500, "application/json", "{\"error\":\"internal trouble\"}"));

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class,
                    () -> source(b -> b.retryCount(2)).fetch());

            assertThat(e.getMessage()).contains("HTTP 500", "internal trouble", "after 3 attempts", "retry_count=2");
            assertThat(e.httpStatus()).hasValue(500);
            assertThat(e.bodyExcerpt()).hasValueSatisfying(b -> assertThat(b).contains("internal trouble"));
            assertThat(sim.requests(EVENTS)).hasSize(3);
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }

        @Test
        @DisplayName("a 429 waits as long as Retry-After says, not retry_wait")
        void tooManyRequestsRetryAfter() {
            sim.failNext(1, Fault.retryAfter(429, "7"));

            source().fetch();

            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(7));
            assertThat(sim.requests(EVENTS)).hasSize(2);
        }

        @Test
        @DisplayName("a Retry-After given as an HTTP date is honoured too")
        void retryAfterDate() {
            String in30s = java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
                    java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now().plusSeconds(30));
            sim.failNext(1, Fault.retryAfter(503, in30s));

            source().fetch();

            assertThat(timing.sleeps()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31)));
        }

        @Test
        @DisplayName("a Retry-After beyond the deadline ends the call at once rather than sleeping past it")
        void retryAfterPastDeadline() {
            sim.failNext(1, Fault.retryAfter(503, "45"));

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class,
                    () -> source(b -> b.deadline(Duration.ofSeconds(30))).fetch());

            assertThat(e.getMessage()).contains("next attempt would be due in 45 s but only", "remain of the deadline of 30 s", "HTTP 503");
            assertThat(timing.sleeps()).isEmpty();
            assertThat(sim.requests(EVENTS)).hasSize(1);
        }

        @Test
        @DisplayName("a 410 is retried without using up retry_count, within its 70 s window")
        void goneRetried() {
            sim.failNext(3, Fault.status(410));

            ScheduledEventsDocument doc = source(b -> b.retryCount(0).retryWait(Duration.ZERO)).fetch();

            assertThat(doc.events()).isEmpty();
            assertThat(sim.requests(EVENTS)).hasSize(4);
            // uncounted retries still wait at least a second, even with retry_wait=0
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("a 410 that lasts beyond 70 s is reported")
        void goneTooLong() {
            sim.failNext(100, Fault.status(410));

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class, () -> source(b -> b.retryCount(0)
                    .retryWait(Duration.ofSeconds(30)).deadline(Duration.ofSeconds(600))).fetch());

            assertThat(e.getMessage()).contains("HTTP 410");
            assertThat(e.httpStatus()).hasValue(410);
            // attempts at 0, 30 and 90 s (the back-off doubles): the third comes after the window closed
            assertThat(sim.requests(EVENTS)).hasSize(3);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {400, 403, 404})
        @DisplayName("another 4xx is not retried and is reported with its status and body")
        void clientErrorNotRetried(int status) {
            sim.failNext(5, Fault.status(status, "application/json", "{\"error\":\"Bad request. nope\"}"));

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class, () -> source().fetch());

            assertThat(e.getMessage()).contains("HTTP " + status, "is not retried", "Bad request. nope",
                    "after 1 attempt");
            assertThat(e.httpStatus()).hasValue(status);
            assertThat(sim.requests(EVENTS)).hasSize(1);
        }

        @Test
        @DisplayName("a redirect is not followed and names its Location")
        void redirect() {
            sim.failNext(1, Fault.redirect("http://intercept.example/metadata"));

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class, () -> source().fetch());

            assertThat(e.getMessage()).contains("HTTP 302 redirect to 'http://intercept.example/metadata'",
                    "not followed");
            assertThat(e.httpStatus()).hasValue(302);
            assertThat(sim.requests()).hasSize(1);
        }

        @Test
        @DisplayName("a refused approval is reported, not ignored")
        void approvalRefused() {
            sim.failNext(1, Fault.status(400, "application/json", "{\"error\":\"Bad request. no such thing\"}"));

            assertThatThrownBy(() -> source().approve(Set.of(ID)))
                    .isInstanceOf(ImdsHttpException.class)
                    .hasMessageContaining("POST").hasMessageContaining("HTTP 400")
                    .hasMessageContaining("no such thing");
        }

        @Test
        @DisplayName("an approval of something that is not an event id is not even sent")
        void approvalOfNonGuid() {
            assertThatThrownBy(() -> source().approve(Set.of("1; DROP")))
                    .isInstanceOf(ScheduledEventsException.class).hasMessageContaining("'1; DROP'");
            assertThat(sim.requests()).isEmpty();
        }
    }

    @Nested
    @DisplayName("when IMDS sends a document azevents refuses")
    class Documents {
        @Test
        @DisplayName("malformed JSON")
        void malformed() {
            sim.failNext(Fault.malformedJson());

            ImdsDocumentException e = catchThrowableOfType(ImdsDocumentException.class, () -> source().fetch());

            assertThat(e.getMessage()).contains("not valid JSON", "DocumentIncarnation");
            assertThat(e.field()).isEqualTo("$");
            assertThat(sim.requests()).hasSize(1);
        }

        @Test
        @DisplayName("the wrong shape: Events is an object")
        void wrongShape() {
            sim.failNext(Fault.wrongShape());

            ImdsDocumentException e = catchThrowableOfType(ImdsDocumentException.class, () -> source().fetch());

            assertThat(e.getMessage()).contains("field Events must be an array but is an object");
            assertThat(e.field()).isEqualTo("Events");
        }

        @Test
        @DisplayName("an HTML error page")
        void html() {
            sim.failNext(Fault.htmlPage());

            ImdsDocumentException e = catchThrowableOfType(ImdsDocumentException.class, () -> source().fetch());

            assertThat(e.getMessage()).contains("'<html><head><title>Service Unavailable");
        }

        @Test
        @DisplayName("an HTML error page with an error status is an HTTP error quoting the page")
        void htmlWithStatus() {
            sim.failNext(5, Fault.status(502, "text/html", "<html><body>Bad Gateway</body></html>"));

            ImdsHttpException e = catchThrowableOfType(ImdsHttpException.class,
                    () -> source(b -> b.retryCount(1)).fetch());

            assertThat(e.getMessage()).contains("HTTP 502", "<html><body>Bad Gateway");
        }

        @Test
        @DisplayName("an answer over the size cap is cut off while reading")
        void oversize() {
            sim.failNext(Fault.oversize(4L << 20));

            ImdsDocumentException e = catchThrowableOfType(ImdsDocumentException.class,
                    () -> source(b -> b.maxResponseBytes(64 * 1024)).fetch());

            assertThat(e.getMessage()).contains("larger than the cap of 65536 bytes");
            assertThat(sim.requests()).hasSize(1);
        }

        @Test
        @DisplayName("a document without DocumentIncarnation")
        void missingIncarnation() {
            ImdsDocumentException e = refusedDocument("{\"Events\":[]}");
            assertThat(e.getMessage()).contains("field DocumentIncarnation is missing");
        }

        @Test
        @DisplayName("a document without Events")
        void missingEvents() {
            ImdsDocumentException e = refusedDocument("{\"DocumentIncarnation\":1}");
            assertThat(e.getMessage()).contains("field Events is missing");
        }

        @ParameterizedTest(name = "DocumentIncarnation {0}")
        @ValueSource(strings = {"\"5\"", "5.5", "null", "[5]"})
        @DisplayName("a DocumentIncarnation that is not an integer")
        void incarnationNotInteger(String json) {
            ImdsDocumentException e = refusedDocument("{\"DocumentIncarnation\":" + json + ",\"Events\":[{" + GOOD + "}]}");
            assertThat(e.getMessage()).contains("field DocumentIncarnation must be an integer");
            assertThat(e.field()).isEqualTo("DocumentIncarnation");
        }
    }

    static final String ID2 = "0c3a4c4d-2222-4a4a-9b9b-0123456789ab";
    /** A second valid event for the same VM. */
    static final String GOOD2 = GOOD.replace(ID, ID2);

    /** A document of events, each given by its fields ({@code "name":value,...}) or else by its JSON value. */
    static String events(String... events) {
        StringBuilder b = new StringBuilder("{\"DocumentIncarnation\":5,\"Events\":[");
        String sep = "";
        for (String e : events) {
            b.append(sep).append(e.startsWith("\"") && e.contains("\":") ? "{" + e + "}" : e);
            sep = ",";
        }
        return b.append("]}").toString();
    }

    ScheduledEventsDocument fetched(String json) {
        sim.failNext(Fault.body("application/json", json));
        return source().fetch();
    }

    @Nested
    @DisplayName("when one event fails validation in a field a decision depends on")
    class Quarantine {
        @ParameterizedTest(name = "without {0}")
        @ValueSource(strings = {"EventId", "EventType", "EventStatus", "Resources"})
        @DisplayName("an event without a required field is quarantined; the good event for the same VM is used")
        void missingField(String field) {
            String fields = GOOD2.replaceAll("\"" + field + "\":(\\[[^]]*]|\"[^\"]*\"),?", "").replaceAll(",$", "");

            ScheduledEventsDocument doc = fetched(events(GOOD, fields));

            assertThat(doc.events()).extracting(ScheduledEvent::id).containsExactly(ID);
            QuarantinedEvent q = doc.quarantined().get(0);
            assertThat(doc.quarantined()).hasSize(1);
            assertThat(q.reason()).isEqualTo("Events[1]." + field + " is missing");
            assertThat(q.rawId()).isEqualTo(field.equals("EventId") ? "unknown" : "'" + ID2 + "'");
            assertThat(q.resources()).isEqualTo(field.equals("Resources") ? List.of() : List.of(VM));
            assertThat(doc.quarantinedFor(VM)).hasSize(field.equals("Resources") ? 0 : 1);
        }

        @Test
        @DisplayName("an event id that is not a GUID: quarantined, the id quoted, the reason naming the field")
        void eventIdNotGuid() {
            ScheduledEventsDocument doc = fetched(events(GOOD, GOOD2.replace(ID2, "../../etc/passwd")));

            assertThat(doc.eventsFor(VM)).extracting(ScheduledEvent::id).containsExactly(ID);
            assertThat(doc.quarantinedFor(VM)).containsExactly(new QuarantinedEvent("'../../etc/passwd'", List.of(VM),
                    "Events[1].EventId is not a GUID: '../../etc/passwd'"));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"vm1,vm2", "vm\\\"1", "<script>", "vm\\n1", "vm 1", "-vm", ""})
        @DisplayName("a resource name a CIB attribute could not hold quarantines its event, which keeps its valid names")
        void hostileResourceName(String jsonName) {
            String bad = GOOD2.replace("[\"" + VM + "\"]", "[\"" + VM + "\",\"" + jsonName + "\"]");

            ScheduledEventsDocument doc = fetched(events(GOOD, bad));

            assertThat(doc.events()).extracting(ScheduledEvent::id).containsExactly(ID);
            QuarantinedEvent q = doc.quarantined().get(0);
            assertThat(q.reason()).startsWith("Events[1].Resources[1] is not a valid VM name").doesNotContain("\n");
            assertThat(q.resources()).containsExactly(VM);
            assertThat(q.rawId()).isEqualTo("'" + ID2 + "'");
            assertThat(doc.quarantinedFor(VM)).containsExactly(q);
            assertThat(doc.quarantinedFor("vm1")).isEmpty();
        }

        @Test
        @DisplayName("a 200-character resource name")
        void longResourceName() {
            ScheduledEventsDocument doc = fetched(event(GOOD.replace("\"" + VM + "\"", "\"" + "a".repeat(200) + "\"")));

            assertThat(doc.events()).isEmpty();
            assertThat(doc.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.reason()).contains("Events[0].Resources[0] is not a valid VM name", "aaaa");
                assertThat(q.reason().length()).isLessThan(300);
                assertThat(q.resources()).isEmpty();
            });
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
            "\"EventType\":3|Events[1].EventType must be a string but is the number '3'",
            "\"EventStatus\":\" \"|Events[1].EventStatus is blank",
            "\"EventType\":null|Events[1].EventType must be a string but is null",
            "\"Resources\":\"vm-fault-1\"|Events[1].Resources must be an array of VM names but is the string 'vm-fault-1'",
            "\"Resources\":[{\"name\":\"vm-fault-1\"}]|Events[1].Resources[0] must be a string but is an object",
            "\"EventId\":{\"x\":[1,2]}|Events[1].EventId must be a string but is an object"})
        @DisplayName("a decision field of the wrong kind quarantines its event, naming the field")
        void wrongKind(String caseText) {
            String[] c = caseText.split("\\|");
            String field = c[0].substring(1, c[0].indexOf('"', 1));
            String fields = GOOD2.replaceAll("\"" + field + "\":(\\[[^]]*]|\"[^\"]*\")", c[0].replace("\\", "\\\\").replace("$", "\\$"));

            ScheduledEventsDocument doc = fetched(events(GOOD, fields));

            assertThat(doc.events()).extracting(ScheduledEvent::id).containsExactly(ID);
            assertThat(doc.quarantined()).singleElement().extracting(QuarantinedEvent::reason).isEqualTo(c[1]);
        }

        @Test
        @DisplayName("several problems in one event: the first is named, the others counted")
        void severalProblems() {
            ScheduledEventsDocument doc = fetched(events("\"EventId\":\"nope\",\"EventType\":\"\",\"Resources\":[\"a b\"]"));

            assertThat(doc.quarantined()).singleElement().extracting(QuarantinedEvent::reason)
                    .isEqualTo("Events[0].EventId is not a GUID: 'nope' (and 3 more problems)");
        }

        @Test
        @DisplayName("an event that is not an object is quarantined with an unknown id")
        void notAnObject() {
            ScheduledEventsDocument doc = fetched(events("\"x\"", GOOD, "[1,[2]]", "null"));

            assertThat(doc.events()).extracting(ScheduledEvent::id).containsExactly(ID);
            assertThat(doc.quarantined()).extracting(QuarantinedEvent::reason).containsExactly(
                    "Events[0] must be an object but is the string 'x'", "Events[2] must be an object but is an array",
                    "Events[3] must be an object but is null");
            assertThat(doc.quarantined()).allSatisfy(q -> {
                assertThat(q.rawId()).isEqualTo("unknown");
                assertThat(q.resources()).isEmpty();
            });
        }

        @Test
        @DisplayName("the same id twice: the first is kept, the second quarantined")
        void duplicate() {
            ScheduledEventsDocument doc = fetched(events(GOOD, GOOD.replace("[\"" + VM + "\"]", "[\"vm-other\"]")));

            assertThat(doc.events()).singleElement().satisfies(e -> assertThat(e.resources()).containsExactly(VM));
            assertThat(doc.quarantined()).containsExactly(new QuarantinedEvent("'" + ID + "'", List.of("vm-other"),
                    "Events[1].EventId repeats the id of Events[0]: '" + ID + "'"));
        }

        @Test
        @DisplayName("an id repeating a quarantined event's id is quarantined too")
        void duplicateOfQuarantined() {
            ScheduledEventsDocument doc = fetched(events(GOOD.replace("\"Reboot\"", "7"), GOOD));

            assertThat(doc.events()).isEmpty();
            assertThat(doc.quarantined()).extracting(QuarantinedEvent::reason).containsExactly(
                    "Events[0].EventType must be a string but is the number '7'",
                    "Events[1].EventId repeats the id of Events[0]: '" + ID + "'");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"\"0c3a4c4d-1111-4a4a-9b9b-0123456789ab\\nnode2\"",
            "\"x\\\"/><nvpair id=\\\"evil\\\"/>&amp;\"", "LONG"})
        @DisplayName("a hostile id reaches the quarantine quoted, on one line, cut short")
        void hostileId(String idJson) {
            String json = idJson.equals("LONG") ? "\"" + "a".repeat(100_000) + "\"" : idJson;

            ScheduledEventsDocument doc = fetched(events(GOOD2, GOOD.replace("\"" + ID + "\"", json)));

            assertThat(doc.events()).extracting(ScheduledEvent::id).containsExactly(ID2);
            QuarantinedEvent q = doc.quarantinedFor(VM).get(0);
            assertThat(q.rawId()).startsWith("'").doesNotContain("\n").hasSizeLessThan(120);
            assertThat(q.reason()).startsWith("Events[1].EventId is not a GUID: '").doesNotContain("\n")
                    .hasSizeLessThan(800);
        }
    }

    @Nested
    @DisplayName("when IMDS sends something new")
    class Unknowns {
        @Test
        @DisplayName("unknown types, statuses and sources are carried, unknown scalar fields kept")
        void carried() {
            sim.failNext(Fault.body("application/json", "{\"DocumentIncarnation\":9,\"NewTopLevel\":{\"a\":[1]},"
                    + "\"Events\":[{\"EventId\":\"" + ID + "\",\"EventType\":\"LiveMigrate\",\"EventStatus\":\"Pending\","
                    + "\"Resources\":[\"" + VM + "\"],\"EventSource\":\"Robot\",\"Priority\":3,\"Urgent\":true,"
                    + "\"Tags\":{\"x\":\"y\"},\"Note\":\"hello\"}]}"));

            ScheduledEvent e = source().fetch().events().get(0);

            assertThat(e.type()).isEqualTo(new EventType("LiveMigrate"));
            assertThat(e.status()).isEqualTo(new EventStatus("Pending"));
            assertThat(e.initiator()).isEqualTo(new EventInitiator("Robot"));
            assertThat(e.otherFields()).isEqualTo(Map.of("Priority", "3", "Urgent", "true", "Note", "hello"));
            assertThat(e.resourceType()).isEqualTo("VirtualMachine");
        }

        @Test
        @DisplayName("absent optional fields take their documented defaults; an empty NotBefore is none")
        void defaults() {
            sim.failNext(Fault.body("application/json", event(GOOD.replace("Scheduled", "Started") + ",\"NotBefore\":\"\"")));

            ScheduledEvent e = source().fetch().events().get(0);

            assertThat(e.notBefore()).isEmpty();
            assertThat(e.durationSeconds()).isEqualTo(-1);
            assertThat(e.initiator()).isEqualTo(EventInitiator.UNKNOWN);
            assertThat(e.description()).isEmpty();
            assertThat(e.isStarted()).isTrue();
        }

        @Test
        @DisplayName("NotBefore as Azure writes it is read to the second")
        void notBefore() {
            sim.failNext(Fault.body("application/json",
                    event(GOOD + ",\"NotBefore\":\"Mon, 19 Sep 2016 18:29:47 GMT\",\"DurationInSeconds\":0")));

            ScheduledEvent e = source().fetch().events().get(0);

            assertThat(e.notBefore()).contains(java.time.Instant.parse("2016-09-19T18:29:47Z"));
            assertThat(e.durationSeconds()).isZero();
            assertThat(e.resources()).isEqualTo(List.of(VM));
            assertThat(e.notBefore()).isNotEqualTo(Optional.empty());
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
            "Mon, 19 Sep 2016 18:29:47 GMT|2016-09-19T18:29:47Z",
            "Mon, 5 Sep 2016 18:29:47 GMT|2016-09-05T18:29:47Z",
            "2016-09-19T18:29:47Z|2016-09-19T18:29:47Z",
            "2016-09-19T18:29:47+00:00|2016-09-19T18:29:47Z",
            "2016-09-19T20:29:47+02:00|2016-09-19T18:29:47Z",
            "2016-09-19T18:29:47.1234567Z|2016-09-19T18:29:47.1234567Z",
            "2016-09-19T18:29:47|2016-09-19T18:29:47Z",
            "2016-09-19 18:29:47|2016-09-19T18:29:47Z"})
        @DisplayName("NotBefore in RFC 1123 or ISO 8601 (a local time is UTC)")
        void notBeforeForms(String caseText) {
            String[] c = caseText.split("\\|");

            ScheduledEvent e = fetched(event(GOOD + ",\"NotBefore\":\"" + c[0] + "\"")).events().get(0);

            assertThat(e.notBefore()).contains(java.time.Instant.parse(c[1]));
            assertThat(e.otherFields()).doesNotContainKey("NotBefore");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"\"next Tuesday\"", "\"2016-13-45T00:00:00Z\"", "\"19/09/2016 18:29\"", "1474309787"})
        @DisplayName("a NotBefore that cannot be read keeps the event: unknown, its text kept for display")
        void unparsableNotBefore(String json) {
            ScheduledEventsDocument doc = fetched(event(GOOD + ",\"NotBefore\":" + json));

            assertThat(doc.quarantined()).isEmpty();
            ScheduledEvent e = doc.events().get(0);
            assertThat(e.id()).isEqualTo(ID);
            assertThat(e.notBefore()).isEmpty();
            assertThat(e.otherFields()).containsEntry("NotBefore", json.replace("\"", ""));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"\"soon\"", "12.5", "-5", "99999999999999999999", "true"})
        @DisplayName("a DurationInSeconds that cannot be read is unknown (-1), its text kept; the event is used")
        void unparsableDuration(String json) {
            ScheduledEvent e = fetched(event(GOOD + ",\"DurationInSeconds\":" + json)).events().get(0);

            assertThat(e.durationSeconds()).isEqualTo(-1);
            assertThat(e.otherFields()).containsEntry("DurationInSeconds", json.replace("\"", ""));
        }

        @Test
        @DisplayName("Description, EventSource and ResourceType of another kind never hide the event")
        void otherKinds() {
            ScheduledEvent e = fetched(event(GOOD.replace("\"ResourceType\":\"VirtualMachine\"", "\"ResourceType\":7")
                    + ",\"Description\":42,\"EventSource\":false,\"DurationInSeconds\":\" 15 \"")).events().get(0);

            assertThat(e.resourceType()).isEqualTo("7");
            assertThat(e.description()).isEqualTo("42");
            assertThat(e.initiator()).isEqualTo(EventInitiator.UNKNOWN);
            assertThat(e.otherFields()).isEqualTo(Map.of("EventSource", "false"));
            assertThat(e.durationSeconds()).isEqualTo(15);
        }

        @Test
        @DisplayName("an object or an array in a field no decision depends on is skipped, as if absent")
        void structuredOptionalFields() {
            ScheduledEvent e = fetched(event(GOOD.replace("\"ResourceType\":\"VirtualMachine\"", "\"ResourceType\":{\"a\":1}")
                    + ",\"Description\":[\"x\"],\"EventSource\":{},\"NotBefore\":[1],\"DurationInSeconds\":{\"s\":3}"))
                    .events().get(0);

            assertThat(e).isEqualTo(new ScheduledEvent(ID, EventType.REBOOT, EventStatus.SCHEDULED, "VirtualMachine",
                    List.of(VM), Optional.empty(), "", EventInitiator.UNKNOWN, -1, Map.of()));
        }
    }
}
