package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.simulation.FakeAzure;
import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsRegion;
import io.azevents.simulation.ImdsSimulator;
import io.azevents.simulation.MutableClock;
import io.azevents.simulation.RecordedRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The simulator keeps the rules of the real service, on the wire. */
class ImdsSimulatorTest {
    static final String VM = "vm-sim-a";
    ImdsSimulator sim;
    URI events;
    URI instance;

    @BeforeEach
    void start() throws Exception {
        sim = ImdsSimulator.start(VM);
        events = URI.create(sim.baseUrl() + "/metadata/scheduledevents?api-version=2020-07-01");
        instance = URI.create(sim.baseUrl() + "/metadata/instance?api-version=2021-12-13");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static ImdsScheduledEventsService sourceFor(ImdsSimulator s) {
        return new ImdsScheduledEventsService(ImdsConfig.builder().baseUrl(s.baseUrl()).retryCount(0)
                .requestTimeout(Duration.ofSeconds(5)).build());
    }

    @Nested
    @DisplayName("the rules of IMDS")
    class Rules {
        @Test
        @DisplayName("a request without Metadata: true gets 400 and no document")
        void noHeader() throws Exception {
            Http.Answer a = Http.send("GET", events, Map.of(), null);

            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body()).contains("metadata header").doesNotContain("DocumentIncarnation");
        }

        @Test
        @DisplayName("a request that came through a proxy (X-Forwarded-For) gets 400")
        void forwarded() throws Exception {
            assertThat(Http.send("GET", events, Map.of("Metadata", "true", "X-Forwarded-For", "10.0.0.1"), null)
                    .status()).isEqualTo(400);
        }

        @Test
        @DisplayName("a missing or unknown api-version gets 400")
        void apiVersion() throws Exception {
            assertThat(Http.get(URI.create(sim.baseUrl() + "/metadata/scheduledevents")).status()).isEqualTo(400);
            assertThat(Http.get(URI.create(sim.baseUrl() + "/metadata/scheduledevents?api-version=1999-01-01"))
                    .body()).contains("api-version is invalid");
            assertThat(Http.get(URI.create(sim.baseUrl() + "/metadata/instance?api-version=2020-07-01x"))
                    .status()).isEqualTo(400);
        }

        @Test
        @DisplayName("another path gets 404")
        void otherPath() throws Exception {
            assertThat(Http.get(URI.create(sim.baseUrl() + "/metadata/identity?api-version=2020-07-01")).status())
                    .isEqualTo(404);
        }

        @Test
        @DisplayName("a malformed approval gets 400 and starts nothing")
        void malformedApproval() throws Exception {
            ScheduledEvent e = sim.schedule(EventType.REBOOT);
            for (String body : new String[] {"", "{", "{\"StartRequests\":{}}", "{\"StartRequests\":[]}",
                    "{\"StartRequests\":[{\"EventId\":\"nope\"}]}", "[\"" + e.id() + "\"]"}) {
                assertThat(Http.send("POST", events, Map.of("Metadata", "true"), body).status())
                        .as(body).isEqualTo(400);
            }
            assertThat(sim.region().event(e.id()).orElseThrow().isStarted()).isFalse();
            assertThat(sim.region().approvals()).isEmpty();
        }

        @Test
        @DisplayName("a valid approval gets 200, even for an id it does not know")
        void approval() throws Exception {
            ScheduledEvent e = sim.schedule(EventType.REBOOT);
            long before = sim.region().incarnation();

            Http.Answer a = Http.send("POST", events, Map.of("Metadata", "true"),
                    "{\"StartRequests\":[{\"EventId\":\"" + e.id() + "\"},"
                            + "{\"EventId\":\"00000000-0000-4000-8000-000000000000\"}]}");

            assertThat(a.status()).isEqualTo(200);
            assertThat(Http.get(events).body()).contains("\"EventStatus\":\"Started\"", "\"NotBefore\":\"\"");
            assertThat(sim.region().incarnation()).isEqualTo(before + 1);
        }

        @Test
        @DisplayName("the document has the real shape and NotBefore is written as Azure writes it")
        void shape() throws Exception {
            sim.add(ScheduledEvent.of("0c3a4c4d-1111-4a4a-9b9b-0123456789ab", EventType.FREEZE,
                    java.util.Optional.of(java.time.Instant.parse("2016-09-19T18:29:47Z")), VM));

            String body = Http.get(events).body();

            assertThat(body).startsWith("{\"DocumentIncarnation\":2,\"Events\":[{\"EventId\":")
                    .contains("\"NotBefore\":\"Mon, 19 Sep 2016 18:29:47 GMT\"", "\"Resources\":[\"" + VM + "\"]",
                            "\"ResourceType\":\"VirtualMachine\"", "\"DurationInSeconds\":-1");
            assertThat(Http.get(instance).body()).contains("\"compute\":{", "\"name\":\"" + VM + "\"");
        }

        @Test
        @DisplayName("the incarnation rises on every change and only then")
        void incarnation() {
            ImdsScheduledEventsService src = sourceFor(sim);
            long i0 = src.fetch().incarnation();
            ScheduledEvent e = sim.schedule(EventType.REBOOT);
            long i1 = src.fetch().incarnation();
            sim.startEvent(e.id());
            long i2 = src.fetch().incarnation();
            sim.startEvent(e.id());
            long i3 = src.fetch().incarnation();
            sim.completeEvent(e.id());
            long i4 = src.fetch().incarnation();

            assertThat(new long[] {i0, i1, i2, i3, i4}).containsExactly(i0, i0 + 1, i0 + 2, i0 + 2, i0 + 3);
        }

        @Test
        @DisplayName("every request is recorded with its method, path, query, headers and body")
        void recording() {
            ImdsScheduledEventsService src = sourceFor(sim);
            src.fetch();
            src.approve(Set.of("0c3a4c4d-1111-4a4a-9b9b-0123456789ab"));

            assertThat(sim.requests()).hasSize(2);
            RecordedRequest post = sim.requests().get(1);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/metadata/scheduledevents");
            assertThat(post.query()).isEqualTo("api-version=2020-07-01");
            assertThat(post.header("metadata")).contains("true");
            assertThat(post.body()).isEqualTo("{\"StartRequests\":[{\"EventId\":\"0c3a4c4d-1111-4a4a-9b9b-0123456789ab\"}]}");
        }

        @Test
        @DisplayName("an event read with an unknown NotBefore and duration is served back with their text, each field once")
        void unknownsRoundTrip() throws Exception {
            String id = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";
            sim.failNext(Fault.body("application/json", "{\"DocumentIncarnation\":1,\"Events\":[{\"EventId\":\"" + id
                    + "\",\"EventType\":\"Reboot\",\"EventStatus\":\"Scheduled\",\"Resources\":[\"" + VM + "\"],"
                    + "\"NotBefore\":\"someday\",\"DurationInSeconds\":\"long\",\"EventSource\":7,\"Note\":\"n\"}]}"));
            ScheduledEvent read = sourceFor(sim).fetch().events().get(0);

            sim.add(read);
            String body = Http.get(events).body();

            assertThat(body).contains("\"NotBefore\":\"someday\"", "\"DurationInSeconds\":\"long\"", "\"Note\":\"n\"")
                    .doesNotContain("\"EventSource\"");
            for (String field : new String[] {"NotBefore", "DurationInSeconds", "EventId"}) {
                assertThat(body.split("\"" + field + "\":", -1)).as(field).hasSize(2);
            }
            ScheduledEvent again = sourceFor(sim).fetch().events().get(0);
            assertThat(again.notBefore()).isEmpty();
            assertThat(again.durationSeconds()).isEqualTo(-1);
            assertThat(again.otherFields()).isEqualTo(Map.of("NotBefore", "someday", "DurationInSeconds", "long",
                    "Note", "n"));
        }
    }

