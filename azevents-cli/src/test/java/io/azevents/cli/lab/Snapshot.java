package io.azevents.cli.lab;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What one poll of the live cluster saw: {@code crm_mon --output-as=xml} (nodes, where each
 * resource runs) and {@code cibadmin --query} (node attributes, permanent and transient), with the
 * times the poll began and ended.
 */
record Snapshot(Instant begin, Instant end, Map<String, NodeInfo> nodes, Map<String, Set<String>> resources,
                Map<String, Map<String, String>> attributes) {

    /** A node as crm_mon shows it. */
    record NodeInfo(boolean online, boolean standby, String health) {
    }

    static Snapshot parse(Instant begin, Instant end, String crmMon, String cib) {
        Document mon = xml(crmMon);
        Map<String, NodeInfo> nodes = new LinkedHashMap<>();
        NodeList ns = mon.getElementsByTagName("nodes");
        if (ns.getLength() > 0) {
            NodeList list = ((Element) ns.item(0)).getElementsByTagName("node");
            for (int i = 0; i < list.getLength(); i++) {
                Element n = (Element) list.item(i);
                nodes.put(n.getAttribute("name"), new NodeInfo("true".equals(n.getAttribute("online")),
                        "true".equals(n.getAttribute("standby")), n.getAttribute("health")));
            }
        }
        Map<String, Set<String>> resources = new LinkedHashMap<>();
        NodeList rs = mon.getElementsByTagName("resources");
        if (rs.getLength() > 0) {
            NodeList list = ((Element) rs.item(0)).getElementsByTagName("resource");
            for (int i = 0; i < list.getLength(); i++) {
                Element r = (Element) list.item(i);
                Set<String> on = resources.computeIfAbsent(r.getAttribute("id"), k -> new LinkedHashSet<>());
                NodeList where = r.getElementsByTagName("node");
                for (int j = 0; j < where.getLength(); j++) {
                    on.add(((Element) where.item(j)).getAttribute("name"));
                }
            }
        }
        return new Snapshot(begin, end, nodes, resources, attributes(cib));
    }

    /** Node attributes by node name: permanent ({@code nodes}) overlaid by transient ({@code status}). */
    static Map<String, Map<String, String>> attributes(String cib) {
        Document doc = xml(cib);
        Map<String, String> idToName = new HashMap<>();
        Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
        NodeList nodes = doc.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            idToName.put(n.getAttribute("id"), n.getAttribute("uname"));
            collect(n, attrs.computeIfAbsent(n.getAttribute("uname"), k -> new LinkedHashMap<>()));
        }
        NodeList states = doc.getElementsByTagName("node_state");
        for (int i = 0; i < states.getLength(); i++) {
            Element s = (Element) states.item(i);
            String name = s.getAttribute("uname").isEmpty() ? idToName.get(s.getAttribute("id")) : s.getAttribute("uname");
            NodeList ts = s.getElementsByTagName("transient_attributes");
            for (int j = 0; j < ts.getLength(); j++) {
                collect((Element) ts.item(j), attrs.computeIfAbsent(name, k -> new LinkedHashMap<>()));
            }
        }
        return attrs;
    }

    private static void collect(Element under, Map<String, String> into) {
        NodeList pairs = under.getElementsByTagName("nvpair");
        for (int i = 0; i < pairs.getLength(); i++) {
            Element p = (Element) pairs.item(i);
            into.put(p.getAttribute("name"), p.getAttribute("value"));
        }
    }

    private static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("unparsable XML: " + e.getMessage() + "\n" + text, e);
        }
    }

    Optional<String> attribute(String node, String name) {
        return Optional.ofNullable(attributes.getOrDefault(node, Map.of()).get(name));
    }

    /** Resources (other than the agent's, named {@code agentPrefix*}) running on {@code node}. */
    Set<String> workloadOn(String node, String agentPrefix) {
        Set<String> s = new LinkedHashSet<>();
        resources.forEach((r, on) -> {
            if (!r.startsWith(agentPrefix) && on.contains(node)) {
                s.add(r);
            }
        });
        return s;
    }

    /** Where {@code resource} runs (empty if stopped). */
    Set<String> where(String resource) {
        return resources.getOrDefault(resource, Set.of());
    }

    boolean healthy(String node) {
        NodeInfo n = nodes.get(node);
        return n != null && "green".equals(n.health());
    }

    boolean standby(String node) {
        NodeInfo n = nodes.get(node);
        return n != null && n.standby();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(begin + ".." + end + ":");
        nodes.forEach((n, i) -> b.append(' ').append(n).append('[').append(i.online() ? "on" : "off")
                .append(i.standby() ? ",standby" : "").append(',').append(i.health()).append(",state=")
                .append(attributes.getOrDefault(n, Map.of()).entrySet().stream()
                        .filter(e -> e.getKey().endsWith("curNodeState")).map(Map.Entry::getValue)
                        .findFirst().orElse("-"))
                .append(",health=").append(attribute(n, "#health-azure").orElse("-")).append(']'));
        resources.forEach((r, on) -> b.append(' ').append(r).append('@').append(String.join("+", on)));
        return b.toString();
    }
}
