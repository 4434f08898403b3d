package io.azevents.core;

import java.util.Locale;
import java.util.Set;

/**
 * Pacemaker's own value rules that the model needs, written once. The Pacemaker adapter reads
 * Pacemaker's answers rather than applying these to raw CIB text; fakes and embedders that model a
 * cluster use them so that their views agree with Pacemaker's. Pure functions; thread-safe.
 */
public final class Pacemaker {
    /** The cluster property that freezes the whole cluster. */
    public static final String MAINTENANCE_MODE = "maintenance-mode";
    /** The node attribute that puts one node in maintenance. */
    public static final String MAINTENANCE = "maintenance";
    /** The node attribute that puts a node in standby. */
    public static final String STANDBY = "standby";

    private static final Set<String> TRUE = Set.of("true", "on", "yes", "y", "1");

    private Pacemaker() {
    }

    /**
     * Pacemaker's {@code crm_is_true}: true, on, yes, y or 1, in any case; anything else (or null) is false.
     *
     * @param value an attribute or property value; surrounding blanks are ignored; may be null
     * @return whether Pacemaker reads it as true
     */
    public static boolean isTrue(String value) {
        return value != null && TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
    }
}
