package io.azevents.core.spi;

import java.util.Objects;

/**
 * A configuration key a strategy reads, described for the OCF meta-data and {@code validate-all}.
 *
 * @param name         the key, as an OCF parameter name
 * @param type         {@code string}, {@code integer} or {@code boolean}
 * @param defaultValue the default, as text
 * @param shortDesc    one line
 * @param longDesc     the full description
 */
public record ParameterSpec(String name, String type, String defaultValue, String shortDesc, String longDesc) {
    /**
     * Checks the name (letters, digits, underscores) and the type ({@code string}, {@code integer} or {@code boolean}).
     *
     * @param name         the key: a letter, then letters, digits or underscores
     * @param type         {@code string}, {@code integer} or {@code boolean}, exactly
     * @param defaultValue the default, as text; may be empty
     * @param shortDesc    one line
     * @param longDesc     the full description; may be empty
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if either is not valid
     */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a parameter name: " + name);
        }
        if (!type.equals("string") && !type.equals("integer") && !type.equals("boolean")) {
            throw new IllegalArgumentException("unknown parameter type: " + type);
        }
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(shortDesc, "shortDesc");
        Objects.requireNonNull(longDesc, "longDesc");
    }
}
