package io.azevents.imds;

import com.fasterxml.jackson.core.JsonToken;
import io.azevents.core.Names;
import java.io.IOException;
import java.net.URI;

/** Reads {@code compute.name} from an instance-metadata answer, skipping everything else. */
final class InstanceParser extends JsonReader<String> {

    private InstanceParser(URI uri, byte[] body) {
        super(uri, body, "instance metadata");
    }

    /** The VM name in {@code body}, validated with {@link Names#isNodeName}. */
    public static String vmName(URI uri, byte[] body) {
        return new InstanceParser(uri, body).read();
    }

    @Override
    String readDocument() throws IOException {
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!"compute".equals(field)) {
                p.skipChildren();
                continue;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail("compute", "must be an object but is " + describeCurrent(), null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String inner = p.currentName();
                p.nextToken();
                if ("name".equals(inner)) {
                    name = string("compute.name");
                } else {
                    p.skipChildren();
                }
            }
        }
        if (name == null) {
            throw fail("compute.name", "is missing; the answer starts " + Excerpt.ofBody(body), null);
        }
        if (!Names.isNodeName(name)) {
            throw fail("compute.name", "is not a valid VM name (letters, digits, '.', '_', '-', at most 80): "
                    + Excerpt.quote(name, 100), null);
        }
        return name;
    }
}