    @Nested
    @DisplayName("several VMs sharing a region")
    class Region {
        @Test
        @DisplayName("in an Availability Set each VM sees its peers' events; across zones only its own")
        void visibility() throws Exception {
            ImdsRegion region = new ImdsRegion();
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            try (ImdsSimulator a = ImdsSimulator.start(region, "vm-a", Visibility.AVAILABILITY_SET, loopback);
                 ImdsSimulator b = ImdsSimulator.start(region, "vm-b", Visibility.AVAILABILITY_SET, loopback);
                 ImdsSimulator z = ImdsSimulator.start(region, "vm-z", Visibility.ZONES, loopback)) {
                ScheduledEvent forB = region.schedule(EventType.REBOOT, "vm-b");

                assertThat(sourceFor(a).fetch().events()).extracting(ScheduledEvent::id).containsExactly(forB.id());
                assertThat(sourceFor(z).fetch().events()).isEmpty();
                assertThat(sourceFor(a).vmName()).isEqualTo("vm-a");
                assertThat(sourceFor(z).vmName()).isEqualTo("vm-z");

                sourceFor(a).approve(Set.of(forB.id()));

                ScheduledEventsDocument seenByB = sourceFor(b).fetch();
                assertThat(seenByB.events().get(0).isStarted()).isTrue();
                assertThat(seenByB.events().get(0).notBefore()).isEmpty();
                assertThat(region.approvals()).containsExactly(new ImdsRegion.Approval("vm-a", java.util.List.of(forB.id())));
                assertThat(a.address().getPort()).isNotEqualTo(b.address().getPort());
            }
        }

        @Test
        @DisplayName("one region, two ways in: FakeAzure's events are served over HTTP, approvals over HTTP show in FakeAzure")
        void fakeAzureAndSimulatorShareOneRegion() throws Exception {
            FakeAzure azure = new FakeAzure(Visibility.ZONES, new MutableClock(Instant.parse("2024-05-01T10:00:00Z")));
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            try (ImdsSimulator a = ImdsSimulator.start(azure.region(), "vm-a", Visibility.ZONES, loopback)) {
                ScheduledEvent scheduled = azure.schedule(EventType.REBOOT, "vm-a");

                ScheduledEventsDocument overHttp = sourceFor(a).fetch();
                assertThat(overHttp.incarnation()).isEqualTo(azure.incarnation());
                assertThat(overHttp.events()).containsExactly(scheduled);
                assertThat(overHttp).isEqualTo(azure.sourceFor("vm-a").fetch());
                assertThat(azure.sourceFor("vm-b").fetch().events()).isEmpty();

                sourceFor(a).approve(Set.of(scheduled.id()));

                assertThat(azure.approvals()).containsExactly(new FakeAzure.Approval("vm-a", Set.of(scheduled.id())));
                assertThat(azure.event(scheduled.id())).hasValueSatisfying(e -> assertThat(e.isStarted()).isTrue());
                assertThat(azure.sourceFor("vm-a").fetch().incarnation()).isEqualTo(sourceFor(a).fetch().incarnation());

                azure.complete(scheduled.id());
                assertThat(sourceFor(a).fetch().events()).isEmpty();
            }
        }

        @Test
        @DisplayName("setting the VM name changes compute.name")
        void rename() {
            sim.setVmName("vm-renamed");
            assertThat(sourceFor(sim).vmName()).isEqualTo("vm-renamed");
        }
    }
}
