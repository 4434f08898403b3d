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
 * @param resources       every primitive, group, clone and bundle of the resources section, in
 *                        document order, each with the id of the element that holds it
 * @param locations       the {@code rsc_location} constraints, with their rules
 */
public record Cib(Version version, List<ConfigNode> nodes, List<NodeState> states, List<NvSet> propertySets,
        Map<String, Claim> claims, Set<String> ids, Optional<Boolean> maintenanceMode, List<Resource> resources,
        List<Location> locations) {

    /** The id of the property set that {@code crm_attribute --type crm_config} writes to. */
    public static final String BOOTSTRAP_SET = "cib-bootstrap-options";

    public Cib {
        nodes = List.copyOf(nodes);
        states = List.copyOf(states);
        propertySets = List.copyOf(propertySets);
        claims = Map.copyOf(claims);
        ids = Set.copyOf(ids);
        resources = List.copyOf(resources);
        locations = List.copyOf(locations);
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

    /**
     * A resource of the configuration: a {@code primitive}, {@code group}, {@code clone} or
     * {@code bundle}. Class, provider and type are empty but for primitives.
     *
     * @param tag        the element's name
     * @param parent     the id of the group, clone or bundle that holds it; empty at the top level
     * @param parameters its {@code instance_attributes}, every set merged, first definition wins
     * @param meta       its {@code meta_attributes}, merged the same way
     * @param operations its {@code operations/op} entries
     */
    public record Resource(String id, String tag, Optional<String> parent, String resourceClass, String provider,
            String type, Map<String, String> parameters, Map<String, String> meta, List<Op> operations) {
        public Resource {
            parameters = Map.copyOf(parameters);
            meta = Map.copyOf(meta);
            operations = List.copyOf(operations);
        }
    }

    /** An {@code op} of a primitive; attributes it does not set are empty strings. */
    public record Op(String id, String name, String interval, String timeout, String startDelay) {
    }

    /** An {@code rsc_location}; {@code rsc}, {@code rscPattern} and {@code node} are empty when not set. */
    public record Location(String id, String rsc, String rscPattern, String node, List<Rule> rules) {
        public Location {
            rules = List.copyOf(rules);
        }
    }

    /** A {@code rule} directly under a location, with the {@code expression}s directly under it. */
    public record Rule(String id, String scoreAttribute, String score, List<Expression> expressions) {
        public Rule {
            expressions = List.copyOf(expressions);
        }
    }

    /** An {@code expression} of a rule; {@code value} is empty when not set. */
    public record Expression(String attribute, String operation, String value) {
    }

    /** The resource with {@code id}. */
    public Optional<Resource> resource(String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The chain of resources that hold {@code r}, innermost first (a group, then its clone). */
    public List<Resource> parents(Resource r) {
        List<Resource> out = new java.util.ArrayList<>();
        for (Optional<String> p = r.parent(); p.isPresent(); ) {
            Optional<Resource> holder = resource(p.get());
            if (holder.isEmpty()) {
                break;
            }
            out.add(holder.get());
            p = holder.get().parent();
        }
        return out;
    }

    /** Every cluster property of the property sets, first definition wins. */
    public Map<String, String> properties() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        propertySets.forEach(s -> s.pairs().forEach(p -> m.putIfAbsent(p.name(), p.value())));
        return m;
    }

    /** Node name to its permanent attributes, every set merged, first definition wins. */
    public Map<String, Map<String, String>> nodeAttributes() {
        Map<String, Map<String, String>> m = new java.util.LinkedHashMap<>();
        for (ConfigNode n : nodes) {
            Map<String, String> attrs = new java.util.LinkedHashMap<>();
            n.sets().forEach(s -> s.pairs().forEach(p -> attrs.putIfAbsent(p.name(), p.value())));
            m.put(n.name().isEmpty() ? n.id() : n.name(), attrs);
        }
        return m;
    }
}
