package io.azevents.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks for identifiers that come from the network or the configuration before they reach the
 * CIB. Everything here is a pure function; thread-safe.
 */
public final class Names {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A VM or node name: what Azure and Pacemaker accept, nothing that could split a list or a line. */
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    /** A CIB attribute name (node attribute or cluster property). */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("#?[A-Za-z_][A-Za-z0-9_.:#-]{0,127}");

    private Names() {
    }

    /**
     * True if {@code id} is a GUID as Azure writes event ids.
     *
     * @param id the candidate; may be null
     * @return true if it is a GUID in 8-4-4-4-12 hexadecimal form, either case; false for null
     */
    public static boolean isEventId(String id) {
        return id != null && GUID.matcher(id).matches();
    }

    /**
     * True if {@code name} is safe as a node or VM name (letters, digits, '.', '_', '-'; max 80).
     *
     * @param name the candidate; may be null
     * @return true if it starts with a letter or digit and is made of those characters only; false
     *     for null
     */
    public static boolean isNodeName(String name) {
        return name != null && NODE_NAME.matcher(name).matches();
    }

    /**
     * True if {@code name} is safe as a CIB attribute name.
     *
     * @param name the candidate; may be null
     * @return true if it is an optional '#', a letter or '_', then up to 127 letters, digits or
     *     {@code _.:#-}; false for null
     */
    public static boolean isAttributeName(String name) {
        return name != null && ATTRIBUTE_NAME.matcher(name).matches();
    }

    /**
     * True if {@code value} can be stored as an attribute value: printable, one line, at most 4096 chars.
     *
     * @param value the candidate; may be null or empty
     * @return true if it has no control character and at most 4096 characters; false for null
     */
    public static boolean isAttributeValue(String value) {
        if (value == null || value.length() > 4096) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static String requireNodeName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!isNodeName(name)) {
            throw new IllegalArgumentException(what + " is not a valid node name: " + quote(name));
        }
        return name;
    }

    static String requireAttributeName(String name) {
        Objects.requireNonNull(name, "name");
        if (!isAttributeName(name)) {
            throw new IllegalArgumentException("not a valid attribute name: " + quote(name));
        }
        return name;
    }

    /**
     * Quotes a value for a message, cutting it short and escaping control characters.
     *
     * @param value the value to quote; may be null
     * @return the first 80 characters in single quotes, control characters written as Java unicode
     *     escapes, with the full length noted when cut; {@code null} (unquoted) for null
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("'");
        int max = Math.min(value.length(), 80);
        for (int i = 0; i < max; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (value.length() > max) {
            b.append("...(").append(value.length()).append(" chars)");
        }
        return b.append('\'').toString();
    }
}
