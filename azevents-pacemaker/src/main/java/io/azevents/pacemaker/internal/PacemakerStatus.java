package io.azevents.pacemaker.internal;

import io.azevents.core.Placement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pacemaker's own reading of a cluster's status, as its tools print it with {@code --output-as=xml}
 * ({@code crm_mon}, {@code crm_simulate}): each node with its state, and where each resource is
 * active. Read by {@link StatusReader}; nothing here is derived from the raw CIB. Immutable.
 *
 * @param nodes           the nodes in Pacemaker's order
 * @param instances       one entry per resource instance and node it is active on
 * @param maintenanceMode the cluster option {@code maintenance-mode}, when the output has a summary
 *                        ({@code crm_mon}; {@code crm_simulate} prints none)
 */
public record PacemakerStatus(List<Node> nodes, List<Instance> instances, Optional<Boolean> maintenanceMode) {

    public PacemakerStatus {
        nodes = List.copyOf(nodes);
        instances = List.copyOf(instances);
    }

    /**
     * One {@code <node>} of the {@code <nodes>} list, attributes as Pacemaker prints them.
     *
     * @param name          {@code name}
     * @param id            {@code id} (for remote and guest nodes, their name)
     * @param online        {@code online}
     * @param standby       {@code standby}
     * @param standbyOnFail {@code standby_onfail}: put in standby by a failure with {@code on-fail=standby}
     * @param maintenance   {@code maintenance}
     * @param pending       {@code pending}: still joining
     * @param unclean       {@code unclean}: awaiting fencing
     * @param shutdown      {@code shutdown}: shutting down its cluster stack
     * @param type          {@code type}: {@code member} or {@code remote} (older versions also {@code ping})
     * @param idAsResource  {@code id_as_resource}: the resource a guest or bundle node runs in
     */
    public record Node(String name, String id, boolean online, boolean standby, boolean standbyOnFail,
            boolean maintenance, boolean pending, boolean unclean, boolean shutdown, String type,
            Optional<String> idAsResource) {

        /** True for a Pacemaker Remote, guest or bundle node. */
        public boolean remote() {
            return "remote".equals(type);
        }

        /** True for a guest or bundle node: a remote node that runs inside a resource of the cluster. */
        public boolean guest() {
            return remote() && idAsResource.isPresent();
        }
    }

    /**
     * A resource active on a node.
     *
     * @param resource the resource's id, without a clone instance suffix {@code :N}
     * @param role     its role ({@code Started}, {@code Promoted}/{@code Master}, {@code Unpromoted},
     *                 {@code Starting}, {@code Migrating}, ...)
     * @param node     the node's name
     */
    public record Instance(String resource, String role, String node) {
        /** True if the role is promoted ({@code Promoted}, or {@code Master} before Pacemaker 2.1). */
        public boolean promoted() {
            return "Promoted".equals(role) || "Master".equals(role);
        }
    }

    /** The node called {@code name}. */
    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The ids of the resources active on {@code node}, sorted, each once. */
    public List<String> activeOn(String node) {
        Set<String> out = new TreeSet<>();
        instances.stream().filter(i -> i.node().equals(node)).forEach(i -> out.add(i.resource()));
        return List.copyOf(out);
    }

    /** Where each resource is active and promoted. */
    public Placement placement() {
        Map<String, Set<String>> active = new TreeMap<>();
        Map<String, Set<String>> promoted = new TreeMap<>();
        for (Instance i : instances) {
            active.computeIfAbsent(i.resource(), k -> new TreeSet<>()).add(i.node());
            if (i.promoted()) {
                promoted.computeIfAbsent(i.resource(), k -> new TreeSet<>()).add(i.node());
            }
        }
        return new Placement(active, promoted);
    }
}
