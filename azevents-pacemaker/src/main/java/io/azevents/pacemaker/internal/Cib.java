package io.azevents.pacemaker.internal;

import io.azevents.core.Claim;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of one CIB that the store uses, as read by {@link CibReader}: its version, every id in
 * its configuration (so new ids never collide), the nodes with their attribute sets and status,
 * the cluster property sets and the claims. Immutable.
 *
 * @param version      the CIB's version, which a patch must name as its source
 * @param nodes        the nodes, configuration order first, then nodes known only from the status
 * @param propertySets the {@code crm_config} property sets other than claims, in document order
 * @param claims       the claims by id
 * @param ids          every {@code id} in the configuration section
 */
public record Cib(Version version, List<Node> nodes, List<NvSet> propertySets, Map<String, Claim> claims,
        Set<String> ids) {

    /** The id of the property set that {@code crm_attribute --type crm_config} writes to. */
    public static final String BOOTSTRAP_SET = "cib-bootstrap-options";

    public Cib {
        nodes = List.copyOf(nodes);
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
     * One node.
     *
     * @param id                   its id in the CIB ({@code node/@id}); empty if it has no entry in {@code nodes}
     * @param name                 its {@code uname}
     * @param sets                 its permanent {@code instance_attributes} sets
     * @param online               member, controller up, joined
     * @param transientAttributes  its {@code transient_attributes}
     * @param running              resources active on it (clone instance suffixes removed)
     * @param pending              operations in flight on it
     */
    public record Node(Optional<String> id, String name, List<NvSet> sets, boolean online,
            Map<String, String> transientAttributes, List<String> running, int pending) {
        public Node {
            sets = List.copyOf(sets);
            transientAttributes = Map.copyOf(transientAttributes);
            running = List.copyOf(running);
        }
    }

    /** The node called {@code name}. */
    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
