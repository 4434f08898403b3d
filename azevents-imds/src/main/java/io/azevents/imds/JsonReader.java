package io.azevents.imds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.azevents.imds.ImdsDocumentException;
import java.io.IOException;
import java.net.URI;

/**
 * What both IMDS parsers share: a streaming parser over one body (Jackson's {@code JsonParser}, not
 * databind, which costs about 150 ms more of JVM start-up) and errors that name the field and quote
 * the value. Not thread-safe; one instance per body.
 */
abstract class JsonReader<T> {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    final URI uri;
    final byte[] body;
    final String what;
    JsonParser p;

    JsonReader(URI uri, byte[] body, String what) {
        this.uri = uri;
        this.body = body;
        this.what = what;
    }

    /** Parses the whole body: one JSON object, nothing after it. */
    final T read() {
        try (JsonParser parser = FACTORY.createParser(body)) {
            p = parser;
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw fail("$", "the answer is not a JSON object; it starts " + Excerpt.ofBody(body), null);
            }
            T result = readDocument();
            if (p.nextToken() != null) {
                throw fail("$", "there is content after the JSON document; the answer starts "
                        + Excerpt.ofBody(body), null);
            }
            return result;
        } catch (JsonProcessingException e) {
            throw fail("$", "the answer is not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "); it starts " + Excerpt.ofBody(body), e);
        } catch (IOException e) {
            throw fail("$", "the answer could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads the document; the parser is on its opening brace. */
    abstract T readDocument() throws IOException;

    /** The current value as a string, or a failure naming {@code field}. */
    final String string(String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fail(field, "must be a string but is " + describeCurrent(), null);
        }
        return p.getText();
    }

    /** A description of the current token for a message: its kind and an excerpt. */
    final String describeCurrent() throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "the string " + Excerpt.quote(p.getText(), 100);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + Excerpt.quote(p.getText(), 40);
            case VALUE_TRUE, VALUE_FALSE -> "the boolean " + p.getText();
            default -> String.valueOf(t);
        };
    }

    final ImdsDocumentException fail(String field, String problem, Throwable cause) {
        String where = "$".equals(field) ? "" : "field " + field + " ";
        return new ImdsDocumentException("IMDS " + what + " from " + uri + " refused: " + where + problem,
                uri, field, cause);
    }
}
