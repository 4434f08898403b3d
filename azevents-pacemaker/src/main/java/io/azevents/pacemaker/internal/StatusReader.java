package io.azevents.pacemaker.internal;

import io.azevents.core.ClusterStoreException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Pacemaker's status XML ({@code crm_mon --output-as=xml}, {@code crm_simulate --output-as=xml})
 * into a {@link PacemakerStatus}, in one streaming pass (StAX, no DTDs, no external entities). It
 * takes what Pacemaker says and derives nothing: a node's state is its attributes, a resource is active
 * where Pacemaker lists a {@code <node>} under it, at whatever depth the {@code <resource>} sits
 * (groups, clones, bundle replicas). Stateless and thread-safe.
 */
public final class StatusReader {
    /** Which status of a {@code crm_simulate} answer to read. */
    public enum Section {
        /** The status as read ({@code crm_mon}'s only one; {@code crm_simulate}'s {@code cluster_status}). */
        CURRENT,
        /** After the simulated transition ({@code crm_simulate -S}'s {@code revised_cluster_status}). */
        REVISED
    }

    private static final XMLInputFactory FACTORY = newFactory();

    private StatusReader() {
    }

    /** The current status in {@code xml}. */
    public static PacemakerStatus read(String xml) {
        return read(xml, Section.CURRENT);
    }

    /**
     * The status {@code section} of {@code xml}.
     *
     * @throws ClusterStoreException if the document is not Pacemaker's status XML, reports an error,
     *         or lacks the section
     */
    public static PacemakerStatus read(String xml, Section section) {
        return parse(xml, section, true);
    }

    /**
     * The cluster option {@code maintenance-mode} as {@code crm_mon --output-as=xml} reports it in its
     * summary ({@code --include=options} suffices).
     *
     * @throws ClusterStoreException if the document is not Pacemaker's status XML, reports an error,
     *         or has no {@code cluster_options}
     */
    public static boolean maintenanceMode(String xml) {
        return parse(xml, Section.CURRENT, false).maintenanceMode().orElseThrow(() -> new ClusterStoreException(
                "crm_mon's answer has no summary/cluster_options@maintenance-mode"));
    }

    private static PacemakerStatus parse(String xml, Section section, boolean requireNodes) {
        try {
            return new Pass(section, requireNodes).run(xml);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof ClusterStoreException c) {
                throw c;
            }
            throw new ClusterStoreException("cannot read Pacemaker's status XML: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** One pass over one document. */
    private static final class Pass {
        private final Section section;
        private final Deque<String> path = new ArrayDeque<>();
        private final List<PacemakerStatus.Node> nodes = new ArrayList<>();
        private final List<PacemakerStatus.Instance> instances = new ArrayList<>();
        private Optional<Boolean> maintenanceMode = Optional.empty();
        private boolean sawNodes;
        /** Depth of the {@code <nodes>} or {@code <resources>} element being read; 0 outside. */
        private int nodesDepth;
        private int resourcesDepth;
        /** The innermost open {@code <resource>}: id (suffix removed) and role. */
        private final Deque<String[]> resources = new ArrayDeque<>();
        private String statusCode;
        private String statusMessage;

        private final boolean requireNodes;

        Pass(Section section, boolean requireNodes) {
            this.section = section;
            this.requireNodes = requireNodes;
        }

        PacemakerStatus run(String xml) throws XMLStreamException {
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
            if (statusCode != null && !statusCode.equals("0")) {
                throw new ClusterStoreException("Pacemaker reported an error: status code " + statusCode
                        + (statusMessage == null ? "" : " (" + statusMessage + ")"));
            }
            if (requireNodes && !sawNodes) {
                throw new ClusterStoreException("Pacemaker's status XML has no "
                        + (section == Section.REVISED ? "revised_cluster_status" : "node list"));
            }
            return new PacemakerStatus(nodes, instances, maintenanceMode);
        }

        private void start(XMLStreamReader r) {
            String name = r.getLocalName();
            String parent = path.peek();
            path.push(name);
            int depth = path.size();
            if (depth == 1) {
                if (!name.equals("pacemaker-result")) {
                    throw new ClusterStoreException("not Pacemaker's status XML: root element <" + name + ">");
                }
                return;
            }
            if (depth == 2 && name.equals("status")) {
                statusCode = r.getAttributeValue(null, "code");
                statusMessage = r.getAttributeValue(null, "message");
                return;
            }
            if (name.equals("cluster_options") && "summary".equals(parent) && depth == 3
                    && section == Section.CURRENT) {
                String v = r.getAttributeValue(null, "maintenance-mode");
                if (v != null) {
                    maintenanceMode = Optional.of(Boolean.parseBoolean(v));
                }
                return;
            }
            if (nodesDepth == 0 && resourcesDepth == 0 && inSection(parent, depth)) {
                if (name.equals("nodes")) {
                    nodesDepth = depth;
                    sawNodes = true;
                } else if (name.equals("resources")) {
                    resourcesDepth = depth;
                }
                return;
            }
            if (nodesDepth > 0 && depth == nodesDepth + 1 && name.equals("node")) {
                nodes.add(node(r));
            } else if (resourcesDepth > 0) {
                if (name.equals("resource")) {
                    resources.push(new String[] {primitiveId(require(r, "id")),
                            String.valueOf(r.getAttributeValue(null, "role"))});
                } else if (name.equals("node") && "resource".equals(parent) && !resources.isEmpty()) {
                    String[] rsc = resources.peek();
                    instances.add(new PacemakerStatus.Instance(rsc[0], rsc[1], require(r, "name")));
                }
            }
        }

        private void end() {
            String name = path.pop();
            int depth = path.size() + 1;
            if (depth == nodesDepth && name.equals("nodes")) {
                nodesDepth = 0;
            } else if (depth == resourcesDepth && name.equals("resources")) {
                resourcesDepth = 0;
            } else if (resourcesDepth > 0 && name.equals("resource")) {
                resources.pop();
            }
        }

        /** True if an element with this parent and depth holds the wanted section's nodes and resources. */
        private boolean inSection(String parent, int depth) {
            return switch (section) {
                case CURRENT -> depth == 2 || depth == 3 && "cluster_status".equals(parent);
                case REVISED -> depth == 3 && "revised_cluster_status".equals(parent);
            };
        }

        private static PacemakerStatus.Node node(XMLStreamReader r) {
            return new PacemakerStatus.Node(require(r, "name"), String.valueOf(r.getAttributeValue(null, "id")),
                    flag(r, "online"), flag(r, "standby"), flag(r, "standby_onfail"), flag(r, "maintenance"),
                    flag(r, "pending"), flag(r, "unclean"), flag(r, "shutdown"),
                    String.valueOf(r.getAttributeValue(null, "type")),
                    Optional.ofNullable(r.getAttributeValue(null, "id_as_resource")).filter(s -> !s.isEmpty()));
        }

        /** Pacemaker prints its booleans as {@code true}/{@code false}. */
        private static boolean flag(XMLStreamReader r, String attribute) {
            return "true".equals(r.getAttributeValue(null, attribute));
        }

        private static String require(XMLStreamReader r, String attribute) {
            String v = r.getAttributeValue(null, attribute);
            if (v == null || v.isEmpty()) {
                throw new ClusterStoreException("Pacemaker's status XML has a <" + r.getLocalName()
                        + "> without " + attribute);
            }
            return v;
        }
    }

    /** A clone or bundle instance {@code rsc:2} is reported as {@code rsc}. */
    static String primitiveId(String id) {
        int colon = id.indexOf(':');
        return colon > 0 ? id.substring(0, colon) : id;
    }
}
