package io.azevents.cli.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * A read-only view of a CIB document (the output of {@code cibadmin --query}) for the configuration
 * checks: resources, constraints, properties and node attributes. DOM, no DTDs, no external entities.
 */
public final class Cib {
    private final Document doc;

    private Cib(Document doc) {
        this.doc = doc;
    }

    public static Cib parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            if (!"cib".equals(d.getDocumentElement().getTagName())) {
                throw new IllegalArgumentException("not a CIB: the root element is <"
                        + d.getDocumentElement().getTagName() + ">");
            }
            return new Cib(d);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("the CIB is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Element> all(String tag) {
        NodeList l = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    /** The nvpairs of every {@code <tag>} block directly under {@code parent}, in document order. */
    public static Map<String, String> nvpairs(Element parent, String tag) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Element set : children(parent, tag)) {
            for (Element nv : children(set, "nvpair")) {
                m.put(nv.getAttribute("name"), nv.getAttribute("value"));
            }
        }
        return m;
    }

    /** Cluster properties from every {@code cluster_property_set}. */
    Map<String, String> properties() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Element crm : all("crm_config")) {
            m.putAll(nvpairs(crm, "cluster_property_set"));
        }
        return m;
    }

    /** Node name -> permanent attributes, for every node in {@code configuration/nodes}. */
    Map<String, Map<String, String>> nodeAttributes() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (Element nodes : all("nodes")) {
            for (Element node : children(nodes, "node")) {
                String name = node.getAttribute("uname").isEmpty() ? node.getAttribute("id") : node.getAttribute("uname");
                m.put(name, nvpairs(node, "instance_attributes"));
            }
        }
        return m;
    }

    /** Node name -> transient attributes from the status section. */
    Map<String, Map<String, String>> transientAttributes() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (Element state : all("node_state")) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (Element t : children(state, "transient_attributes")) {
                attrs.putAll(nvpairs(t, "instance_attributes"));
            }
            m.put(state.getAttribute("uname"), attrs);
        }
        return m;
    }

    /** Every primitive in the resources section. */
    List<Element> primitives() {
        return all("primitive");
    }

    /** The clone (or bundle/group parent chain up to a clone) that holds {@code primitive}, if any. */
    static Optional<Element> cloneOf(Element primitive) {
        for (Node p = primitive.getParentNode(); p instanceof Element e; p = e.getParentNode()) {
            if (e.getTagName().equals("clone")) {
                return Optional.of(e);
            }
            if (e.getTagName().equals("resources")) {
                break;
            }
        }
        return Optional.empty();
    }

    List<Element> locations() {
        return all("rsc_location");
    }
}
