package io.azevents.simulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the simulator needs, with the JDK alone: strings written with JSON's escapes, and a
 * strict reader (RFC 8259) of small bodies into plain values: an object is {@link Members} (every
 * member, in order, repeats kept), an array a {@link List}, then {@link String}, {@link BigDecimal},
 * {@link Boolean} and {@link #NULL}.
 */
final class JsonText {
    /** JSON's {@code null}. */
    static final Object NULL = new Object();
    private static final int MAX_DEPTH = 1000;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The members of an object, in the order read. */
    record Members(List<Map.Entry<String, Object>> entries) {
    }

    private final String text;
    private int at;

    private JsonText(String text) {
        this.text = text;
    }

    /** Appends {@code s} to {@code b} as a JSON string, quotes included; returns {@code b}. */
    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /**
     * The one value {@code text} holds.
     *
     * @throws IllegalArgumentException if it is not exactly one JSON value, saying where it goes wrong
     */
    static Object parse(String text) {
        JsonText r = new JsonText(text);
        r.skipSpace();
        if (r.at == text.length()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        Object v = r.value(0);
        r.skipSpace();
        if (r.at != text.length()) {
            throw new IllegalArgumentException("content after the JSON object");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("nested deeper than " + MAX_DEPTH);
        }
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw invalid("unexpected " + describe(c));
            }
        };
    }

    private Members object(int depth) {
        at++;
        List<Map.Entry<String, Object>> members = new ArrayList<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return new Members(members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw invalid("expected a member name, found " + describe(peek()));
            }
            String name = string();
            skipSpace();
            consume(':');
            skipSpace();
            members.add(Map.entry(name, value(depth + 1)));
            skipSpace();
            if (peek() == '}') {
                at++;
                return new Members(members);
            }
            consume(',');
        }
    }

    private List<Object> array(int depth) {
        at++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return items;
        }
        while (true) {
            skipSpace();
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ']') {
                at++;
                return items;
            }
            consume(',');
        }
    }

    private String string() {
        consume('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = peek();
            at++;
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw invalid("a control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = peek();
            at++;
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw invalid("the end inside a \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException x) {
                        throw invalid("a \\u escape without four hex digits");
                    }
                    at += 4;
                }
                default -> throw invalid("the escape \\" + e);
            }
        }
    }

    private BigDecimal number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            digits();
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
        }
        return new BigDecimal(text.substring(start, at));
    }

    private void digits() {
        char c = peek();
        if (c < '0' || c > '9') {
            throw invalid("expected a digit, found " + describe(c));
        }
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw invalid("unexpected " + describe(peek()));
        }
        at += word.length();
        return value;
    }

    private void consume(char expected) {
        if (peek() != expected) {
            throw invalid("expected '" + expected + "', found " + describe(peek()));
        }
        at++;
    }

    /** The next character; fails at the end of the text, where every caller still expects one. */
    private char peek() {
        if (at >= text.length()) {
            throw invalid("unexpected end of input");
        }
        return text.charAt(at);
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("the body is not valid JSON: " + problem + " at offset " + at);
    }
}
