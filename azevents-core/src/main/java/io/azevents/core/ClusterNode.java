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
 * @param status              kind and scheduler conditions (maintenance, unclean, shutting down)
 */
public record ClusterNode(
        String name,
        boolean online,
        boolean standby,
        Map<String, String> attributes,
        Map<String, String> transientAttributes,
        List<String> runningResources,
        int pendingOperations,
        NodeStatus status) {

    /** The score Pacemaker gives {@code red}, and the value that drains a node ({@code -INFINITY}). */
    public static final long INFINITY = 1_000_000L;

    /**
     * Checks the name and the operation count and copies the maps and the list.
     *
     * @param name                the node's name in Pacemaker ({@code uname})
     * @param online              member of the cluster and its controller is up
     * @param standby             in standby, whoever set it
     * @param attributes          permanent node attributes by name; copied
     * @param transientAttributes transient node attributes by name; copied
     * @param runningResources    ids of the resources active on the node; copied
     * @param pendingOperations   resource operations in flight on the node; zero or more
     * @param status              kind and scheduler conditions
     * @throws NullPointerException     if a reference component is null, or a map or the list holds null
     * @throws IllegalArgumentException if the name is not a node name or {@code pendingOperations} is negative
     */
    public ClusterNode {
        Names.requireNodeName(name, "node name");
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        transientAttributes = Map.copyOf(Objects.requireNonNull(transientAttributes, "transientAttributes"));
        runningResources = List.copyOf(Objects.requireNonNull(runningResources, "runningResources"));
        if (pendingOperations < 0) {
            throw new IllegalArgumentException("pendingOperations < 0");
        }
        Objects.requireNonNull(status, "status");
    }

    /**
     * A member node in no special condition (see {@link NodeStatus#MEMBER}).
     *
     * @param name                the node's name in Pacemaker ({@code uname})
     * @param online              member of the cluster and its controller is up
     * @param standby             in standby, whoever set it
     * @param attributes          permanent node attributes by name; copied
     * @param transientAttributes transient node attributes by name; copied
     * @param runningResources    ids of the resources active on the node; copied
     * @param pendingOperations   resource operations in flight on the node; zero or more
     * @throws NullPointerException     if a reference argument is null, or a map or the list holds null
     * @throws IllegalArgumentException if the name is not a node name or {@code pendingOperations} is negative
     */
    public ClusterNode(String name, boolean online, boolean standby, Map<String, String> attributes,
                       Map<String, String> transientAttributes, List<String> runningResources, int pendingOperations) {
        this(name, online, standby, attributes, transientAttributes, runningResources, pendingOperations,
                NodeStatus.MEMBER);
    }

    /**
     * A builder for a node called {@code name}: online, not in standby, no attributes, nothing running.
     *
     * @param name the node's name; checked by {@link Builder#build()}
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A builder that starts from this node.
     *
     * @return a new builder holding every component of this node
     */
    public Builder toBuilder() {
        Builder b = new Builder(name).online(online).standby(standby).attributes(attributes)
                .transientAttributes(transientAttributes).runningResources(runningResources)
                .pendingOperations(pendingOperations).status(status);
        return b;
    }

    /**
     * A copy with other permanent attributes.
     *
     * @param newAttributes the permanent attributes that replace this node's, by name; copied
     * @return a new node; this one is unchanged
     * @throws NullPointerException if {@code newAttributes} is null or holds null
     */
    public ClusterNode withAttributes(Map<String, String> newAttributes) {
        return toBuilder().attributes(newAttributes).build();
    }

    /**
     * True if the node is a Pacemaker Remote or guest node.
     *
     * @return true unless the node's kind is {@link NodeKind#MEMBER}
     */
    public boolean remote() {
        return status.kind() != NodeKind.MEMBER;
    }

    /**
     * The value Pacemaker uses for {@code name}: the transient one if present, else the permanent one.
     *
     * @param name the attribute's name
     * @return the value; empty if the node has the attribute neither way
     */
    public Optional<String> attribute(String name) {
        String v = transientAttributes.get(name);
        return Optional.ofNullable(v != null ? v : attributes.get(name));
    }

    /**
     * The permanent value of {@code name}, the one azevents writes.
     *
     * @param name the attribute's name
     * @return the value; empty if the node has no such permanent attribute
     */
    public Optional<String> permanentAttribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * The numeric value of a health attribute as Pacemaker reads it: {@code red} and
     * {@code -INFINITY} count as -1000000, {@code green} as 0, {@code yellow} as 0 (Pacemaker's
     * default yellow score). Empty if the attribute is missing or not a number.
     *
     * @param name the attribute's name, usually {@code #health-*}; transient values win, as in
     *     {@link #attribute(String)}
     * @return the score, clamped to [-1000000, 1000000]; empty if missing or not a score
     */
    public OptionalLong healthValue(String name) {
        return attribute(name).map(ClusterNode::parseScore).orElse(OptionalLong.empty());
    }

    /**
     * True if no {@code #health-*} attribute of the node is negative: the node is not pushed away
     * by node-health. A node with no health attributes counts as healthy.
     *
     * @return false if a {@code #health} attribute has a negative score; true otherwise, including
     *     when the values are not scores
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

    /**
     * True if the scheduler could place resources on this node now, as far as the node itself goes:
     * online, clean, not shutting down, not in standby, not in maintenance, and healthy. Constraints
     * and cluster-wide maintenance are the cluster's to answer (see
     * {@code io.azevents.core.safety.ClusterSafety}).
     *
     * @return true if every one of those conditions holds
     */
    public boolean canRunResources() {
        return online && !status.unclean() && !status.shutdown() && !standby && !status.maintenance() && healthy();
    }

    private java.util.Set<String> allAttributeNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(attributes.keySet());
        names.addAll(transientAttributes.keySet());
        return names;
    }

    /**
     * Parses a Pacemaker score; empty if it is none.
     *
     * @param raw a number, {@code INFINITY} in its forms, or a health colour ({@code red},
     *     {@code yellow}, {@code green}); case and surrounding blanks are ignored; may be null
     * @return the score, clamped to [-{@value #INFINITY}, {@value #INFINITY}]; empty for null or a
     *     value that is none of those
     */
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

    /** Collects a node. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private boolean online = true;
        private boolean standby;
        private Map<String, String> attributes = Map.of();
        private Map<String, String> transientAttributes = Map.of();
        private List<String> runningResources = List.of();
        private int pendingOperations;
        private NodeStatus status = NodeStatus.MEMBER;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets whether the node is a member of the cluster.
         *
         * @param value true if online
         * @return this builder
         */
        public Builder online(boolean value) {
            this.online = value;
            return this;
        }

        /**
         * Sets whether the node is in standby (the {@code standby} attribute, as Pacemaker reads it).
         *
         * @param value true if in standby
         * @return this builder
         */
        public Builder standby(boolean value) {
            this.standby = value;
            return this;
        }

        /**
         * Sets the node's permanent attributes.
         *
         * @param value attribute name to value
         * @return this builder
         */
        public Builder attributes(Map<String, String> value) {
            this.attributes = value;
            return this;
        }

        /**
         * Sets the node's transient (status-section) attributes.
         *
         * @param value attribute name to value
         * @return this builder
         */
        public Builder transientAttributes(Map<String, String> value) {
            this.transientAttributes = value;
            return this;
        }

        /**
         * Sets the resources active on the node.
         *
         * @param value resource ids
         * @return this builder
         */
        public Builder runningResources(List<String> value) {
            this.runningResources = value;
            return this;
        }

        /**
         * Sets how many operations on the node are still in flight.
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder pendingOperations(int value) {
            this.pendingOperations = value;
            return this;
        }

        /**
         * Sets the node's kind, maintenance, unclean and shutdown flags.
         *
         * @param value the status
         * @return this builder
         */
        public Builder status(NodeStatus value) {
            this.status = value;
            return this;
        }

        /**
         * Makes the node, checked as the record's constructor checks it.
         *
         * @return the node
         */
        public ClusterNode build() {
            return new ClusterNode(name, online, standby, attributes, transientAttributes, runningResources,
                    pendingOperations, status);
        }
    }
}
