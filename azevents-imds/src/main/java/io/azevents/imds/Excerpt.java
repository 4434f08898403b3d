package io.azevents.imds;

import java.nio.charset.StandardCharsets;

/** Short, quoted, single-line excerpts of untrusted text for messages and logs. */
final class Excerpt {
    /** How much of a body a message quotes. */
    public static final int BODY_CHARS = 200;

    private Excerpt() {
    }

    /** The start of {@code body} as UTF-8 text, cut to {@link #BODY_CHARS}, control characters escaped. */
    public static String ofBody(byte[] body) {
        int n = Math.min(body.length, BODY_CHARS * 4);
        return quote(new String(body, 0, n, StandardCharsets.UTF_8), BODY_CHARS, body.length > n);
    }

    /** {@code value} quoted, cut to {@code max} characters, control characters escaped. */
    public static String quote(String value, int max) {
        return quote(value, max, false);
    }

    private static String quote(String value, int max, boolean truncatedAlready) {
        StringBuilder b = new StringBuilder("'");
        int end = Math.min(value.length(), max);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('\'');
        if (value.length() > end || truncatedAlready) {
            b.append("...");
        }
        return b.toString();
    }
}
