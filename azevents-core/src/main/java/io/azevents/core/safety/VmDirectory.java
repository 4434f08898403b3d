package io.azevents.core.safety;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Names;
import io.azevents.core.ScheduledEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which cluster node each Azure VM is, with one precedence for both strategies:
 * <ol>
 *   <li>the local node is the local VM (the cycle knows this for certain);</li>
 *   <li>a node's own {@code azName} attribute, which only that node's agent writes;</li>
 *   <li>the cluster property {@code hostName_<vm>}, for a node that has not written {@code azName}
 *       (the upstream agents wrote the property first), and only if that node exists.</li>
 * </ol>
 * A VM claimed by two nodes goes to the first in this order (then in node order) and is reported.
 * Nodes with no VM are <em>unmapped</em>, explicitly: an event for a VM the directory does not know
 * may be theirs. Immutable; thread-safe.
 */
public final class VmDirectory {
    private final Map<String, String> vmToNode;
    private final Map<String, String> nodeToVm;
    private final List<String> unmapped;
    private final List<String> problems;

    private VmDirectory(Map<String, String> vmToNode, Map<String, String> nodeToVm, List<String> unmapped,
                        List<String> problems) {
        this.vmToNode = Map.copyOf(vmToNode);
        this.nodeToVm = Map.copyOf(nodeToVm);
        this.unmapped = List.copyOf(unmapped);
        this.problems = List.copyOf(problems);
    }

    /**
     * The directory {@code view} records, with the local node known to be VM {@code localVm}.
     *
     * @param view    the cluster, whose {@code azName} attributes and {@code hostName_*} properties are read
     * @param localVm the local VM's name; null or an invalid name leaves the local node to the records
     * @return the directory, with what was inconsistent in {@link #problems()}
     * @throws NullPointerException if {@code view} is null
     */
    public static VmDirectory read(ClusterView view, String localVm) {
        Objects.requireNonNull(view, "view");
        Map<String, String> vmToNode = new LinkedHashMap<>();
        Map<String, String> nodeToVm = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (localVm != null && Names.isNodeName(localVm)) {
            vmToNode.put(localVm, view.localNode());
            nodeToVm.put(view.localNode(), localVm);
        }
        for (ClusterNode n : view.nodes()) {
            Optional<String> az = n.permanentAttribute(AgentAttributes.AZ_NAME);
            if (az.isEmpty() || nodeToVm.containsKey(n.name())) {
                continue;
            }
            if (!Names.isNodeName(az.get())) {
                problems.add(n.name() + " has " + AgentAttributes.AZ_NAME + "=" + Names.quote(az.get())
                        + ", which is not a VM name; ignored");
                continue;
            }
            String other = vmToNode.get(az.get());
            if (other != null) {
                problems.add("nodes " + other + " and " + n.name() + " both say they are VM " + az.get() + " ("
                        + AgentAttributes.AZ_NAME + "); events for " + az.get() + " are handled as " + other + "'s");
                continue;
            }
            vmToNode.put(az.get(), n.name());
            nodeToVm.put(n.name(), az.get());
        }
        view.clusterProperties().forEach((name, node) -> {
            if (!name.startsWith(AgentAttributes.HOST_NAME_PREFIX)) {
                return;
            }
            String vm = name.substring(AgentAttributes.HOST_NAME_PREFIX.length());
            if (!Names.isNodeName(vm) || vmToNode.containsKey(vm)) {
                return;
            }
            Optional<ClusterNode> n = view.node(node);
            if (n.isEmpty()) {
                return;
            }
            if (nodeToVm.containsKey(node)) {
                problems.add("cluster property " + name + " names " + node + ", which says it is VM "
                        + nodeToVm.get(node) + "; the property is stale and ignored");
                return;
            }
            vmToNode.put(vm, node);
            nodeToVm.put(node, vm);
        });
        List<String> unmapped = view.nodes().stream().map(ClusterNode::name)
                .filter(n -> !nodeToVm.containsKey(n)).toList();
        return new VmDirectory(vmToNode, nodeToVm, unmapped, problems);
    }

    /**
     * The node running on VM {@code vm}, if known.
     *
     * @param vm the VM's name in Azure
     * @return the node's name; empty if no node is known to be that VM
     */
    public Optional<String> nodeOf(String vm) {
        return Optional.ofNullable(vmToNode.get(vm));
    }

    /**
     * The VM node {@code node} runs on, if known.
     *
     * @param node the node's name
     * @return the VM's name; empty if the node is unmapped or not in the view
     */
    public Optional<String> vmOf(String node) {
        return Optional.ofNullable(nodeToVm.get(node));
    }

    /**
     * The nodes whose VM nobody has recorded yet (their agent has not run): an unknown VM may be theirs.
     *
     * @return an immutable list of node names, in view order; empty if every node is mapped
     */
    public List<String> unmappedNodes() {
        return unmapped;
    }

    /**
     * What was inconsistent in the records, in an administrator's words.
     *
     * @return an immutable list, one line per problem; empty if the records agree
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * The cluster nodes {@code e} names, and the VMs it names that no node is known to run on.
     *
     * @param e the event whose {@link ScheduledEvent#resources()} are resolved
     * @return the nodes, sorted, and the unknown VMs, in the event's order
     */
    public Resolution resolve(ScheduledEvent e) {
        Set<String> nodes = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String vm : e.resources()) {
            nodeOf(vm).ifPresentOrElse(nodes::add, () -> unknown.add(vm));
        }
        return new Resolution(nodes, unknown);
    }

    /**
     * The cluster nodes an event names and its VMs that map to no node.
     *
     * @param nodes      the known cluster nodes among its VMs
     * @param unknownVms its VMs that are no known node's: VMs outside the cluster, or unmapped nodes'
     */
    public record Resolution(Set<String> nodes, List<String> unknownVms) {
        /**
         * Sorts the nodes and copies the list of unknown VMs.
         *
         * @param nodes      the known cluster nodes among the event's VMs; copied into a sorted set
         * @param unknownVms the event's VMs that are no known node's; copied
         * @throws NullPointerException if a collection is null or holds null
         */
        public Resolution {
            nodes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(nodes));
            unknownVms = List.copyOf(unknownVms);
        }
    }
}
