package io.azevents.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One cluster node as a cycle sees it.
 *
 * @param name                the node's name in Pacemaker ({@code uname})
 * @param online              member of the cluster and its controller is up
 * @param standby             in standby, whoever set it
 * @param attributes          permanent node attributes (the CIB's {@code nodes} section)
 * @param transientAttributes transient node attributes (the {@code status} section, lifetime reboot)
 * @param runningResources    ids of the resources active on the node
 * @param pendingOperations   resource operations in flight on the node (start, stop, migrate)
 */
public record ClusterNode(
        String name,
        boolean online,
        boolean standby,
        Map<String, String> attributes,
        Map<String, String> transientAttributes,
        List<String> runningResources,
        int pendingOperations) {

    /** The score Pacemaker gives {@code red}, and the value that drains a node ({@code -INFINITY}). */
    public static final long INFINITY = 1_000_000L;

    public ClusterNode {
        Names.requireNodeName(name, "node name");
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        transientAttributes = Map.copyOf(Objects.requireNonNull(transientAttributes, "transientAttributes"));
        runningResources = List.copyOf(Objects.requireNonNull(runningResources, "runningResources"));
        if (pendingOperations < 0) {
            throw new IllegalArgumentException("pendingOperations < 0");
        }
    }

    /** The value Pacemaker uses for {@code name}: the transient one if present, else the permanent one. */
    public Optional<String> attribute(String name) {
        String v = transientAttributes.get(name);
        return Optional.ofNullable(v != null ? v : attributes.get(name));
    }

    /** The permanent value of {@code name}, the one azevents writes. */
    public Optional<String> permanentAttribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * The numeric value of a health attribute as Pacemaker reads it: {@code red} and
     * {@code -INFINITY} count as -1000000, {@code green} as 0, {@code yellow} as 0 (Pacemaker's
     * default yellow score). Empty if the attribute is missing or not a number.
     */
    public OptionalLong healthValue(String name) {
        return attribute(name).map(ClusterNode::parseScore).orElse(OptionalLong.empty());
    }

    /**
     * True if no {@code #health-*} attribute of the node is negative: the node is not pushed away
     * by node-health. A node with no health attributes counts as healthy.
     */
    public boolean healthy() {
        for (String key : allAttributeNames()) {
            if (key.startsWith("#health")) {
                OptionalLong v = healthValue(key);
                if (v.isPresent() && v.getAsLong() < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if the node is online, not in standby and healthy: it could take resources now. */
    public boolean canRunResources() {
        return online && !standby && healthy();
    }

    private java.util.Set<String> allAttributeNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(attributes.keySet());
        names.addAll(transientAttributes.keySet());
        return names;
    }

    /** Parses a Pacemaker score; empty if it is none. */
    public static OptionalLong parseScore(String raw) {
        if (raw == null) {
            return OptionalLong.empty();
        }
        String v = raw.trim().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "red", "-infinity", "-inf" -> {
                return OptionalLong.of(-INFINITY);
            }
            case "green", "yellow" -> {
                return OptionalLong.of(0);
            }
            case "infinity", "+infinity", "inf", "+inf" -> {
                return OptionalLong.of(INFINITY);
            }
            default -> {
                try {
                    long n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
                    return OptionalLong.of(Math.max(-INFINITY, Math.min(INFINITY, n)));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
    }
}
