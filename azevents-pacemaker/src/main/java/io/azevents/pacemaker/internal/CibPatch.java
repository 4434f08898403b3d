package io.azevents.pacemaker.internal;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterStoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a batch of {@link AttributeUpdate}s into one Pacemaker XML patch (format 2, the format of
 * {@code crm_diff}), applied by {@code cibadmin --patch} as a single CIB transaction. The patch names
 * the version it was computed from as its source, so the CIB applies it only if nothing changed in
 * between (else {@code cibadmin} exits 103 and the store reads again): a compare-and-swap on the
 * whole CIB, which lets sets and deletes mix in one transaction and never loses a concurrent update.
 *
 * <p>Existing nvpairs are changed in place (same id). New ones get the ids {@code crm_attribute}
 * would give them ({@code nodes-<node id>-<name>}, {@code cib-bootstrap-options-<name>}), so either
 * tool keeps finding the other's attributes. Updates already satisfied by the CIB are dropped.
 * Stateless.
 */
public final class CibPatch {
    private static final String NODES = "/cib/configuration/nodes/";
    private static final String CRM_CONFIG = "/cib/configuration/crm_config";

    private CibPatch() {
    }

    /** The patch for {@code updates} against {@code cib}; empty if the CIB already holds them all. */
    public static Optional<String> of(Cib cib, List<AttributeUpdate> updates) {
        return new Builder(cib).build(updates);
    }

    /** The patch that deletes the set {@code setId} from {@code crm_config}. */
    public static String deletePropertySet(Cib cib, String setId) {
        return envelope(cib.version(), List.of(delete(CRM_CONFIG + "/" + Xml.byId("cluster_property_set", setId))));
    }

    private static String envelope(Cib.Version v, List<String> changes) {
        StringBuilder b = new StringBuilder(256 + changes.size() * 160);
        b.append("<diff format=\"2\"><version>")
                .append("<source admin_epoch=\"").append(v.adminEpoch()).append("\" epoch=\"").append(v.epoch())
                .append("\" num_updates=\"").append(v.numUpdates()).append("\"/>")
                .append("<target admin_epoch=\"").append(v.adminEpoch()).append("\" epoch=\"")
                .append(v.epoch() + 1).append("\" num_updates=\"0\"/>")
                .append("</version>");
        changes.forEach(b::append);
        return b.append("</diff>").toString();
    }

    private static String delete(String path) {
        return "<change operation=\"delete\" path=\"" + Xml.attr(path) + "\"/>";
    }

    private static String modify(String setPath, Cib.NvPair pair, String value) {
        return "<change operation=\"modify\" path=\"" + Xml.attr(setPath + "/" + Xml.byId("nvpair", pair.id()))
                + "\"><change-list><change-attr name=\"value\" operation=\"set\" value=\"" + Xml.attr(value)
                + "\"/></change-list><change-result>" + Xml.nvpair(pair.id(), pair.name(), value)
                + "</change-result></change>";
    }

    private static String create(String parentPath, String element) {
        return "<change operation=\"create\" path=\"" + Xml.attr(parentPath) + "\" position=\"0\">" + element
                + "</change>";
    }

    /** Where new pairs of one node (or of crm_config) go: an existing set, or a new one to create. */
    private record Target(String parentPath, String setElement, Optional<Cib.NvSet> existing, String newSetId) {
    }

    private static final class Builder {
        private final Cib cib;
        private final Set<String> ids;
        private final List<String> changes = new ArrayList<>();
        /** New pairs per target, keyed by parent path and set element. */
        private final Map<String, List<Cib.NvPair>> created = new LinkedHashMap<>();
        private final Map<String, Target> targets = new LinkedHashMap<>();

        Builder(Cib cib) {
            this.cib = cib;
            this.ids = new HashSet<>(cib.ids());
        }

