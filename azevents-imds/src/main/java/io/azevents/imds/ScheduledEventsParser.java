package io.azevents.imds;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.QuarantinedEvent;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.imds.ImdsDocumentException;
import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a scheduled-events answer straight to a {@link ScheduledEventsDocument}.
 *
 * <p>Three kinds of content, three rules:
 * <ul>
 *   <li><b>The document's structure</b> refuses the whole document with an
 *       {@link ImdsDocumentException}: not JSON, not an object, content after it,
 *       {@code DocumentIncarnation} missing or not an integer, {@code Events} missing or not an array.
 *       (The transport refuses an oversize body before it gets here.)</li>
 *   <li><b>Fields a decision depends on</b>, per event: {@code EventId} (a GUID, see
 *       {@link Names#isEventId}), {@code EventType} and {@code EventStatus} (non-blank strings; unknown
 *       values are carried) and {@code Resources} (an array of valid VM names, see
 *       {@link Names#isNodeName}). An event where one of them is missing or invalid, that is not an
 *       object, or whose id repeats an earlier event's, is <em>quarantined</em>: left out of
 *       {@link ScheduledEventsDocument#events()}, so it is never written to the cluster or approved,
 *       and listed in {@link ScheduledEventsDocument#quarantined()} with its id (quoted, or
 *       {@code "unknown"}), the names of its resources that are valid, and a reason naming the field
 *       ({@code Events[2].EventId is not a GUID: 'abc'}; when there are several problems, the first
 *       and how many more). The other events of the document are unaffected. Of two events with the
 *       same id the first is kept, whatever becomes of it, and the later one quarantined.</li>
 *   <li><b>Fields no decision depends on</b> never hide an event. {@code NotBefore}: RFC 1123
 *       ({@code Mon, 19 Sep 2016 18:29:47 GMT}, day of one or two digits) or ISO 8601
 *       ({@code 2016-09-19T18:29:47Z}, an offset such as {@code +00:00} or {@code +0000}, fractional
 *       seconds, a space instead of the {@code T}, no zone at all meaning UTC); empty, blank, null or
 *       absent means none; anything else is unknown (empty) and its text is kept in
 *       {@link ScheduledEvent#otherFields()} under {@code "NotBefore"}. {@code DurationInSeconds}: an
 *       integer, or a string of one, of at least -1; anything else is -1 (unknown) with its text kept
 *       under {@code "DurationInSeconds"}. {@code EventSource}: a string (blank is Unknown); another
 *       scalar is Unknown with its text kept under {@code "EventSource"}. {@code Description} and
 *       {@code ResourceType}: any scalar, as text (defaults "" and "VirtualMachine"). An object or an
 *       array in one of these fields is skipped, as if the field were absent.</li>
 * </ul>
 * Unknown scalar fields of an event are kept in {@code otherFields}; other unknown fields are skipped.
 * Every reason and every message quotes values through {@link Excerpt}: cut short, control
 * characters escaped, one line.
 */
final class ScheduledEventsParser extends JsonReader<ScheduledEventsDocument> {
    /** ISO 8601 with an offset without colon: {@code 2016-09-19T18:29:47+0000}. */
    private static final DateTimeFormatter ISO_COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String NOT_A_VM_NAME =
            "is not a valid VM name (letters, digits, '.', '_', '-', at most 80): ";

    private ScheduledEventsParser(URI uri, byte[] body) {
        super(uri, body, "scheduled events");
    }

    /**
     * Parses {@code body}, the answer of {@code uri}.
     *
     * @throws ImdsDocumentException if the document as a whole cannot be used (see the class comment)
     */
    public static ScheduledEventsDocument parse(URI uri, byte[] body) {
        return new ScheduledEventsParser(uri, body).read();
    }

    /**
     * {@code NotBefore} text as an instant, when it is one of the forms the class comment lists.
     *
     * @return empty when {@code text} is blank or in none of those forms
     */
    public static Optional<Instant> parseNotBefore(String text) {
        String v = text.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.parse(v, Instant::from));
        } catch (DateTimeException e) {
            // not RFC 1123; try ISO 8601
        }
        String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, Instant::from, LocalDateTime::from);
            return Optional.of(t instanceof LocalDateTime local ? local.toInstant(ZoneOffset.UTC) : (Instant) t);
        } catch (DateTimeException e) {
            // not the extended form; try a compact offset
        }
        try {
            return Optional.of(ISO_COMPACT_OFFSET.parse(iso, Instant::from));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    ScheduledEventsDocument readDocument() throws IOException {
        Long incarnation = null;
        Events events = null;
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
                    events = new Events();
                    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                        event("Events[" + i + "]", events);
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
            return new ScheduledEventsDocument(incarnation, events.valid, events.quarantined);
        } catch (IllegalArgumentException e) {
            throw fail("Events", e.getMessage(), e);
        }
    }

    /** The events read so far: valid, quarantined, and where each id was first seen. */
    private static final class Events {
        final List<ScheduledEvent> valid = new ArrayList<>();
        final List<QuarantinedEvent> quarantined = new ArrayList<>();
        final Map<String, String> firstSeenAt = new HashMap<>();
    }

    /** Reads the event the parser is on, {@code at} being its path; adds it to {@code events}. */
    private void event(String at, Events events) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            String what = describeCurrent();
            p.skipChildren();
            events.quarantined.add(new QuarantinedEvent(QuarantinedEvent.UNKNOWN_ID, List.of(),
                    at + " must be an object but is " + what));
            return;
        }
        List<String> problems = new ArrayList<>();
        boolean idSeen = false;
        boolean typeSeen = false;
        boolean statusSeen = false;
        boolean resourcesSeen = false;
        String id = null;
        String rawId = QuarantinedEvent.UNKNOWN_ID;
        String type = null;
        String status = null;
        List<String> resources = List.of();
        String resourceType = "VirtualMachine";
        Optional<Instant> notBefore = Optional.empty();
        String description = "";
        EventInitiator source = EventInitiator.UNKNOWN;
        long duration = -1;
        Map<String, String> other = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String field = at + "." + name;
            JsonToken t = p.nextToken();
            switch (name) {
                case "EventId" -> {
                    idSeen = true;
                    id = null;
                    rawId = t.isScalarValue() && t != JsonToken.VALUE_NULL ? Names.quote(p.getText())
                            : QuarantinedEvent.UNKNOWN_ID;
                    String v = decisionString(field, problems);
                    if (v != null && Names.isEventId(v)) {
                        id = v;
                    } else if (v != null) {
                        problems.add(field + " is not a GUID: " + Excerpt.quote(v, 100));
                    }
                }
                case "EventType" -> {
                    typeSeen = true;
                    type = decisionString(field, problems);
                }
                case "EventStatus" -> {
                    statusSeen = true;
                    status = decisionString(field, problems);
                }
                case "Resources" -> {
                    resourcesSeen = true;
                    resources = resources(field, problems);
                }
                case "ResourceType" -> resourceType = scalarText().orElse("VirtualMachine");
                case "Description" -> description = scalarText().orElse("");
                case "NotBefore" -> {
                    other.remove(name);
                    Optional<String> text = scalarText();
                    notBefore = text.flatMap(ScheduledEventsParser::parseNotBefore);
                    if (notBefore.isEmpty() && text.isPresent() && !text.get().isBlank()) {
                        other.put(name, text.get());
                    }
                }
                case "EventSource" -> {
                    other.remove(name);
                    boolean isString = t == JsonToken.VALUE_STRING;
                    Optional<String> text = scalarText();
                    source = isString ? EventInitiator.of(text.get()) : EventInitiator.UNKNOWN;
                    if (!isString) {
                        text.ifPresent(v -> other.put(name, v));
                    }
                }
                case "DurationInSeconds" -> {
                    other.remove(name);
                    OptionalDuration d = duration();
                    duration = d.seconds;
                    if (d.unparsed != null) {
                        other.put(name, d.unparsed);
                    }
                }
                default -> {
                    if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                        other.put(name, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        requirePresent(at + ".EventId", idSeen, problems);
        requirePresent(at + ".EventType", typeSeen, problems);
        requirePresent(at + ".EventStatus", statusSeen, problems);
        requirePresent(at + ".Resources", resourcesSeen, problems);
        if (id != null) {
            String first = events.firstSeenAt.putIfAbsent(id, at);
            if (first != null) {
                problems.add(at + ".EventId repeats the id of " + first + ": " + Excerpt.quote(id, 100));
            }
        }
        if (problems.isEmpty()) {
            try {
                events.valid.add(new ScheduledEvent(id, EventType.of(type), EventStatus.of(status), resourceType,
                        resources, notBefore, description, source, duration, other));
                return;
            } catch (IllegalArgumentException e) {
                problems.add(at + " " + e.getMessage());
            }
        }
        events.quarantined.add(new QuarantinedEvent(rawId, resources, reason(problems)));
    }

    private static void requirePresent(String field, boolean seen, List<String> problems) {
        if (!seen) {
            problems.add(field + " is missing");
        }
    }

    /** The first problem, and how many more there are. */
    private static String reason(List<String> problems) {
        int more = problems.size() - 1;
        return problems.get(0) + (more == 0 ? "" : " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")");
    }

    /** The current value of a field a decision depends on: a non-blank string, or null with a problem. */
    private String decisionString(String field, List<String> problems) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            problems.add(field + " must be a string but is " + describeCurrent());
            p.skipChildren();
            return null;
        }
        String v = p.getText();
        if (v.isBlank()) {
            problems.add(field + " is blank");
            return null;
        }
        return v;
    }

    /** The valid VM names of {@code Resources}; a problem for each invalid entry. */
    private List<String> resources(String field, List<String> problems) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            problems.add(field + " must be an array of VM names but is " + describeCurrent());
            p.skipChildren();
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            String at = field + "[" + i + "]";
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                problems.add(at + " must be a string but is " + describeCurrent());
                p.skipChildren();
            } else if (!Names.isNodeName(p.getText())) {
                problems.add(at + " " + NOT_A_VM_NAME + Excerpt.quote(p.getText(), 100));
            } else {
                names.add(p.getText());
            }
        }
        return names;
    }

    /** The text of the current scalar; empty for null, and for an object or array (skipped). */
    private Optional<String> scalarText() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        if (!t.isScalarValue()) {
            p.skipChildren();
            return Optional.empty();
        }
        return Optional.of(p.getText());
    }

    /** A duration in seconds (-1: unknown) and, when it was not one, the text that was sent. */
    private record OptionalDuration(long seconds, String unparsed) {
    }

    private OptionalDuration duration() throws IOException {
        JsonToken t = p.currentToken();
        Optional<String> text = scalarText();
        if (text.isEmpty()) {
            return new OptionalDuration(-1, null);
        }
        String v = text.get().strip();
        boolean integer = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                || t == JsonToken.VALUE_STRING && v.matches("-?\\d{1,12}");
        if (integer) {
            long d = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : Long.parseLong(v);
            if (d >= -1) {
                return new OptionalDuration(d, null);
            }
        }
        return new OptionalDuration(-1, text.get());
    }
}
