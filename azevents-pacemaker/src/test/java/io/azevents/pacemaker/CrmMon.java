package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What {@code crm_mon --one-shot --output-as=xml} says of a CIB file, parsed here with a plain DOM,
 * independently of the store's reader: the reference of the differential tests.
 */
record CrmMon(Map<String, Node> nodes, Map<String, SortedSet<String>> activeByNode, boolean maintenanceMode) {

    /** A {@code <node>} of crm_mon's node list: its attributes as printed. */
    record Node(String name, Map<String, String> attributes) {
        boolean flag(String attribute) {
            return "true".equals(attributes.get(attribute));
        }

        String get(String attribute) {
            return attributes.get(attribute);
        }
    }

    /** Runs crm_mon on {@code cibFile} and parses its answer. */
    static CrmMon of(Path cibFile) {
        CommandRunner.Result r = CommandRunner.local().run(List.of("crm_mon", "--one-shot", "--output-as=xml"),
                Map.of("CIB_file", cibFile.toString()), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("crm_mon: " + r.stderr()).isZero();
        return parse(r.stdout());
    }

    static CrmMon parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            Map<String, Node> nodes = new LinkedHashMap<>();
            Map<String, SortedSet<String>> active = new LinkedHashMap<>();
            for (Element n : children(child(root, "nodes"), "node")) {
                Map<String, String> attrs = new LinkedHashMap<>();
                for (int i = 0; i < n.getAttributes().getLength(); i++) {
                    attrs.put(n.getAttributes().item(i).getNodeName(), n.getAttributes().item(i).getNodeValue());
                }
                nodes.put(n.getAttribute("name"), new Node(n.getAttribute("name"), attrs));
                active.put(n.getAttribute("name"), new TreeSet<>());
            }
            NodeList resources = child(root, "resources").getElementsByTagName("resource");
            for (int i = 0; i < resources.getLength(); i++) {
                Element rsc = (Element) resources.item(i);
                String id = rsc.getAttribute("id").replaceFirst(":.*$", "");
                for (Element on : children(rsc, "node")) {
                    active.computeIfAbsent(on.getAttribute("name"), k -> new TreeSet<>()).add(id);
                }
            }
            Element options = child(child(root, "summary"), "cluster_options");
            return new CrmMon(nodes, active, "true".equals(options.getAttribute("maintenance-mode")));
        } catch (Exception e) {
            throw new AssertionError("cannot parse crm_mon's answer: " + e + "\n" + xml, e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        assertThat(c).as("<%s> under <%s>", name, parent.getTagName()).hasSize(1);
        return c.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
