package io.azevents.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One attribute to set or delete: a permanent node attribute when {@code node} is present, else a
 * cluster property. Names and values are checked here, so a hostile value can never reach a CIB
 * write.
 *
 * @param node  the node whose attribute this is; empty for a cluster property
 * @param name  the attribute's name
 * @param value the new value; empty deletes the attribute
 */
public record AttributeUpdate(Optional<String> node, String name, Optional<String> value) {

    /**
     * Checks the node name, the attribute name and the value against what the CIB accepts.
     *
     * @param node  the node whose attribute this is; empty for a cluster property
     * @param name  the attribute's name
     * @param value the new value; empty deletes the attribute
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if one of them is not valid
     */
    public AttributeUpdate {
        Objects.requireNonNull(node, "node");
        node.ifPresent(n -> Names.requireNodeName(n, "node"));
        Names.requireAttributeName(name);
        Objects.requireNonNull(value, "value");
        value.ifPresent(v -> {
            if (!Names.isAttributeValue(v)) {
                throw new IllegalArgumentException("not a valid value for " + name + ": " + Names.quote(v));
            }
        });
    }

    /**
     * Sets node attribute {@code name} of {@code node} to {@code value}.
     *
     * @param node  the node's name
     * @param name  the permanent node attribute's name
     * @param value the value to store: printable, one line, at most 4096 characters; may be empty
     * @return the update
     * @throws IllegalArgumentException if the node name, the attribute name or the value is not valid
     */
    public static AttributeUpdate set(String node, String name, String value) {
        return new AttributeUpdate(Optional.of(node), name, Optional.of(value));
    }

    /**
     * Deletes node attribute {@code name} of {@code node}.
     *
     * @param node the node's name
     * @param name the permanent node attribute's name
     * @return the update
     * @throws IllegalArgumentException if the node name or the attribute name is not valid
     */
    public static AttributeUpdate delete(String node, String name) {
        return new AttributeUpdate(Optional.of(node), name, Optional.empty());
    }

    /**
     * Sets cluster property {@code name} to {@code value}.
     *
     * @param name  the cluster property's name
     * @param value the value to store: printable, one line, at most 4096 characters; may be empty
     * @return the update
     * @throws IllegalArgumentException if the name or the value is not valid
     */
    public static AttributeUpdate setProperty(String name, String value) {
        return new AttributeUpdate(Optional.empty(), name, Optional.of(value));
    }

    /**
     * Deletes cluster property {@code name}.
     *
     * @param name the cluster property's name
     * @return the update
     * @throws IllegalArgumentException if the name is not valid
     */
    public static AttributeUpdate deleteProperty(String name) {
        return new AttributeUpdate(Optional.empty(), name, Optional.empty());
    }

    /**
     * True if {@code view} already holds what this update would write.
     *
     * @param view the cluster to compare with
     * @return true if the attribute already has this value, or is already absent for a delete
     *     (including a delete on a node the view does not have)
     */
    public boolean isNoOpIn(ClusterView view) {
        Optional<String> current = node.isPresent()
                ? view.node(node.get()).flatMap(n -> n.permanentAttribute(name))
                : view.property(name);
        return current.equals(value);
    }

    @Override
    public String toString() {
        String where = node.map(n -> n + ":").orElse("cluster:");
        return where + name + value.map(v -> "=" + v).orElse(" (delete)");
    }
}
