package io.azevents.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator's JSON, written and read without a JSON library. */
class SimulatorJsonTest {
    private static final String ID = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("strings are written with JSON's escapes, other characters as they are")
    void escapes() {
        assertThat(JsonText.string(new StringBuilder(), "a\"b\\c\n\t\u0001é/").toString())
                .isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001é/\"");
    }

    @Test
    @DisplayName("what it writes, it reads back")
    void roundTrip() {
        ScheduledEvent e = ScheduledEvent.of(ID, EventType.REBOOT, Optional.of(Instant.parse("2026-01-01T00:15:00Z")),
                "node1", "node2");
        Object doc = JsonText.parse(new String(SimulatorJson.document(7, List.of(e)), StandardCharsets.UTF_8));

        List<Map.Entry<String, Object>> top = ((JsonText.Members) doc).entries();
        assertThat(top.get(0)).isEqualTo(Map.entry("DocumentIncarnation", new BigDecimal(7)));
        JsonText.Members event = (JsonText.Members) ((List<?>) top.get(1).getValue()).get(0);
        assertThat(event.entries()).contains(Map.entry("EventId", ID), Map.entry("EventType", "Reboot"),
                Map.entry("Resources", List.of("node1", "node2")),
                Map.entry("NotBefore", "Thu, 01 Jan 2026 00:15:00 GMT"));
    }

    @Test
    @DisplayName("a valid approval gives its ids, in order, whatever else the body holds")
    void approval() {
        assertThat(SimulatorJson.startRequests(utf8(" {\"x\": [1, -2.5e3, true, null, {}],\"StartRequests\":"
                + "[{\"EventId\":\"" + ID + "\", \"y\": {\"z\": []}}]}\n"))).containsExactly(ID);
    }

    @Test
    @DisplayName("a malformed approval is refused with the reason")
    void malformed() {
        Map<String, String> reasons = Map.of(
                "", "not a JSON object",
                "[]", "not a JSON object",
                "{", "not valid JSON",
                "{\"StartRequests\":[{\"EventId\":\"" + ID + "\"}]} {}", "content after",
                "{\"StartRequests\":{}}", "not an array",
                "{\"StartRequests\":[]}", "is empty",
                "{\"StartRequests\":[1]}", "something else than objects",
                "{\"StartRequests\":[{\"EventId\":1}]}", "not a string",
                "{\"StartRequests\":[{\"EventId\":\"nope\"}]}", "not a GUID",
                "{\"Other\":01}", "not valid JSON");
        reasons.forEach((body, reason) -> assertThatThrownBy(() -> SimulatorJson.startRequests(utf8(body)))
                .as(body).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason));
        assertThatThrownBy(() -> SimulatorJson.startRequests(utf8("[".repeat(5000))))
                .hasMessageContaining("nested deeper");
    }
}
