package io.azevents.imds;

import io.azevents.core.ScheduledEventsException;
import java.net.URI;
import java.util.Objects;

/**
 * IMDS answered, but with a document azevents refuses as a whole: not JSON, not an object, a
 * missing or malformed {@code DocumentIncarnation}, {@code Events} missing or not an array, a body
 * over the size cap. The message names the field and quotes an excerpt of the offending value. Never
 * retried. (A single bad event, such as one whose id is not a GUID or whose resources are not valid
 * VM names, does not refuse the document: it is quarantined, see
 * {@link io.azevents.core.ScheduledEventsDocument#quarantined()}.)
 */
public class ImdsDocumentException extends ScheduledEventsException {
    private static final long serialVersionUID = 1L;
    /** The URL whose answer was refused. */
    private final URI url;
    /** The JSON path of the offending field, {@code "$"} for the document as a whole. */
    private final String field;

    /**
     * A refused document.
     *
     * @param message the operator's message, naming the field and quoting the value
     * @param url     the URL whose answer was refused
     * @param field   the JSON path of the offending field ({@code Events[2].EventId}), or {@code "$"}
     * @param cause   the parser's exception, or {@code null}
     * @throws NullPointerException if {@code url} or {@code field} is null
     */
    public ImdsDocumentException(String message, URI url, String field, Throwable cause) {
        super(message, null, cause);
        this.url = Objects.requireNonNull(url, "url");
        this.field = Objects.requireNonNull(field, "field");
    }

    /**
     * The URL whose answer was refused.
     *
     * @return the URL, with its query
     */
    public URI url() {
        return url;
    }

    /**
     * The JSON path of the offending field, {@code "$"} for the document as a whole.
     *
     * @return the path, for example {@code Events[2].EventId}
     */
    public String field() {
        return field;
    }
}
