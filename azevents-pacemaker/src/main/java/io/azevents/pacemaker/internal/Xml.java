package io.azevents.pacemaker.internal;

import io.azevents.core.ClusterStoreException;

/** Escaping and id helpers for the XML the store sends. Stateless. */
final class Xml {
    private Xml() {
    }

    /** Escapes {@code s} for a double-quoted attribute value (also escapes tab, CR and LF). */
    static String attr(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\t' -> b.append("&#9;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                default -> {
                    if (c < 0x20) {
                        throw new IllegalArgumentException("control character in an XML value");
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    static String nvpair(String id, String name, String value) {
        return "<nvpair id=\"" + attr(id) + "\" name=\"" + attr(name) + "\" value=\"" + attr(value) + "\"/>";
    }

    /** An XPath step predicate {@code [@id='x']}; ids with a quote cannot be addressed and are refused. */
    static String byId(String element, String id) {
        if (id.indexOf('\'') >= 0 || id.indexOf('"') >= 0) {
            throw new ClusterStoreException("cannot address CIB element " + element + " with id " + id);
        }
        return element + "[@id='" + id + "']";
    }

    /**
     * An id as Pacemaker's {@code crm_attribute} makes it: {@code <set id>-<name>} with characters
     * that may not appear in an XML id ({@code #}, {@code :}) replaced by '.'.
     */
    static String sanitizeId(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '.');
        }
        if (b.length() == 0 || !Character.isLetter(b.charAt(0)) && b.charAt(0) != '_') {
            b.insert(0, '_');
        }
        return b.toString();
    }
}
