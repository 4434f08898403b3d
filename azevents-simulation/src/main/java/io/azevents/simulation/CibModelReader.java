package io.azevents.simulation;

import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.NodeKind;
import io.azevents.core.Pacemaker;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads a CIB into a {@link ClusterModel}: configuration (nodes, properties, claims, resources,
 * constraints) and status (membership, transient attributes, and from the resource history what runs
 * where). DOM with DTDs and external entities refused. What it cannot model is listed in
 * {@link ClusterModel#unsupported}. Stateless; thread-safe.
 */
final class CibModelReader {
    /** Prefix of the {@code crm_config} property sets that hold claims, as the Pacemaker adapter writes them. */
    static final String CLAIM_PREFIX = "azevents-claim-";

    private CibModelReader() {
    }

    /** A DOM parser that refuses DTDs and external entities. */
    static DocumentBuilder safeBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no safe XML parser: " + e.getMessage(), e);
        }
    }

    /** Parses {@code xml} with {@link #safeBuilder()}. */
    static Document parse(String xml) {
        try {
            return safeBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not a readable XML document: " + e.getMessage(), e);
        }
    }

    static ClusterModel read(String xml) {
        Document doc = parse(xml);
        Element cib = doc.getDocumentElement();
        if (!"cib".equals(cib.getTagName())) {
            throw new IllegalArgumentException("not a CIB: root element <" + cib.getTagName() + ">");
        }
        ClusterModel m = new ClusterModel();
        m.defaultHealthStrategy = "none";
        m.defaultStickiness = 0;
        Element conf = child(cib, "configuration").orElseThrow(
                () -> new IllegalArgumentException("not a CIB: no <configuration>"));
        child(conf, "crm_config").ifPresent(c -> readProperties(c, m));
        child(conf, "rsc_defaults").ifPresent(d -> {
            for (Element meta : children(d, "meta_attributes")) {
                String s = nv(meta, "resource-stickiness");
                if (s != null) {
                    m.defaultStickiness = ClusterNode.parseScore(s).orElse(0);
                }
            }
        });
        Map<String, Element> nodeEntries = new LinkedHashMap<>();
        child(conf, "nodes").ifPresent(ns -> children(ns, "node").forEach(n -> {
            String uname = n.getAttribute("uname").isEmpty() ? n.getAttribute("id") : n.getAttribute("uname");
            nodeEntries.put(uname, n);
        }));
        for (Map.Entry<String, Element> e : nodeEntries.entrySet()) {
            if (!"remote".equals(e.getValue().getAttribute("type"))) {
                addNode(m, e.getKey(), NodeKind.MEMBER, null, e.getValue());
            }
        }
        child(conf, "resources").ifPresent(rs -> readResources(rs, m, nodeEntries));
        for (String name : nodeEntries.keySet()) {
            if (!m.nodes.containsKey(name)) {
                m.unsupported.add("node " + name + " is of type remote but no resource runs it; ignored");
            }
        }
        child(conf, "constraints").ifPresent(cs -> readConstraints(cs, m));
        child(cib, "status").ifPresent(st -> readStatus(st, m));
        return m;
    }

    // ---------------------------------------------------------------- configuration

    private static void readProperties(Element crmConfig, ClusterModel m) {
        for (Element set : children(crmConfig, "cluster_property_set")) {
            String id = set.getAttribute("id");
            if (id.startsWith(CLAIM_PREFIX)) {
                claim(set).ifPresent(c -> m.claims.put(c.id(), c));
                continue;
            }
            for (Element p : children(set, "nvpair")) {
                m.properties.putIfAbsent(p.getAttribute("name"), p.getAttribute("value"));
            }
        }
    }

    private static Optional<Claim> claim(Element set) {
        String setId = set.getAttribute("id");
        String owner = null;
        String expires = null;
        for (Element p : children(set, "nvpair")) {
            if (p.getAttribute("name").equals(setId + "-owner")) {
                owner = p.getAttribute("value");
            } else if (p.getAttribute("name").equals(setId + "-expires")) {
                expires = p.getAttribute("value");
            }
        }
        if (owner == null || expires == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(setId.substring(CLAIM_PREFIX.length()), owner, Instant.parse(expires)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void addNode(ClusterModel m, String name, NodeKind kind, String host, Element entry) {
        ClusterModel.Node n = new ClusterModel.Node(name, kind, host);
        if (kind == NodeKind.MEMBER) {
            n.online = false; // until the status says otherwise
        }
        if (entry != null) {
            for (Element set : children(entry, "instance_attributes")) {
                for (Element p : children(set, "nvpair")) {
                    n.attributes.putIfAbsent(p.getAttribute("name"), p.getAttribute("value"));
                }
            }
        }
        m.nodes.put(name, n);
    }

    private static void readResources(Element resources, ClusterModel m, Map<String, Element> nodeEntries) {
        for (Element r : elements(resources)) {
            switch (r.getTagName()) {
                case "primitive" -> primitive(r, r.getAttribute("id"), null, m, nodeEntries, Map.of());
                case "group" -> group(r, m, nodeEntries, r.getAttribute("id"), Map.of());
                case "clone", "master" -> clone(r, m, nodeEntries);
                default -> m.unsupported.add("<" + r.getTagName() + " id=" + r.getAttribute("id")
                        + "> is not modelled; ignored");
            }
        }
    }

    private static void group(Element g, ClusterModel m, Map<String, Element> nodeEntries, String top,
                              Map<String, String> inherited) {
        Map<String, String> meta = new LinkedHashMap<>(inherited);
        meta.putAll(meta(g));
        String previous = null;
        for (Element p : children(g, "primitive")) {
            primitive(p, top, previous, m, nodeEntries, meta);
            previous = p.getAttribute("id");
        }
    }

    private static void clone(Element c, ClusterModel m, Map<String, Element> nodeEntries) {
        Map<String, String> meta = meta(c);
        boolean promotable = c.getTagName().equals("master") || Pacemaker.isTrue(meta.get("promotable"));
        boolean allow = Pacemaker.isTrue(meta.get("allow-unhealthy-nodes"));
        int max = 0;
        if (meta.containsKey("clone-max")) {
            try {
                max = Integer.parseInt(meta.get("clone-max").trim());
            } catch (NumberFormatException e) {
                m.unsupported.add("clone " + c.getAttribute("id") + " has clone-max=" + meta.get("clone-max"));
            }
        }
        if (meta.containsKey("clone-node-max") && !"1".equals(meta.get("clone-node-max").trim())) {
            m.unsupported.add("clone " + c.getAttribute("id") + ": clone-node-max other than 1 is modelled as 1");
        }
        if (Pacemaker.isTrue(meta.get("globally-unique"))) {
            m.unsupported.add("clone " + c.getAttribute("id") + ": globally-unique is modelled as anonymous");
        }
        List<Element> kids = children(c, "primitive");
        if (kids.size() != 1) {
            m.unsupported.add("clone " + c.getAttribute("id") + " of other than one primitive is not modelled; ignored");
            return;
        }
        Element p = kids.get(0);
        Map<String, String> pm = new LinkedHashMap<>(meta);
        pm.putAll(meta(p));
        m.resources.add(new ClusterModel.Rsc(p.getAttribute("id"), c.getAttribute("id"), ClusterModel.Kind.CLONE,
                promotable, allow, max, stickiness(pm), disabled(pm), null, null));
    }

    private static void primitive(Element p, String top, String previous, ClusterModel m,
                                  Map<String, Element> nodeEntries, Map<String, String> inherited) {
        String id = p.getAttribute("id");
        Map<String, String> meta = new LinkedHashMap<>(inherited);
        meta.putAll(meta(p));
        ClusterModel.Kind kind = ClusterModel.Kind.PRIMITIVE;
        String guest = meta.get("remote-node");
        if ("ocf".equals(p.getAttribute("class")) && "pacemaker".equals(p.getAttribute("provider"))
                && "remote".equals(p.getAttribute("type"))) {
            kind = ClusterModel.Kind.REMOTE_CONNECTION;
            addNode(m, id, NodeKind.REMOTE, id, nodeEntries.get(id));
        } else if (guest != null && !guest.isBlank()) {
            kind = ClusterModel.Kind.GUEST_CONTAINER;
            addNode(m, guest, NodeKind.GUEST, id, nodeEntries.get(guest));
        }
        boolean allow = Pacemaker.isTrue(meta.get("allow-unhealthy-nodes"));
        m.resources.add(new ClusterModel.Rsc(id, top, kind, false, allow, 0, stickiness(meta), disabled(meta),
                kind == ClusterModel.Kind.GUEST_CONTAINER ? guest : null, previous));
    }

    private static Long stickiness(Map<String, String> meta) {
        String s = meta.get("resource-stickiness");
        return s == null ? null : ClusterNode.parseScore(s).orElse(0);
    }

    private static boolean disabled(Map<String, String> meta) {
        String role = meta.get("target-role");
        return role != null && role.trim().equalsIgnoreCase("Stopped");
    }

    private static Map<String, String> meta(Element e) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element set : children(e, "meta_attributes")) {
            for (Element p : children(set, "nvpair")) {
                out.putIfAbsent(p.getAttribute("name"), p.getAttribute("value"));
            }
        }
        return out;
    }

    private static void readConstraints(Element cs, ClusterModel m) {
        for (Element c : elements(cs)) {
            String id = c.getAttribute("id");
            if (!children(c, "resource_set").isEmpty()) {
                m.unsupported.add("constraint " + id + " uses resource sets; ignored");
                continue;
            }
            switch (c.getTagName()) {
                case "rsc_location" -> location(c, m);
                case "rsc_colocation" -> {
                    String rscRole = c.getAttribute("rsc-role");
                    if (!rscRole.isEmpty() && !rscRole.equalsIgnoreCase("Started")) {
                        m.unsupported.add("colocation " + id + " with rsc-role=" + rscRole + " is modelled as Started");
                    }
                    String withRole = c.getAttribute("with-rsc-role");
                    boolean promoted = withRole.equalsIgnoreCase("Promoted") || withRole.equalsIgnoreCase("Master");
                    m.colocations.add(new ClusterModel.Colocation(id, c.getAttribute("rsc"),
                            c.getAttribute("with-rsc"), score(c.getAttribute("score"), m, id), promoted));
                }
                case "rsc_order", "rsc_ticket" -> {
                    // ordering changes when things happen, not where they end up
                }
                default -> m.unsupported.add("<" + c.getTagName() + " id=" + id + "> is not modelled; ignored");
            }
        }
    }

    private static void location(Element c, ClusterModel m) {
        String id = c.getAttribute("id");
        ClusterModel.Selector sel;
        if (!c.getAttribute("rsc").isEmpty()) {
            sel = ClusterModel.Selector.id(c.getAttribute("rsc"));
        } else if (!c.getAttribute("rsc-pattern").isEmpty()) {
            sel = ClusterModel.Selector.pattern(c.getAttribute("rsc-pattern"));
        } else {
            m.unsupported.add("location " + id + " names no resource; ignored");
            return;
        }
        String role = c.getAttribute("role");
        boolean promoted = role.equalsIgnoreCase("Promoted") || role.equalsIgnoreCase("Master");
        if (!role.isEmpty() && !promoted && !role.equalsIgnoreCase("Started")) {
            m.unsupported.add("location " + id + " for role " + role + " is not modelled; ignored");
            return;
        }
        if (!c.getAttribute("node").isEmpty()) {
            m.locations.add(new ClusterModel.Location(id, sel, c.getAttribute("node"),
                    score(c.getAttribute("score"), m, id), null, promoted));
            return;
        }
        for (Element rule : children(c, "rule")) {
            rule(rule, m).ifPresent(r -> m.locations.add(new ClusterModel.Location(id, sel, null, 0, r,
                    promoted || rule.getAttribute("role").equalsIgnoreCase("Promoted"))));
        }
    }

    private static Optional<ClusterModel.Rule> rule(Element rule, ClusterModel m) {
        String id = rule.getAttribute("id");
        List<ClusterModel.Expr> exprs = new ArrayList<>();
        for (Element e : elements(rule)) {
            if (!e.getTagName().equals("expression")) {
                m.unsupported.add("rule " + id + " has a <" + e.getTagName() + ">; the rule is ignored");
                return Optional.empty();
            }
            String source = e.getAttribute("value-source");
            if (!source.isEmpty() && !source.equals("literal")) {
                m.unsupported.add("rule " + id + " uses value-source=" + source + "; the rule is ignored");
                return Optional.empty();
            }
            exprs.add(new ClusterModel.Expr(e.getAttribute("attribute"), e.getAttribute("operation"),
                    e.hasAttribute("value") ? e.getAttribute("value") : null, e.getAttribute("type")));
        }
        boolean or = rule.getAttribute("boolean-op").equalsIgnoreCase("or");
        String scoreAttr = rule.getAttribute("score-attribute");
        Long score = rule.hasAttribute("score") ? score(rule.getAttribute("score"), m, id) : null;
        return Optional.of(new ClusterModel.Rule(score, scoreAttr.isEmpty() ? null : scoreAttr, or, exprs));
    }

    private static long score(String raw, ClusterModel m, String where) {
        return ClusterNode.parseScore(raw).orElseGet(() -> {
            m.unsupported.add(where + " has score " + raw + ", read as 0");
            return 0;
        });
    }

    // ---------------------------------------------------------------- status

    private static void readStatus(Element status, ClusterModel m) {
        boolean fencing = !m.properties.containsKey("stonith-enabled")
                || Pacemaker.isTrue(m.properties.get("stonith-enabled"));
        Map<String, Element> states = new LinkedHashMap<>();
        for (Element s : children(status, "node_state")) {
            String uname = s.getAttribute("uname").isEmpty() ? s.getAttribute("id") : s.getAttribute("uname");
            states.put(uname, s);
        }
        for (ClusterModel.Node n : m.nodes.values()) {
            Element s = states.get(n.name);
            if (n.kind == NodeKind.MEMBER) {
                member(n, s, fencing, m);
            }
            if (s == null) {
                continue;
            }
            child(s, "transient_attributes").ifPresent(t -> {
                for (Element set : children(t, "instance_attributes")) {
                    for (Element p : children(set, "nvpair")) {
                        n.transientAttributes.putIfAbsent(p.getAttribute("name"), p.getAttribute("value"));
                    }
                }
            });
            String shutdown = n.transientAttributes.get("shutdown");
            n.shutdown = shutdown != null && !shutdown.isBlank() && !shutdown.trim().equals("0");
            child(s, "lrm").flatMap(l -> child(l, "lrm_resources")).ifPresent(l -> history(n, l, m));
        }
        boolean startupFencing = !m.properties.containsKey("startup-fencing")
                || Pacemaker.isTrue(m.properties.get("startup-fencing"));
        for (ClusterModel.Node n : m.nodes.values()) {
            // a remote node never seen (no status) and not connected must be fenced before it is trusted
            if (n.kind == NodeKind.REMOTE && !states.containsKey(n.name) && fencing && startupFencing
                    && m.placement.getOrDefault(n.hostResource, Map.of()).isEmpty()) {
                n.unclean = true;
            }
        }
        for (String name : states.keySet()) {
            if (!m.nodes.containsKey(name)) {
                m.unsupported.add("status of unknown node " + name + " ignored");
            }
        }
    }

    private static void member(ClusterModel.Node n, Element s, boolean fencing, ClusterModel m) {
        if (s == null) {
            boolean startupFencing = !m.properties.containsKey("startup-fencing")
                    || Pacemaker.isTrue(m.properties.get("startup-fencing"));
            n.online = false;
            n.unclean = fencing && startupFencing;
            return;
        }
        boolean online = truthy(s.getAttribute("in_ccm")) && "online".equals(s.getAttribute("crmd"))
                && "member".equals(s.getAttribute("join"));
        n.online = online;
        n.unclean = !online && fencing && "member".equals(s.getAttribute("expected"));
    }

    /** {@code true}, or (Pacemaker 2.1.7+) a non-zero timestamp. */
    private static boolean truthy(String v) {
        if (Pacemaker.isTrue(v)) {
            return true;
        }
        try {
            return Long.parseLong(v.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private record Op(String operation, long callId, int rc, int opStatus, long interval) {
    }

    private static void history(ClusterModel.Node n, Element lrmResources, ClusterModel m) {
        for (Element r : children(lrmResources, "lrm_resource")) {
            String id = r.getAttribute("id");
            int colon = id.indexOf(':');
            String primitive = colon > 0 ? id.substring(0, colon) : id;
            List<Op> ops = new ArrayList<>();
            for (Element o : children(r, "lrm_rsc_op")) {
                ops.add(new Op(o.getAttribute("operation"), number(o, "call-id"), (int) number(o, "rc-code"),
                        (int) number(o, "op-status"), number(o, "interval")));
            }
            n.pending += (int) ops.stream().filter(o -> o.interval() == 0 && o.opStatus() == -1).count();
            Optional<ClusterModel.Role> role = role(ops);
            if (role.isEmpty()) {
                continue;
            }
            boolean guestConnection = m.resources.stream().anyMatch(x -> primitive.equals(x.guestNode()));
            if (guestConnection) {
                continue; // derived from where its container runs
            }
            if (m.resource(primitive).isEmpty()) {
                m.unsupported.add(primitive + " is active on " + n.name + " but not configured (orphan); ignored");
                continue;
            }
            m.placement.computeIfAbsent(primitive, k -> new LinkedHashMap<>()).put(n.name, role.get());
        }
        // derived guest connections, as the scheduler derives them
        for (ClusterModel.Rsc r : m.resources) {
            if (r.guestNode() != null && m.placement.getOrDefault(r.id(), Map.of()).containsKey(n.name)) {
                m.placement.computeIfAbsent(r.guestNode(), k -> new LinkedHashMap<>()).put(n.name,
                        ClusterModel.Role.STARTED);
            }
        }
    }

    /** The role the history proves; empty if stopped. Conservative: anything but a proven stop is active. */
    private static Optional<ClusterModel.Role> role(List<Op> ops) {
        Optional<Op> last = ops.stream()
                .filter(o -> o.interval() == 0)
                .filter(o -> switch (o.operation()) {
                    case "start", "stop", "monitor", "promote", "demote", "migrate_to", "migrate_from" -> true;
                    default -> false;
                })
                .max(Comparator.comparingInt((Op o) -> o.opStatus() == -1 ? 1 : 0).thenComparingLong(Op::callId));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Op op = last.get();
        boolean promotedMonitor = ops.stream().anyMatch(o -> o.interval() > 0 && o.operation().equals("monitor")
                && o.rc() == 8 && o.opStatus() == 0 && o.callId() > op.callId());
        if (op.opStatus() == -1) {
            return op.operation().equals("monitor") ? Optional.empty() : Optional.of(ClusterModel.Role.STARTED);
        }
        return switch (op.operation()) {
            case "stop" -> op.rc() == 0 ? Optional.empty() : Optional.of(ClusterModel.Role.STARTED);
            case "monitor" -> op.rc() == 7 || op.rc() == 5 ? Optional.empty()
                    : Optional.of(op.rc() == 8 ? ClusterModel.Role.PROMOTED : ClusterModel.Role.STARTED);
            case "promote" -> Optional.of(ClusterModel.Role.PROMOTED);
            case "migrate_to" -> op.rc() == 0 ? Optional.empty() : Optional.of(ClusterModel.Role.STARTED);
            default -> Optional.of(promotedMonitor ? ClusterModel.Role.PROMOTED : ClusterModel.Role.STARTED);
        };
    }

    private static long number(Element e, String attribute) {
        String v = e.getAttribute(attribute).trim();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- DOM helpers

    static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> children(Element parent, String tag) {
        return elements(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
    }

    static Optional<Element> child(Element parent, String tag) {
        return children(parent, tag).stream().findFirst();
    }

    private static String nv(Element set, String name) {
        for (Element p : children(set, "nvpair")) {
            if (p.getAttribute("name").equals(name)) {
                return p.getAttribute("value");
            }
        }
        return null;
    }
}
