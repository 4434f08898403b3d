package io.azevents.imds.internal;

import com.fasterxml.jackson.core.JsonToken;
import io.azevents.core.EventSource;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.imds.ImdsDocumentException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a scheduled-events answer straight to a {@link ScheduledEventsDocument}.
 *
 * <p>All or nothing: one bad event refuses the whole document with an
 * {@link ImdsDocumentException}. Dropping it instead could hide the very event that is about to
 * reboot a node that was never drained. Required: {@code DocumentIncarnation}, {@code Events} (an
 * array) and, per event, {@code EventId} (a GUID), {@code EventType}, {@code EventStatus} and
 * {@code Resources} (valid VM names, see {@link Names#isNodeName}). Optional, with defaults:
 * {@code ResourceType} ("VirtualMachine", the only documented value), {@code NotBefore} (RFC 1123;
 * empty or absent means none), {@code Description} (""), {@code EventSource} (Unknown),
 * {@code DurationInSeconds} (-1, unknown). Unknown event types and statuses are carried; unknown
 * scalar fields of an event are kept in {@code otherFields}; other unknown fields are skipped.
 */
public final class ScheduledEventsParser extends JsonReader<ScheduledEventsDocument> {

    private ScheduledEventsParser(URI uri, byte[] body) {
        super(uri, body, "scheduled events");
    }

    /** Parses {@code body}, the answer of {@code uri}. */
    public static ScheduledEventsDocument parse(URI uri, byte[] body) {
        return new ScheduledEventsParser(uri, body).read();
    }

    @Override
    ScheduledEventsDocument readDocument() throws IOException {
        Long incarnation = null;
        List<ScheduledEvent> events = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "DocumentIncarnation" -> {
                    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                        throw fail(name, "must be an integer but is " + describeCurrent(), null);
                    }
                    incarnation = p.getLongValue();
                }
                case "Events" -> {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw fail(name, "must be an array but is " + describeCurrent(), null);
                    }
                    events = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        events.add(event("Events[" + events.size() + "]"));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (incarnation == null) {
            throw fail("DocumentIncarnation", "is missing; the answer starts " + Excerpt.ofBody(body), null);
        }
        if (events == null) {
            throw fail("Events", "is missing; the answer starts " + Excerpt.ofBody(body), null);
        }
        try {
            return new ScheduledEventsDocument(incarnation, events);
        } catch (IllegalArgumentException e) {
            throw fail("Events", e.getMessage(), e);
        }
    }

    private ScheduledEvent event(String at) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail(at, "must be an object but is " + describeCurrent(), null);
        }
        String id = null;
        String type = null;
        String status = null;
        String resourceType = "VirtualMachine";
        List<String> resources = null;
        Optional<Instant> notBefore = Optional.empty();
        String description = "";
        EventSource source = EventSource.UNKNOWN;
        long duration = -1;
        Map<String, String> other = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String field = at + "." + name;
            JsonToken t = p.nextToken();
            switch (name) {
                case "EventId" -> {
                    id = string(field);
                    if (!Names.isEventId(id)) {
                        throw fail(field, "is not a GUID: " + Excerpt.quote(id, 100), null);
                    }
                }
                case "EventType" -> type = nonBlank(field);
                case "EventStatus" -> status = nonBlank(field);
                case "ResourceType" -> resourceType = t == JsonToken.VALUE_NULL ? resourceType : string(field);
                case "Resources" -> resources = resources(field);
                case "NotBefore" -> notBefore = t == JsonToken.VALUE_NULL ? Optional.empty() : notBefore(field);
                case "Description" -> description = t == JsonToken.VALUE_NULL ? "" : string(field);
                case "EventSource" -> source = t == JsonToken.VALUE_NULL ? EventSource.UNKNOWN
                        : EventSource.of(string(field));
                case "DurationInSeconds" -> duration = duration(field);
                default -> {
                    if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                        other.put(name, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        requirePresent(at, "EventId", id);
        requirePresent(at, "EventType", type);
        requirePresent(at, "EventStatus", status);
        requirePresent(at, "Resources", resources);
        try {
            return new ScheduledEvent(id, EventType.of(type), EventStatus.of(status), resourceType, resources,
                    notBefore, description, source, duration, other);
        } catch (IllegalArgumentException e) {
            throw fail(at, e.getMessage(), e);
        }
    }

    private void requirePresent(String at, String name, Object value) {
        if (value == null) {
            throw fail(at + "." + name, "is missing", null);
        }
    }

    private String nonBlank(String field) throws IOException {
        String v = string(field);
        if (v.isBlank()) {
            throw fail(field, "is blank", null);
        }
        return v;
    }

    private List<String> resources(String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail(field, "must be an array of VM names but is " + describeCurrent(), null);
        }
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String at = field + "[" + names.size() + "]";
            String name = string(at);
            if (!Names.isNodeName(name)) {
                throw fail(at, "is not a valid VM name (letters, digits, '.', '_', '-', at most 80): "
                        + Excerpt.quote(name, 100), null);
            }
            names.add(name);
        }
        return names;
    }

    private Optional<Instant> notBefore(String field) throws IOException {
        String v = string(field).trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw fail(field, "is not an RFC 1123 date: " + Excerpt.quote(v, 100), e);
        }
    }

    private long duration(String field) throws IOException {
        long d;
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return -1;
        } else if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            d = p.getLongValue();
        } else if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().trim().matches("-?\\d{1,12}")) {
            d = Long.parseLong(p.getText().trim());
        } else {
            throw fail(field, "must be an integer but is " + describeCurrent(), null);
        }
        if (d < -1) {
            throw fail(field, "is below -1: " + d, null);
        }
        return d;
    }
}
