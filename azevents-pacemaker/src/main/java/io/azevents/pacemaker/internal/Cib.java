package io.azevents.pacemaker.internal;

import io.azevents.core.Claim;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of one raw CIB that the store uses, as read by {@link CibReader}: its version, every id
 * in its configuration (so new ids never collide), the node entries with their attribute sets, the
 * node states with their transient attributes and operations in flight, the cluster property sets
 * and the claims. Who is online and what runs where is not here: that is Pacemaker's answer
 * ({@link PacemakerStatus}). Immutable.
 *
 * @param version         the CIB's version, which a patch must name as its source
 * @param nodes           the {@code configuration/nodes/node} entries, in document order
 * @param states          the {@code status/node_state} entries, members and remote nodes alike
 * @param propertySets    the {@code crm_config} property sets other than claims, in document order
 * @param claims          the claims by id
 * @param ids             every {@code id} in the configuration section
 * @param maintenanceMode the cluster option {@code maintenance-mode} when the CIB sets it plainly (no
 *                        {@code maintenance-mode} nvpair: false; exactly one, with a value, in a set
 *                        without rules or references: that value by {@code crm_is_true}); empty when
 *                        only Pacemaker can evaluate it (rules, references, several definitions)
 */
public record Cib(Version version, List<ConfigNode> nodes, List<NodeState> states, List<NvSet> propertySets,
        Map<String, Claim> claims, Set<String> ids, Optional<Boolean> maintenanceMode) {

    /** The id of the property set that {@code crm_attribute --type crm_config} writes to. */
    public static final String BOOTSTRAP_SET = "cib-bootstrap-options";

    public Cib {
        nodes = List.copyOf(nodes);
        states = List.copyOf(states);
        propertySets = List.copyOf(propertySets);
        claims = Map.copyOf(claims);
        ids = Set.copyOf(ids);
    }

    /** A CIB version: {@code admin_epoch.epoch.num_updates}. */
    public record Version(long adminEpoch, long epoch, long numUpdates) {
        @Override
        public String toString() {
            return adminEpoch + "." + epoch + "." + numUpdates;
        }
    }

    /** An {@code nvpair}. */
    public record NvPair(String id, String name, String value) {
    }

    /** An {@code instance_attributes} or {@code cluster_property_set} with its pairs. */
    public record NvSet(String id, List<NvPair> pairs) {
        public NvSet {
            pairs = List.copyOf(pairs);
        }
    }

    /**
     * A node entry of the configuration ({@code configuration/nodes/node}).
     *
     * @param id   its {@code id}
     * @param name its {@code uname}
     * @param sets its permanent {@code instance_attributes} sets
     */
    public record ConfigNode(String id, String name, List<NvSet> sets) {
        public ConfigNode {
            sets = List.copyOf(sets);
        }
    }

    /**
     * A node's entry in the status section ({@code status/node_state}).
     *
     * @param id                  its {@code id} (a remote node's is its name)
     * @param name                its {@code uname}
     * @param transientAttributes its {@code transient_attributes}
     * @param pending             operations in flight recorded in its resource history
     */
    public record NodeState(String id, String name, Map<String, String> transientAttributes, int pending) {
        public NodeState {
            transientAttributes = Map.copyOf(transientAttributes);
        }
    }

    /** The node entry with {@code id}, else the one called {@code name}. */
    public Optional<ConfigNode> configNode(String id, String name) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .or(() -> nodes.stream().filter(n -> n.name().equals(name)).findFirst());
    }

    /** The node state with {@code id}, else the one called {@code name}. */
    public Optional<NodeState> state(String id, String name) {
        return states.stream().filter(s -> s.id().equals(id)).findFirst()
                .or(() -> states.stream().filter(s -> name.equals(s.name())).findFirst());
    }
}