        Optional<String> build(List<AttributeUpdate> updates) {
            // the last update of a key wins, as if they were applied one after the other
            Map<List<Object>, AttributeUpdate> last = new LinkedHashMap<>();
            for (AttributeUpdate u : updates) {
                last.remove(List.of(u.node(), u.name()));
                last.put(List.of(u.node(), u.name()), u);
            }
            for (AttributeUpdate u : last.values()) {
                if (u.node().isPresent()) {
                    nodeUpdate(u);
                } else {
                    propertyUpdate(u);
                }
            }
            created.forEach((key, pairs) -> {
                Target t = targets.get(key);
                String setPath = t.parentPath() + "/" + Xml.byId(t.setElement(), t.newSetId());
                if (t.existing().isPresent()) {
                    pairs.forEach(p -> changes.add(create(setPath, Xml.nvpair(p.id(), p.name(), p.value()))));
                } else {
                    StringBuilder set = new StringBuilder("<").append(t.setElement()).append(" id=\"")
                            .append(Xml.attr(t.newSetId())).append("\">");
                    pairs.forEach(p -> set.append(Xml.nvpair(p.id(), p.name(), p.value())));
                    set.append("</").append(t.setElement()).append('>');
                    changes.add(create(t.parentPath(), set.toString()));
                }
            });
            return changes.isEmpty() ? Optional.empty() : Optional.of(envelope(cib.version(), changes));
        }

        private void nodeUpdate(AttributeUpdate u) {
            String name = u.node().orElseThrow();
            Cib.Node node = cib.node(name).orElseThrow(() -> new ClusterStoreException(
                    "node " + name + " is not in the CIB; known nodes: "
                            + cib.nodes().stream().map(Cib.Node::name).toList()));
            String nodeId = node.id().orElseThrow(() -> new ClusterStoreException(
                    "node " + name + " has no entry in the CIB's nodes section"));
            String nodePath = NODES + Xml.byId("node", nodeId);
            apply(u, nodePath, "instance_attributes", node.sets(), Optional.empty(), "nodes-" + nodeId);
        }

        private void propertyUpdate(AttributeUpdate u) {
            Optional<Cib.NvSet> bootstrap = cib.propertySets().stream()
                    .filter(s -> s.id().equals(Cib.BOOTSTRAP_SET)).findFirst();
            apply(u, CRM_CONFIG, "cluster_property_set", cib.propertySets(), bootstrap, Cib.BOOTSTRAP_SET);
        }

        /**
         * @param preferred the set new pairs go to; when empty, the first of {@code sets}, or a new
         *                  set {@code newSetId} if there is none
         */
        private void apply(AttributeUpdate u, String parentPath, String setElement, List<Cib.NvSet> sets,
                Optional<Cib.NvSet> preferred, String newSetId) {
            boolean found = false;
            for (Cib.NvSet set : sets) {
                String setPath = parentPath + "/" + Xml.byId(setElement, set.id());
                for (Cib.NvPair p : set.pairs()) {
                    if (!p.name().equals(u.name())) {
                        continue;
                    }
                    found = true;
                    if (u.value().isEmpty()) {
                        changes.add(delete(setPath + "/" + Xml.byId("nvpair", p.id())));
                    } else if (!u.value().get().equals(p.value())) {
                        changes.add(modify(setPath, p, u.value().get()));
                    }
                }
            }
            if (found || u.value().isEmpty()) {
                return;
            }
            // crm_config: new properties go to cib-bootstrap-options, as crm_attribute puts them;
            // a node: into its first attribute set
            Target t = targets.computeIfAbsent(parentPath + "|" + setElement, k -> {
                Optional<Cib.NvSet> into = setElement.equals("cluster_property_set")
                        ? preferred : sets.stream().findFirst();
                String setId = into.map(Cib.NvSet::id).orElseGet(() -> unique(newSetId));
                return new Target(parentPath, setElement, into, setId);
            });
            String pairId = unique(Xml.sanitizeId(t.newSetId() + "-" + u.name()));
            created.computeIfAbsent(parentPath + "|" + setElement, k -> new ArrayList<>())
                    .add(new Cib.NvPair(pairId, u.name(), u.value().get()));
        }

        private String unique(String id) {
            String candidate = id;
            for (int i = 2; ids.contains(candidate); i++) {
                candidate = id + "-" + i;
            }
            ids.add(candidate);
            return candidate;
        }
    }
}
