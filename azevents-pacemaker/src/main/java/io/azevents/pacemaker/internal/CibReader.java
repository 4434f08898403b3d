package io.azevents.pacemaker.internal;

import io.azevents.core.Claim;
import io.azevents.core.ClusterStoreException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the output of {@code cibadmin --query} in one streaming pass (StAX, no DTDs, no external
 * entities) into a {@link Cib}. Stateless and thread-safe.
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
        private final List<ConfigNode> configNodes = new ArrayList<>();
        private final List<NodeState> states = new ArrayList<>();
        private Cib.Version version;
        private String setId;
        private List<Cib.NvPair> setPairs;
        private ConfigNode node;
        private NodeState state;
        private ResourceHistory resource;

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
            return new Cib(version, merge(), propertySets, claims, ids);
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
            switch (name) {
                case "cluster_property_set" -> {
                    if (depth == 4 && "crm_config".equals(parent)) {
                        openSet(id);
                    }
                }
                case "node" -> {
                    if (depth == 4 && "nodes".equals(parent)) {
                        node = new ConfigNode(id, r.getAttributeValue(null, "uname"), new ArrayList<>());
                    }
                }
                case "instance_attributes" -> {
                    if (depth == 5 && node != null && "node".equals(parent)) {
                        openSet(id);
                    } else if (state != null && "transient_attributes".equals(parent)) {
                        openSet(id);
                    }
                }
                case "nvpair" -> {
                    String n = r.getAttributeValue(null, "name");
                    if (setPairs != null && n != null && isSetElement(parent)) {
                        String v = r.getAttributeValue(null, "value");
                        setPairs.add(new Cib.NvPair(id, n, v == null ? "" : v));
                    }
                }
                case "node_state" -> {
                    if (depth == 3 && "status".equals(parent)) {
                        state = new NodeState(id, r.getAttributeValue(null, "uname"),
                                online(r), new LinkedHashMap<>(), new ArrayList<>());
                    }
                }
                case "lrm_resource" -> {
                    if (state != null && id != null) {
                        resource = new ResourceHistory(id);
                        state.resources().add(resource);
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

        private void end() {
            String name = path.pop();
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
                            set.pairs().forEach(p -> state.transientAttributes().putIfAbsent(p.name(), p.value()));
                        } else if (node != null) {
                            node.sets().add(set);
                        }
                    }
                }
                case "node" -> {
                    if (node != null && path.size() == 3) {
                        configNodes.add(node);
                        node = null;
                    }
                }
                case "node_state" -> {
                    if (state != null && path.size() == 2) {
                        states.add(state);
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

        private List<Cib.Node> merge() {
            List<Cib.Node> out = new ArrayList<>();
            Set<NodeState> used = new HashSet<>();
            for (ConfigNode c : configNodes) {
                if (c.uname() == null) {
                    continue;
                }
                NodeState s = states.stream()
                        .filter(st -> c.id() != null && c.id().equals(st.id()))
                        .findFirst()
                        .or(() -> states.stream().filter(st -> c.uname().equals(st.uname())).findFirst())
                        .orElse(null);
                if (s != null) {
                    used.add(s);
                }
                out.add(node(Optional.ofNullable(c.id()), c.uname(), c.sets(), s));
            }
            for (NodeState s : states) {
                if (!used.contains(s) && s.uname() != null
                        && out.stream().noneMatch(n -> n.name().equals(s.uname()))) {
                    out.add(node(Optional.empty(), s.uname(), List.of(), s));
                }
            }
            return out;
        }

        private static Cib.Node node(Optional<String> id, String uname, List<Cib.NvSet> sets, NodeState s) {
            if (s == null) {
                return new Cib.Node(id, uname, sets, false, Map.of(), List.of(), 0);
            }
            List<String> running = new ArrayList<>();
            int pending = 0;
            if (s.online()) {
                for (ResourceHistory h : s.resources()) {
                    pending += h.pending();
                    if (h.active() && !running.contains(h.primitiveId())) {
                        running.add(h.primitiveId());
                    }
                }
            }
            return new Cib.Node(id, uname, sets, s.online(), s.transientAttributes(), running, pending);
        }

        private static boolean online(XMLStreamReader r) {
            return truthy(r.getAttributeValue(null, "in_ccm"))
                    && truthy(r.getAttributeValue(null, "crmd"))
                    && "member".equals(r.getAttributeValue(null, "join"));
        }

        /** {@code true}/{@code online}, or (Pacemaker 2.1.7+) a non-zero timestamp. */
        private static boolean truthy(String v) {
            if (v == null) {
                return false;
            }
            String s = v.toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("online") || s.equals("yes") || s.equals("member")) {
                return true;
            }
            try {
                return Long.parseLong(s) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
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

    private record ConfigNode(String id, String uname, List<Cib.NvSet> sets) {
    }

    private record NodeState(String id, String uname, boolean online, Map<String, String> transientAttributes,
            List<ResourceHistory> resources) {
        // identity semantics: two states are the same only if they are the same object
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
