package io.azevents.simulation;

import io.azevents.core.EventInitiator;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulator's JSON: the documents IMDS sends and the approval body it receives. Written and read
 * with the JDK alone ({@link JsonText}), so that the simulator needs no JSON library.
 */
final class SimulatorJson {
    /** NotBefore as IMDS writes it: {@code Mon, 19 Sep 2016 18:29:47 GMT}. */
    public static final DateTimeFormatter NOT_BEFORE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** The fields written from the event's components, never twice from its {@code otherFields}. */
    private static final Set<String> MODELLED = Set.of("EventId", "EventStatus", "EventType", "ResourceType",
            "Resources", "NotBefore", "Description", "EventSource", "DurationInSeconds");

    private SimulatorJson() {
    }

    /**
     * The scheduled-events document, fields in the order IMDS writes them. An event read with an
     * unparsable {@code NotBefore} or {@code DurationInSeconds} (kept in its {@code otherFields}) is
     * written back with that text; other {@code otherFields} named like a modelled field are left out,
     * so no field is written twice.
     */
    public static byte[] document(long incarnation, List<ScheduledEvent> events) {
        StringBuilder b = new StringBuilder("{\"DocumentIncarnation\":").append(incarnation).append(",\"Events\":[");
        String eventSep = "";
        for (ScheduledEvent e : events) {
            b.append(eventSep).append('{');
            eventSep = ",";
            field(b, "EventId", e.id()).append(',');
            field(b, "EventStatus", e.status().value()).append(',');
            field(b, "EventType", e.type().value()).append(',');
            field(b, "ResourceType", e.resourceType()).append(",\"Resources\":[");
            String sep = "";
            for (String r : e.resources()) {
                JsonText.string(b.append(sep), r);
                sep = ",";
            }
            b.append("],");
            // An unknown NotBefore or duration is sent as the text it was read from, if any.
            field(b, "NotBefore", e.notBefore().map(NOT_BEFORE::format)
                    .orElse(e.otherFields().getOrDefault("NotBefore", ""))).append(',');
            field(b, "Description", e.description());
            if (!e.initiator().equals(EventInitiator.UNKNOWN)) {
                field(b.append(','), "EventSource", e.initiator().value());
            }
            String rawDuration = e.otherFields().get("DurationInSeconds");
            if (e.durationSeconds() == -1 && rawDuration != null) {
                field(b.append(','), "DurationInSeconds", rawDuration);
            } else {
                b.append(",\"DurationInSeconds\":").append(e.durationSeconds());
            }
            for (Map.Entry<String, String> f : new TreeMap<>(e.otherFields()).entrySet()) {
                if (!MODELLED.contains(f.getKey())) {
                    field(b.append(','), f.getKey(), f.getValue());
                }
            }
            b.append('}');
        }
        return bytes(b.append("]}"));
    }

    /** An instance-metadata document for {@code vmName}, with a few of the real fields around it. */
    public static byte[] instance(String vmName, String zone) {
        StringBuilder b = new StringBuilder("{\"compute\":{");
        field(b, "azEnvironment", "AzurePublicCloud").append(',');
        field(b, "location", "simulated").append(',');
        field(b, "name", vmName).append(',');
        field(b, "osType", "Linux").append(',');
        field(b, "vmId", java.util.UUID.nameUUIDFromBytes(vmName.getBytes()).toString()).append(',');
        field(b, "zone", zone).append(",\"tagsList\":[]},\"network\":{\"interface\":[]}}");
        return bytes(b);
    }

    /** A JSON error body as IMDS sends them. */
    public static byte[] error(String message) {
        return bytes(field(new StringBuilder("{"), "error", message).append('}'));
    }

    /**
     * The ids of {@code {"StartRequests":[{"EventId":"..."}]}}.
     *
     * @throws IllegalArgumentException saying what is wrong with a malformed body
     */
    public static List<String> startRequests(byte[] body) {
        Object root = JsonText.parse(new String(body, StandardCharsets.UTF_8));
        expect(root instanceof JsonText.Members, "the body is not a JSON object");
        List<String> ids = new ArrayList<>();
        boolean seen = false;
        for (Map.Entry<String, Object> member : ((JsonText.Members) root).entries()) {
            if (!"StartRequests".equals(member.getKey())) {
                continue;
            }
            seen = true;
            expect(member.getValue() instanceof List<?>, "StartRequests is not an array");
            for (Object request : (List<?>) member.getValue()) {
                expect(request instanceof JsonText.Members, "StartRequests holds something else than objects");
                String id = null;
                for (Map.Entry<String, Object> f : ((JsonText.Members) request).entries()) {
                    if ("EventId".equals(f.getKey())) {
                        expect(f.getValue() instanceof String, "EventId is not a string");
                        id = (String) f.getValue();
                    }
                }
                expect(id != null, "a start request has no EventId");
                expect(Names.isEventId(id), "EventId is not a GUID: " + Names.quote(id));
                ids.add(id);
            }
        }
        expect(seen, "StartRequests is missing");
        expect(!ids.isEmpty(), "StartRequests is empty");
        return ids;
    }

    private static void expect(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        JsonText.string(b, name).append(':');
        return JsonText.string(b, value);
    }

    private static byte[] bytes(StringBuilder b) {
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
