package io.azevents.imds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.azevents.core.EventInitiator;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The simulator's JSON: the documents IMDS sends and the approval body it receives. */
final class SimulatorJson {
    /** NotBefore as IMDS writes it: {@code Mon, 19 Sep 2016 18:29:47 GMT}. */
    public static final DateTimeFormatter NOT_BEFORE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final JsonFactory FACTORY = new JsonFactory();
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
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("DocumentIncarnation", incarnation);
            g.writeArrayFieldStart("Events");
            for (ScheduledEvent e : events) {
                g.writeStartObject();
                g.writeStringField("EventId", e.id());
                g.writeStringField("EventStatus", e.status().value());
                g.writeStringField("EventType", e.type().value());
                g.writeStringField("ResourceType", e.resourceType());
                g.writeArrayFieldStart("Resources");
                for (String r : e.resources()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                // An unknown NotBefore or duration is sent as the text it was read from, if any.
                g.writeStringField("NotBefore", e.notBefore().map(NOT_BEFORE::format)
                        .orElse(e.otherFields().getOrDefault("NotBefore", "")));
                g.writeStringField("Description", e.description());
                if (!e.initiator().equals(EventInitiator.UNKNOWN)) {
                    g.writeStringField("EventSource", e.initiator().value());
                }
                String rawDuration = e.otherFields().get("DurationInSeconds");
                if (e.durationSeconds() == -1 && rawDuration != null) {
                    g.writeStringField("DurationInSeconds", rawDuration);
                } else {
                    g.writeNumberField("DurationInSeconds", e.durationSeconds());
                }
                for (Map.Entry<String, String> f : new TreeMap<>(e.otherFields()).entrySet()) {
                    if (!MODELLED.contains(f.getKey())) {
                        g.writeStringField(f.getKey(), f.getValue());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** An instance-metadata document for {@code vmName}, with a few of the real fields around it. */
    public static byte[] instance(String vmName, String zone) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("compute");
            g.writeStringField("azEnvironment", "AzurePublicCloud");
            g.writeStringField("location", "simulated");
            g.writeStringField("name", vmName);
            g.writeStringField("osType", "Linux");
            g.writeStringField("vmId", java.util.UUID.nameUUIDFromBytes(vmName.getBytes()).toString());
            g.writeStringField("zone", zone);
            g.writeArrayFieldStart("tagsList");
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("network");
            g.writeArrayFieldStart("interface");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A JSON error body as IMDS sends them. */
    public static byte[] error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /**
     * The ids of {@code {"StartRequests":[{"EventId":"..."}]}}.
     *
     * @throws IllegalArgumentException saying what is wrong with a malformed body
     */
    public static List<String> startRequests(byte[] body) {
        List<String> ids = new ArrayList<>();
        boolean seen = false;
        try (JsonParser p = FACTORY.createParser(body)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "the body is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!"StartRequests".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                seen = true;
                expect(t == JsonToken.START_ARRAY, "StartRequests is not an array");
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String id = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("EventId".equals(f)) {
                            expect(v == JsonToken.VALUE_STRING, "EventId is not a string");
                            id = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                    expect(id != null, "a start request has no EventId");
                    expect(Names.isEventId(id), "EventId is not a GUID: " + Names.quote(id));
                    ids.add(id);
                }
                expect(p.currentToken() == JsonToken.END_ARRAY, "StartRequests holds something else than objects");
            }
            expect(p.nextToken() == null, "content after the JSON object");
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getMessage(), e);
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

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
