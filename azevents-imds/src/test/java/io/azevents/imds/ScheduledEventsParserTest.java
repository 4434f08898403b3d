package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.azevents.core.EventInitiator;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.QuarantinedEvent;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.imds.ImdsDocumentException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser on its own: which content refuses the document, which quarantines an event, which is lenient. */
class ScheduledEventsParserTest {
    static final URI URL = URI.create("http://169.254.169.254/metadata/scheduledevents?api-version=2020-07-01");
    static final String ID = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";
    static final String ID2 = "0c3a4c4d-2222-4a4a-9b9b-0123456789ab";
    static final String VM = "vm1";

    static ScheduledEventsDocument parse(String json) {
        return ScheduledEventsParser.parse(URL, json.getBytes(StandardCharsets.UTF_8));
    }

    static String fields(String id, String... extra) {
        return "{\"EventId\":\"" + id + "\",\"EventType\":\"Reboot\",\"EventStatus\":\"Scheduled\","
                + "\"Resources\":[\"" + VM + "\"]" + (extra.length == 0 ? "" : "," + String.join(",", extra)) + "}";
    }

    static String doc(String... events) {
        return "{\"DocumentIncarnation\":3,\"Events\":[" + String.join(",", events) + "]}";
    }

    @Nested
    @DisplayName("NotBefore")
    class NotBefore {
        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', value = {
            "Mon, 19 Sep 2016 18:29:47 GMT      | 2016-09-19T18:29:47Z",
            "Mon, 5 Sep 2016 18:29:47 GMT       | 2016-09-05T18:29:47Z",
            "Mon, 05 Sep 2016 18:29:47 GMT      | 2016-09-05T18:29:47Z",
            "mon, 19 sep 2016 18:29:47 gmt      | 2016-09-19T18:29:47Z",
            "Mon, 19 Sep 2016 20:29:47 +0200    | 2016-09-19T18:29:47Z",
            "2016-09-19T18:29:47Z               | 2016-09-19T18:29:47Z",
            "2016-09-19t18:29:47z               | 2016-09-19T18:29:47Z",
            "2016-09-19T18:29:47+00:00          | 2016-09-19T18:29:47Z",
            "2016-09-19T13:29:47-05:00          | 2016-09-19T18:29:47Z",
            "2016-09-19T18:29:47+0000           | 2016-09-19T18:29:47Z",
            "2016-09-19T18:29:47.5Z             | 2016-09-19T18:29:47.500Z",
            "2016-09-19T18:29:47.1234567Z       | 2016-09-19T18:29:47.123456700Z",
            "2016-09-19T18:29:47.123+01:00      | 2016-09-19T17:29:47.123Z",
            "2016-09-19T18:29:47                | 2016-09-19T18:29:47Z",
            "2016-09-19T18:29                   | 2016-09-19T18:29:00Z",
            "2016-09-19 18:29:47                | 2016-09-19T18:29:47Z",
            "2016-09-19 18:29:47.25             | 2016-09-19T18:29:47.250Z",
            "2016-09-19 18:29:47Z               | 2016-09-19T18:29:47Z"})
        @DisplayName("RFC 1123 and ISO 8601 forms are read; a local date-time is UTC")
        void forms(String text, String expected) {
            assertThat(ScheduledEventsParser.parseNotBefore(text)).contains(Instant.parse(expected));
            assertThat(ScheduledEventsParser.parseNotBefore("  " + text + " ")).contains(Instant.parse(expected));
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"", "   ", "tomorrow", "2016-09-19", "18:29:47", "2016-02-30T00:00:00Z",
            "2016-09-19T25:00:00Z", "Tue, 19 Sep 2016 18:29:47 GMT", "19 Sep 2016 18:29:47 CEST", "1474309787",
            "2016-09-19  18:29:47"})
        @DisplayName("anything else is not a date")
        void notDates(String text) {
            assertThat(ScheduledEventsParser.parseNotBefore(text)).isEmpty();
        }

        @Test
        @DisplayName("an unreadable NotBefore is unknown and kept as sent; empty, blank and null are none")
        void keptAsSent() {
            ScheduledEventsDocument d = parse(doc(fields(ID, "\"NotBefore\":\" next week \""),
                    fields(ID2, "\"NotBefore\":\"  \"")));

            assertThat(d.events()).extracting(ScheduledEvent::notBefore).containsOnly(Optional.empty());
            assertThat(d.events().get(0).otherFields()).isEqualTo(Map.of("NotBefore", " next week "));
            assertThat(d.events().get(1).otherFields()).isEmpty();
            assertThat(parse(doc(fields(ID, "\"NotBefore\":null"))).events().get(0).otherFields()).isEmpty();
        }

        @Test
        @DisplayName("a later NotBefore that can be read replaces an earlier one that could not")
        void repeatedField() {
            ScheduledEvent e = parse(doc(fields(ID, "\"NotBefore\":\"x\"", "\"NotBefore\":\"2016-09-19T18:29:47Z\"")))
                    .events().get(0);

            assertThat(e.notBefore()).contains(Instant.parse("2016-09-19T18:29:47Z"));
            assertThat(e.otherFields()).isEmpty();
        }
    }

    @Nested
    @DisplayName("fields no decision depends on")
    class Lenient {
        @Test
        @DisplayName("every optional field unreadable at once: the event is still there, unknowns kept as text")
        void allAtOnce() {
            ScheduledEvent e = parse(doc(fields(ID, "\"ResourceType\":false", "\"NotBefore\":\"?\"",
                    "\"Description\":1.5", "\"EventSource\":12", "\"DurationInSeconds\":\"1e3\"", "\"Extra\":\"kept\"")))
                    .events().get(0);

            assertThat(e).isEqualTo(new ScheduledEvent(ID, EventType.REBOOT, EventStatus.SCHEDULED, "false",
                    List.of(VM), Optional.empty(), "1.5", EventInitiator.UNKNOWN, -1,
                    Map.of("NotBefore", "?", "EventSource", "12", "DurationInSeconds", "1e3", "Extra", "kept")));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {"0|0", "-1|-1", "\"30\"|30", "\" 42 \"|42", "null|-1"})
        @DisplayName("a duration that can be read")
        void durations(String json, long expected) {
            ScheduledEvent e = parse(doc(fields(ID, "\"DurationInSeconds\":" + json))).events().get(0);

            assertThat(e.durationSeconds()).isEqualTo(expected);
            assertThat(e.otherFields()).isEmpty();
        }
    }

    @Nested
    @DisplayName("fields a decision depends on")
    class Decisive {
        @Test
        @DisplayName("a bad event between good ones is quarantined, the others are in order")
        void betweenGoodOnes() {
            String id3 = ID.replace('1', '3');
            ScheduledEventsDocument d = parse(doc(fields(ID), fields("not-a-guid"), fields(id3)));

            assertThat(d.incarnation()).isEqualTo(3);
            assertThat(d.events()).extracting(ScheduledEvent::id).containsExactly(ID, id3);
            assertThat(d.quarantined()).containsExactly(new QuarantinedEvent("'not-a-guid'", List.of(VM),
                    "Events[1].EventId is not a GUID: 'not-a-guid'"));
            assertThat(d.quarantinedFor(VM)).hasSize(1);
            assertThat(d.quarantinedFor("vm2")).isEmpty();
        }

        @Test
        @DisplayName("an id that is a number is quoted as sent")
        void numericId() {
            ScheduledEventsDocument d = parse(doc(fields(ID).replace("\"" + ID + "\"", "12345")));

            assertThat(d.quarantined()).containsExactly(new QuarantinedEvent("'12345'", List.of(VM),
                    "Events[0].EventId must be a string but is the number '12345'"));
        }

        @Test
        @DisplayName("an event that is an empty object: every required field is missing")
        void emptyObject() {
            assertThat(parse(doc("{}")).quarantined()).containsExactly(new QuarantinedEvent("unknown", List.of(),
                    "Events[0].EventId is missing (and 3 more problems)"));
        }

        @Test
        @DisplayName("an empty Resources array is valid: the event concerns no VM")
        void emptyResources() {
            assertThat(parse(doc(fields(ID).replace("[\"" + VM + "\"]", "[]"))).events())
                    .singleElement().satisfies(e -> assertThat(e.resources()).isEmpty());
        }
    }

    @Nested
    @DisplayName("the document's structure")
    class Structure {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "[]                                             | $",
            "{\"DocumentIncarnation\":1,\"Events\":[]} x    | $",
            "{\"DocumentIncarnation\":1,\"Events\":[{]}     | $",
            "{\"DocumentIncarnation\":\"1\",\"Events\":[]}  | DocumentIncarnation",
            "{\"Events\":[]}                                | DocumentIncarnation",
            "{\"DocumentIncarnation\":1,\"Events\":{}}      | Events",
            "{\"DocumentIncarnation\":1,\"Events\":null}    | Events",
            "{\"DocumentIncarnation\":1}                    | Events"})
        @DisplayName("still refuses the whole document")
        void refused(String json, String field) {
            ImdsDocumentException e = catchThrowableOfType(ImdsDocumentException.class, () -> parse(json));

            assertThat(e).isNotNull();
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith("IMDS scheduled events from " + URL + " refused: ");
        }
    }
}
