package io.azevents.pacemaker.internal;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterStoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Turns a batch of {@link AttributeUpdate}s into one Pacemaker XML patch (format 2, the format of
 * {@code crm_diff}), applied by {@code cibadmin --patch} as a single CIB transaction. The patch names
 * the version it was computed from as its source, so the CIB applies it only if nothing changed in
 * between (else {@code cibadmin} exits 103 and the store reads again): a compare-and-swap on the
 * whole CIB, which lets sets and deletes mix in one transaction and never loses a concurrent update.
 * The same changes can be applied to a DOM copy of the CIB ({@link Patch#applyTo}), for the scheduler
 * to run on.
 *
 * <p>Existing nvpairs are changed in place (same id). New ones get the ids {@code crm_attribute}
 * would give them ({@code nodes-<node id>-<name>}, {@code cib-bootstrap-options-<name>}), so either
 * tool keeps finding the other's attributes. A Pacemaker Remote or guest node with no entry in the
 * {@code nodes} section gets one as {@code crm_attribute} creates it
 * ({@code <node id="<name>" uname="<name>" type="remote">}). Updates already satisfied by the CIB are
 * dropped. Stateless.
 */
public final class CibPatch {
    private static final String NODES_SECTION = "/cib/configuration/nodes";
    private static final String NODES = NODES_SECTION + "/";
    private static final String CRM_CONFIG = "/cib/configuration/crm_config";

    private CibPatch() {
    }

    /**
     * A node as Pacemaker knows it, for updates of nodes that may have no entry in the {@code nodes}
     * section yet.
     *
     * @param name   its name
     * @param id     its id (a remote or guest node's is its name)
     * @param remote a Pacemaker Remote, guest or bundle node
     */
    public record NodeTarget(String name, String id, boolean remote) {
        public NodeTarget {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
        }
    }

    /** One element to create, with its attributes (name, value) in order and its children. */
    public record Elem(String name, List<String[]> attributes, List<Elem> children) {
        public Elem {
            attributes = List.copyOf(attributes);
            children = List.copyOf(children);
        }

        static Elem nvpair(String id, String name, String value) {
            return new Elem("nvpair", List.of(new String[] {"id", id}, new String[] {"name", name},
                    new String[] {"value", value}), List.of());
        }

        void appendXml(StringBuilder b) {
            b.append('<').append(name);
            for (String[] a : attributes) {
                b.append(' ').append(a[0]).append("=\"").append(Xml.attr(a[1])).append('"');
            }
            if (children.isEmpty()) {
                b.append("/>");
                return;
            }
            b.append('>');
            children.forEach(c -> c.appendXml(b));
            b.append("</").append(name).append('>');
        }

        Element toDom(Document doc) {
            Element e = doc.createElement(name);
            attributes.forEach(a -> e.setAttribute(a[0], a[1]));
            children.forEach(c -> e.appendChild(c.toDom(doc)));
            return e;
        }
    }

    /** One change of a patch, addressed by an XPath of {@code [@id='...']} steps. */
    public sealed interface Change permits Create, Modify, Delete {
    }

    /** Creates {@code element} as the {@code position}-th element child of {@code parentPath}. */
    public record Create(String parentPath, int position, Elem element) implements Change {
    }

    /** Sets the {@code value} attribute of the nvpair at {@code path}. */
    public record Modify(String path, Elem result, String value) implements Change {
    }

    /** Deletes the element at {@code path}. */
    public record Delete(String path) implements Change {
    }

    /**
     * A patch: changes against the CIB version {@code source}.
     *
     * @param source  the version the changes were computed from
     * @param changes the changes, in order
     */
    public record Patch(Cib.Version source, List<Change> changes) {
        public Patch {
            changes = List.copyOf(changes);
        }

        /** The patch as {@code cibadmin --patch} takes it: applies only to {@link #source}, bumps the epoch. */
        public String toXml() {
            StringBuilder b = new StringBuilder(256 + changes.size() * 160);
            b.append("<diff format=\"2\"><version>")
                    .append("<source admin_epoch=\"").append(source.adminEpoch()).append("\" epoch=\"")
                    .append(source.epoch()).append("\" num_updates=\"").append(source.numUpdates()).append("\"/>")
                    .append("<target admin_epoch=\"").append(source.adminEpoch()).append("\" epoch=\"")
                    .append(source.epoch() + 1).append("\" num_updates=\"0\"/>")
                    .append("</version>");
            for (Change c : changes) {
                if (c instanceof Create cr) {
                    b.append("<change operation=\"create\" path=\"").append(Xml.attr(cr.parentPath()))
                            .append("\" position=\"").append(cr.position()).append("\">");
                    cr.element().appendXml(b);
                    b.append("</change>");
                } else if (c instanceof Modify m) {
                    b.append("<change operation=\"modify\" path=\"").append(Xml.attr(m.path()))
                            .append("\"><change-list><change-attr name=\"value\" operation=\"set\" value=\"")
                            .append(Xml.attr(m.value())).append("\"/></change-list><change-result>");
                    m.result().appendXml(b);
                    b.append("</change-result></change>");
                } else if (c instanceof Delete d) {
                    b.append("<change operation=\"delete\" path=\"").append(Xml.attr(d.path())).append("\"/>");
                }
            }
            return b.append("</diff>").toString();
        }

        /**
         * Applies the changes to {@code cib}, a DOM of the CIB the patch was computed from, as
         * {@code cibadmin --patch} would (the version is left alone).
         *
         * @throws ClusterStoreException if a path does not exist in {@code cib}
         */
        public void applyTo(Document cib) {
            XPath xpath = XPathFactory.newInstance().newXPath();
            for (Change c : changes) {
                if (c instanceof Create cr) {
                    Element parent = find(xpath, cib, cr.parentPath());
                    List<Element> children = elementChildren(parent);
                    Element e = cr.element().toDom(cib);
                    if (cr.position() < children.size()) {
                        parent.insertBefore(e, children.get(cr.position()));
                    } else {
                        parent.appendChild(e);
                    }
                } else if (c instanceof Modify m) {
                    find(xpath, cib, m.path()).setAttribute("value", m.value());
                } else if (c instanceof Delete d) {
                    Element e = find(xpath, cib, d.path());
                    e.getParentNode().removeChild(e);
                }
            }
        }

        private static Element find(XPath xpath, Document doc, String path) {
            try {
                NodeList found = (NodeList) xpath.evaluate(path, doc, XPathConstants.NODESET);
                if (found.getLength() != 1 || !(found.item(0) instanceof Element e)) {
                    throw new ClusterStoreException("the CIB copy has " + found.getLength()
                            + " elements at " + path + ", not one");
                }
                return e;
            } catch (XPathExpressionException e) {
                throw new ClusterStoreException("cannot address " + path + " in the CIB copy: " + e.getMessage(), e);
            }
        }

        private static List<Element> elementChildren(Element parent) {
            List<Element> out = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /**
     * The patch for {@code updates} against {@code cib}; empty if the CIB already holds them all.
     *
     * @param nodes the cluster's nodes by name, as Pacemaker lists them; a node missing here is looked
     *              up in the CIB's {@code nodes} section by name
     * @throws ClusterStoreException if an update names a node the cluster does not have, or a member
     *         node with no entry in the {@code nodes} section
     */
    public static Optional<Patch> of(Cib cib, Map<String, NodeTarget> nodes, List<AttributeUpdate> updates) {
        return new Builder(cib, nodes).build(updates);
    }

    /** As {@link #of(Cib, Map, List)} for nodes that all have an entry in the {@code nodes} section. */
    public static Optional<Patch> of(Cib cib, List<AttributeUpdate> updates) {
        return of(cib, Map.of(), updates);
    }

    /** The patch that deletes the set {@code setId} from {@code crm_config}. */
    public static Patch deletePropertySet(Cib cib, String setId) {
        return new Patch(cib.version(), List.of(new Delete(CRM_CONFIG + "/" + Xml.byId("cluster_property_set", setId))));
    }

    /** Where new pairs of one node (or of crm_config) go: an existing set, or a new one to create. */
    private record Target(String parentPath, String setElement, Optional<Cib.NvSet> existing, String newSetId) {
    }

    /** A remote node that gets its entry in the {@code nodes} section with this patch. */
    private record NewNode(NodeTarget node, String setId, List<Cib.NvPair> pairs) {
    }

    private static final class Builder {
        private final Cib cib;
        private final Map<String, NodeTarget> nodes;
        private final Set<String> ids;
        private final List<Change> changes = new ArrayList<>();
        /** New pairs per target, keyed by parent path and set element. */
        private final Map<String, List<Cib.NvPair>> created = new LinkedHashMap<>();
        private final Map<String, Target> targets = new LinkedHashMap<>();
        private final Map<String, NewNode> newNodes = new LinkedHashMap<>();

        Builder(Cib cib, Map<String, NodeTarget> nodes) {
            this.cib = cib;
            this.nodes = nodes;
            this.ids = new HashSet<>(cib.ids());
        }

        Optional<Patch> build(List<AttributeUpdate> updates) {
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
                    pairs.forEach(p -> changes.add(new Create(setPath, 0, Elem.nvpair(p.id(), p.name(), p.value()))));
                } else {
                    changes.add(new Create(t.parentPath(), 0, set(t.setElement(), t.newSetId(), pairs)));
                }
            });
            int position = cib.nodes().size();
            for (NewNode n : newNodes.values()) {
                List<String[]> attributes = List.of(new String[] {"id", n.node().id()},
                        new String[] {"uname", n.node().name()}, new String[] {"type", "remote"});
                changes.add(new Create(NODES_SECTION, position++, new Elem("node", attributes,
                        List.of(set("instance_attributes", n.setId(), n.pairs())))));
            }
            return changes.isEmpty() ? Optional.empty() : Optional.of(new Patch(cib.version(), changes));
        }

        private static Elem set(String element, String id, List<Cib.NvPair> pairs) {
            return new Elem(element, List.<String[]>of(new String[] {"id", id}),
                    pairs.stream().map(p -> Elem.nvpair(p.id(), p.name(), p.value())).toList());
        }

        private void nodeUpdate(AttributeUpdate u) {
            String name = u.node().orElseThrow();
            NodeTarget target = nodes.get(name);
            Optional<Cib.ConfigNode> entry = target != null
                    ? cib.configNode(target.id(), name)
                    : cib.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
            if (entry.isPresent()) {
                String nodePath = NODES + Xml.byId("node", entry.get().id());
                apply(u, nodePath, "instance_attributes", entry.get().sets(), Optional.empty(),
                        "nodes-" + entry.get().id());
                return;
            }
            if (target == null) {
                Set<String> known = new java.util.TreeSet<>(nodes.keySet());
                cib.nodes().forEach(n -> known.add(n.name()));
                throw new ClusterStoreException("node " + name + " is not in the cluster; known nodes: " + known);
            }
            if (!target.remote()) {
                throw new ClusterStoreException("node " + name + " has no entry in the CIB's nodes section");
            }
            if (u.value().isEmpty()) {
                return; // nothing to delete on a node without attributes
            }
            NewNode n = newNodes.computeIfAbsent(name,
                    k -> new NewNode(target, unique(Xml.sanitizeId("nodes-" + target.id())), new ArrayList<>()));
            n.pairs().add(new Cib.NvPair(unique(Xml.sanitizeId(n.setId() + "-" + u.name())), u.name(),
                    u.value().get()));
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
                    String pairPath = setPath + "/" + Xml.byId("nvpair", p.id());
                    if (u.value().isEmpty()) {
                        changes.add(new Delete(pairPath));
                    } else if (!u.value().get().equals(p.value())) {
                        changes.add(new Modify(pairPath, Elem.nvpair(p.id(), p.name(), u.value().get()),
                                u.value().get()));
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
