package io.azevents.pacemaker.internal;

import io.azevents.core.Claim;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.Pacemaker;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a raw CIB (what {@code cibadmin --query} prints, or the copy {@code crm_simulate -O} saves)
 * in one streaming pass (StAX, no DTDs, no external entities) into a {@link Cib}: version, ids,
 * attributes, properties, claims, and the operations in flight per node. It does not decide who is
 * online or what runs where; that is Pacemaker's to say ({@link StatusReader}). Stateless and
 * thread-safe.
 */
public final class CibReader {
    private static final XMLInputFactory FACTORY = newFactory();

    private CibReader() {
    }

    /** Parses a whole CIB. */
    public static Cib read(String xml) {
        try {
            return new Pass().run(xml);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof ClusterStoreException c) {
                throw c;
            }
            throw new ClusterStoreException("cannot read the CIB: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** One pass over one document; holds the state of the walk. */
    private static final class Pass {
        private final Deque<String> path = new ArrayDeque<>();
        private final Set<String> ids = new HashSet<>();
        private final List<Cib.NvSet> propertySets = new ArrayList<>();
        private final Map<String, Claim> claims = new LinkedHashMap<>();
        private final List<Cib.ConfigNode> configNodes = new ArrayList<>();
        private final List<Cib.NodeState> states = new ArrayList<>();
        private Cib.Version version;
        private String setId;
        private List<Cib.NvPair> setPairs;
        private NodeBuilder node;
        private StateBuilder state;
        private ResourceHistory resource;
        private final CibResources config = new CibResources();
        /** maintenance-mode: how often crm_config defines it, and whether anything makes it conditional. */
        private int maintenanceDefinitions;
        private String maintenanceValue;
        private boolean propertiesConditional;

        Cib run(String xml) throws XMLStreamException {
            XMLStreamReader r;
            synchronized (FACTORY) {
                r = FACTORY.createXMLStreamReader(new StringReader(xml));
            }
            try {
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        start(r);
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        end();
                    }
                }
            } finally {
                r.close();
            }
            if (version == null) {
                throw new ClusterStoreException("not a CIB: no <cib> element");
            }
            return new Cib(version, configNodes, states, propertySets, claims, ids, maintenanceMode(),
                    config.resources, config.locations);
        }

        /** Plain: not defined (Pacemaker's default, false), or defined once, unconditionally. */
        private Optional<Boolean> maintenanceMode() {
            if (propertiesConditional || maintenanceDefinitions > 1) {
                return Optional.empty();
            }
            if (maintenanceDefinitions == 0) {
                return Optional.of(false);
            }
            return maintenanceValue == null ? Optional.empty() : Optional.of(Pacemaker.isTrue(maintenanceValue));
        }

        private void start(XMLStreamReader r) {
            String name = r.getLocalName();
            String parent = path.peek();
            path.push(name);
            int depth = path.size();
            String id = r.getAttributeValue(null, "id");
            if (depth > 2 && inConfiguration() && id != null) {
                ids.add(id);
            }
            if (depth == 1) {
                if (!name.equals("cib")) {
                    throw new ClusterStoreException("not a CIB: root element <" + name + ">");
                }
                version = new Cib.Version(number(r, "admin_epoch"), number(r, "epoch"), number(r, "num_updates"));
                return;
            }
            if (config.start(r, name, parent, depth, path)) {
                return;
            }
            switch (name) {
                case "cluster_property_set" -> {
                    if (depth == 4 && "crm_config".equals(parent)) {
                        if (r.getAttributeValue(null, "id-ref") != null) {
                            propertiesConditional = true;
                        }
                        openSet(id);
                    }
                }
                case "rule" -> {
                    if ("cluster_property_set".equals(parent) && depth == 5) {
                        propertiesConditional = true;
                    }
                }
                case "node" -> {
                    if (depth == 4 && "nodes".equals(parent) && id != null) {
                        node = new NodeBuilder(id, r.getAttributeValue(null, "uname"));
                    }
                }
                case "instance_attributes" -> {
                    if (depth == 5 && node != null && "node".equals(parent)) {
                        openSet(id);
                    } else if (state != null && "transient_attributes".equals(parent)) {
                        openSet(id);
                    }
                }
                case "nvpair" -> nvpair(r, id, parent, depth);
                case "node_state" -> {
                    if (depth == 3 && "status".equals(parent) && id != null) {
                        String uname = r.getAttributeValue(null, "uname");
                        state = new StateBuilder(id, uname == null ? "" : uname);
                    }
                }
                case "lrm_resource" -> {
                    if (state != null && id != null) {
                        resource = new ResourceHistory(id);
                        state.resources.add(resource);
                    }
                }
                case "lrm_rsc_op" -> {
                    if (resource != null) {
                        resource.add(new ResourceHistory.Op(String.valueOf(r.getAttributeValue(null, "operation")),
                                number(r, "call-id"), (int) number(r, "rc-code"), (int) number(r, "op-status"),
                                number(r, "interval")));
                    }
                }
                default -> {
                }
            }
        }

        private void nvpair(XMLStreamReader r, String id, String parent, int depth) {
            String n = r.getAttributeValue(null, "name");
            String v = r.getAttributeValue(null, "value");
            boolean crmConfig = depth == 5 && "cluster_property_set".equals(parent) && node == null && state == null;
            if (crmConfig && r.getAttributeValue(null, "id-ref") != null) {
                propertiesConditional = true;
            }
            if (crmConfig && Pacemaker.MAINTENANCE_MODE.equals(n)) {
                maintenanceDefinitions++;
                maintenanceValue = v;
            }
            if (setPairs != null && n != null && isSetElement(parent)) {
                setPairs.add(new Cib.NvPair(id, n, v == null ? "" : v));
            }
        }

        private void end() {
            String name = path.pop();
            config.end(name, path.size() + 1);
            switch (name) {
                case "cluster_property_set" -> {
                    if (node == null && state == null && setPairs != null) {
                        Cib.NvSet set = closeSet();
                        Optional<Claim> claim = Claims.fromSet(set);
                        if (claim.isPresent()) {
                            claims.put(claim.get().id(), claim.get());
                        } else if (!Claims.isClaimSet(set.id())) {
                            propertySets.add(set);
                        }
                    }
                }
                case "instance_attributes" -> {
                    if (setPairs != null) {
                        Cib.NvSet set = closeSet();
                        if (state != null) {
                            set.pairs().forEach(p -> state.transientAttributes.putIfAbsent(p.name(), p.value()));
                        } else if (node != null) {
                            node.sets.add(set);
                        }
                    }
                }
                case "node" -> {
                    if (node != null && path.size() == 3) {
                        configNodes.add(new Cib.ConfigNode(node.id, node.uname == null ? "" : node.uname, node.sets));
                        node = null;
                    }
                }
                case "node_state" -> {
                    if (state != null && path.size() == 2) {
                        int pending = state.resources.stream().mapToInt(ResourceHistory::pending).sum();
                        states.add(new Cib.NodeState(state.id, state.uname, state.transientAttributes, pending));
                        state = null;
                    }
                }
                case "lrm_resource" -> resource = null;
                default -> {
                }
            }
        }

        private void openSet(String id) {
            setId = id;
            setPairs = new ArrayList<>();
        }

        private Cib.NvSet closeSet() {
            Cib.NvSet set = new Cib.NvSet(setId == null ? "" : setId, setPairs);
            setId = null;
            setPairs = null;
            return set;
        }

        private boolean isSetElement(String parent) {
            return "instance_attributes".equals(parent) || "cluster_property_set".equals(parent);
        }

        private boolean inConfiguration() {
            // path is a stack: the element under <cib> is the second from the bottom
            var it = path.descendingIterator();
            it.next();
            return it.hasNext() && it.next().equals("configuration");
        }

        private static long number(XMLStreamReader r, String attribute) {
            String v = r.getAttributeValue(null, attribute);
            if (v == null || v.isEmpty()) {
                return 0;
            }
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new ClusterStoreException("not a number in the CIB: " + attribute + "=" + v);
            }
        }
    }

    private static final class NodeBuilder {
        final String id;
        final String uname;
        final List<Cib.NvSet> sets = new ArrayList<>();

        NodeBuilder(String id, String uname) {
            this.id = id;
            this.uname = uname;
        }
    }

    private static final class StateBuilder {
        final String id;
        final String uname;
        final Map<String, String> transientAttributes = new LinkedHashMap<>();
        final List<ResourceHistory> resources = new ArrayList<>();

        StateBuilder(String id, String uname) {
            this.id = id;
            this.uname = uname;
        }
    }
}
