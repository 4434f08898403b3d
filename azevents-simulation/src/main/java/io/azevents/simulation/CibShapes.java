package io.azevents.simulation;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A seeded generator of small CIBs for the generated-shapes suite: the cluster shapes az-health must
 * be safe on, small enough for {@code crm_simulate} to settle in milliseconds. Each shape has 2 to 5
 * member nodes ({@code node1}..), perhaps a remote node ({@code remote1}) and a guest node
 * ({@code guest1} in container {@code guest1-vm}); per node perhaps standby, maintenance (spelled
 * {@code true}, {@code on}, {@code yes}, {@code 1}, in varied case), unhealthy ({@code #health-azure}
 * {@code -1000000} or {@code red}), no {@code #health-azure} at all, offline; perhaps cluster
 * maintenance mode; usually {@code node-health-strategy=custom} with the {@code loc_azure_health} rule;
 * the workload {@code db} (perhaps banned from the last member: the "majority maker" layout),
 * {@code app} colocated with it, perhaps a clone {@code web-cln} and a promotable clone {@code ms-cln}
 * ({@code ocf:pacemaker:Stateful}, promoted preferably on one member), and the agent's clone
 * {@code health-azure-events-cln} of {@code health-azure-events}, with or without
 * {@code allow-unhealthy-nodes=true}; {@code azName} and {@code hostName_<vm>} for some or all members
 * (VMs {@code nodeN-vm}). Primitives are {@code ocf:pacemaker:Dummy}; fencing is disabled.
 *
 * <p>The status section holds membership only ({@code node_state} of every member, online or not) and
 * no resource history: let Pacemaker place everything ({@code crm_simulate -S} until it schedules
 * nothing) to get a settled cluster. {@link #loseNode} turns a member unclean in a settled CIB.
 *
 * <p>What the shapes leave out, and so what the comparison with Pacemaker does not cover: remote and
 * guest nodes are never in standby, maintenance or unhealthy (the remote node always has
 * {@code #health-azure=0}, the guest node {@code 0} or nothing); no node is shutting down; fencing is
 * disabled, so unclean nodes appear only through {@link #loseNode}; promotion comes only from the
 * promoted-role location (no {@code master-*} attributes: no agent runs); constraints are only the
 * ones listed (no groups, orders, sets, finite colocations or rule expressions other than
 * {@code #uname defined}). Stateless;
 * thread-safe.
 */
public final class CibShapes {
    /** The agent's clone in every shape. */
    public static final String AGENT_CLONE = "health-azure-events-cln";
    /** The agent's primitive in every shape. */
    public static final String AGENT_PRIMITIVE = "health-azure-events";

    private static final String[] TRUE_SPELLINGS = {"true", "on", "yes", "1", "TRUE", "On", "Yes"};

    private CibShapes() {
    }

    /**
     * One generated CIB.
     *
     * @param seed        the seed that generates it again
     * @param description what it holds, in one line
     * @param xml         the CIB
     * @param members     the member nodes, in order
     * @param remoteNode  the remote node, if any
     * @param guestNode   the guest node, if any
     */
    public record Shape(long seed, String description, String xml, List<String> members,
                        Optional<String> remoteNode, Optional<String> guestNode) {
        /**
         * Checks that no component is null and copies the members.
         *
         * @param seed        the seed that generates it again
         * @param description what it holds, in one line; may be empty
         * @param xml         the CIB; not null
         * @param members     the member nodes, in order; not null, no null element
         * @param remoteNode  the remote node; empty for none
         * @param guestNode   the guest node; empty for none
         * @throws NullPointerException if a component or a member is null
         */
        public Shape {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(xml, "xml");
            members = List.copyOf(members);
            Objects.requireNonNull(remoteNode, "remoteNode");
            Objects.requireNonNull(guestNode, "guestNode");
        }

        /**
         * Every node of the shape.
         *
         * @return the members in order, then the remote node and the guest node if present;
         *     immutable, never empty
         */
        public List<String> nodes() {
            List<String> out = new ArrayList<>(members);
            remoteNode.ifPresent(out::add);
            guestNode.ifPresent(out::add);
            return List.copyOf(out);
        }

        @Override
        public String toString() {
            return "seed " + seed + ": " + description;
        }
    }

    /**
     * The shapes of seeds {@code first} to {@code first + count - 1}.
     *
     * @param first the first seed
     * @param count how many shapes; 0 or less for none
     * @return the shapes in order of seed, each as {@link #generate(long)} gives it; empty if
     *     {@code count} is 0 or less
     */
    public static List<Shape> generate(long first, int count) {
        return LongStream.range(first, first + count).mapToObj(CibShapes::generate).toList();
    }

    /**
     * The shape of {@code seed}: the same seed always gives the same CIB, on any JVM.
     *
     * @param seed any value
     * @return the shape, its status section holding membership only (not settled)
     */
    public static Shape generate(long seed) {
        // SplittableRandom: java.util.Random's first draws hardly differ between neighbouring seeds
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> desc = new ArrayList<>();
        int n = 2 + rnd.nextInt(4);
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            members.add("node" + i);
        }
        boolean healthRule = rnd.nextInt(10) < 8;
        boolean clusterMaintenance = rnd.nextInt(12) == 0;
        String maintenanceSpelling = pick(rnd, TRUE_SPELLINGS);
        boolean remote = rnd.nextInt(10) < 3;
        boolean guest = rnd.nextInt(10) < 3;
        boolean guestHealth = rnd.nextBoolean();
        boolean ban = rnd.nextInt(10) < 4;
        boolean clone = rnd.nextBoolean();
        boolean promotable = rnd.nextInt(10) < 4;
        String promotedOn = members.get(rnd.nextInt(n));
        boolean allowUnhealthy = rnd.nextInt(10) < 7;
        int mapped = rnd.nextInt(n + 1);

        StringBuilder props = new StringBuilder();
        nvpair(props, "opts", "stonith-enabled", "false");
        if (healthRule) {
            nvpair(props, "opts", "node-health-strategy", "custom");
        }
        if (clusterMaintenance) {
            nvpair(props, "opts", "maintenance-mode", maintenanceSpelling);
            desc.add("maintenance-mode=" + maintenanceSpelling);
        }
        StringBuilder nodes = new StringBuilder();
        StringBuilder states = new StringBuilder();
        List<String> nodeDesc = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = "node" + i;
            List<String> attrs = new ArrayList<>();
            List<String> d = new ArrayList<>();
            int health = rnd.nextInt(20);
            if (health < 2) {
                d.add("no #health-azure");
            } else if (health < 5) {
                String v = rnd.nextBoolean() ? "-1000000" : "red";
                attrs.add(pair("n" + i, "#health-azure", v));
                d.add("#health-azure=" + v);
            } else {
                attrs.add(pair("n" + i, "#health-azure", "0"));
            }
            if (rnd.nextInt(7) == 0) {
                String v = pick(rnd, TRUE_SPELLINGS);
                attrs.add(pair("n" + i, "standby", v));
                d.add("standby=" + v);
            }
            if (rnd.nextInt(8) == 0) {
                String v = pick(rnd, TRUE_SPELLINGS);
                attrs.add(pair("n" + i, "maintenance", v));
                d.add("maintenance=" + v);
            }
            if (i <= mapped) {
                attrs.add(pair("n" + i, "azName", name + "-vm"));
                nvpair(props, "opts", "hostName_" + name + "-vm", name);
            }
            boolean offline = i > 1 && rnd.nextInt(10) == 0;
            if (offline) {
                d.add("offline");
            }
            nodes.append("      <node id=\"").append(i).append("\" uname=\"").append(name).append("\">\n");
            if (!attrs.isEmpty()) {
                nodes.append("        <instance_attributes id=\"n").append(i).append("-attrs\">\n");
                attrs.forEach(nodes::append);
                nodes.append("        </instance_attributes>\n");
            }
            nodes.append("      </node>\n");
            states.append("    <node_state id=\"").append(i).append("\" uname=\"").append(name).append("\" ")
                    .append(offline ? "in_ccm=\"false\" crmd=\"offline\" join=\"down\" expected=\"down\""
                            : "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"")
                    .append("/>\n");
            nodeDesc.add(name + (d.isEmpty() ? "" : " (" + String.join(", ", d) + ")"));
        }
        desc.add(0, n + " members: " + String.join("; ", nodeDesc));
        if (remote) {
            nodes.append("      <node id=\"remote1\" uname=\"remote1\" type=\"remote\">\n")
                    .append("        <instance_attributes id=\"remote1-attrs\">\n")
                    .append(pair("remote1", "#health-azure", "0"))
                    .append("        </instance_attributes>\n      </node>\n");
            desc.add("remote node remote1");
        }
        if (guest && guestHealth) {
            nodes.append("      <node id=\"guest1\" uname=\"guest1\" type=\"remote\">\n")
                    .append("        <instance_attributes id=\"guest1-attrs\">\n")
                    .append(pair("guest1", "#health-azure", "0"))
                    .append("        </instance_attributes>\n      </node>\n");
        }
        if (guest) {
            desc.add("guest node guest1 in guest1-vm" + (guestHealth ? "" : " (no #health-azure)"));
        }
        if (mapped > 0) {
            desc.add("VM names for " + (mapped == n ? "all members" : "node1..node" + mapped));
        }

        StringBuilder rsc = new StringBuilder();
        if (remote) {
            rsc.append("      <primitive id=\"remote1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">\n")
                    .append("        <instance_attributes id=\"remote1-params\">\n")
                    .append(pair("remote1-params", "server", "192.0.2.10"))
                    .append("        </instance_attributes>\n      </primitive>\n");
        }
        if (guest) {
            rsc.append("      <primitive id=\"guest1-vm\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\n")
                    .append("        <meta_attributes id=\"guest1-vm-meta\">\n")
                    .append(pair("guest1-vm-meta", "remote-node", "guest1"))
                    .append("        </meta_attributes>\n      </primitive>\n");
        }
        rsc.append(dummy("db")).append(dummy("app"));
        if (clone) {
            rsc.append("      <clone id=\"web-cln\">\n  ").append(dummy("web")).append("      </clone>\n");
            desc.add("clone web-cln");
        }
        if (promotable) {
            rsc.append("      <clone id=\"ms-cln\">\n        <meta_attributes id=\"ms-cln-meta\">\n")
                    .append(pair("ms-cln-meta", "promotable", "true"))
                    .append("        </meta_attributes>\n")
                    .append("        <primitive id=\"ms\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/>\n")
                    .append("      </clone>\n");
            desc.add("promotable ms-cln preferring " + promotedOn);
        }
        rsc.append("      <clone id=\"" + AGENT_CLONE + "\">\n");
        if (allowUnhealthy) {
            rsc.append("        <meta_attributes id=\"agent-meta\">\n")
                    .append(pair("agent-meta", "allow-unhealthy-nodes", "true"))
                    .append("        </meta_attributes>\n");
        }
        rsc.append("  ").append(dummy(AGENT_PRIMITIVE)).append("      </clone>\n");
        desc.add("agent clone " + (allowUnhealthy ? "with" : "without") + " allow-unhealthy-nodes");

        StringBuilder cons = new StringBuilder();
        if (healthRule) {
            cons.append("      <rsc_location id=\"loc_azure_health\" rsc-pattern=\"!health-.*\">\n")
                    .append("        <rule id=\"loc_azure_health-rule\" score-attribute=\"#health-azure\">\n")
                    .append("          <expression id=\"loc_azure_health-expr\" attribute=\"#uname\" "
                            + "operation=\"defined\"/>\n")
                    .append("        </rule>\n      </rsc_location>\n");
            desc.add("health rule");
        } else {
            desc.add("no health strategy, no health rule");
        }
        if (ban) {
            String last = members.get(n - 1);
            cons.append("      <rsc_location id=\"ban-db-" + last + "\" rsc=\"db\" node=\"" + last
                    + "\" score=\"-INFINITY\"/>\n");
            desc.add("db banned from " + last);
        }
        cons.append("      <rsc_colocation id=\"app-with-db\" rsc=\"app\" with-rsc=\"db\" score=\"INFINITY\"/>\n");
        if (promotable) {
            cons.append("      <rsc_location id=\"ms-promoted-" + promotedOn + "\" rsc=\"ms-cln\" role=\"Promoted\" node=\""
                    + promotedOn + "\" score=\"100\"/>\n");
        }

        String xml = "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" "
                + "have-quorum=\"1\">\n"
                + "  <configuration>\n"
                + "    <crm_config>\n      <cluster_property_set id=\"opts\">\n" + props
                + "      </cluster_property_set>\n    </crm_config>\n"
                + "    <nodes>\n" + nodes + "    </nodes>\n"
                + "    <resources>\n" + rsc + "    </resources>\n"
                + "    <constraints>\n" + cons + "    </constraints>\n"
                + "    <rsc_defaults>\n      <meta_attributes id=\"rsc-defaults\">\n"
                + pair("rsc-defaults", "resource-stickiness", "1")
                + "      </meta_attributes>\n    </rsc_defaults>\n"
                + "  </configuration>\n"
                + "  <status>\n" + states + "  </status>\n"
                + "</cib>\n";
        return new Shape(seed, String.join(", ", desc), xml, members,
                remote ? Optional.of("remote1") : Optional.empty(), guest ? Optional.of("guest1") : Optional.empty());
    }

    /**
     * {@code xml} (a CIB) with member {@code node} lost: it left the membership while expected to stay
     * ({@code in_ccm=false}, {@code expected=member}) and fencing is enabled, so Pacemaker sees it
     * unclean, its resources still counted as running there. For status comparisons; the result is
     * not meant for {@code crm_verify} (it has no fencing device).
     *
     * @param xml  a CIB with a status section, typically a generated shape settled by Pacemaker
     * @param node the member to lose, by its {@code uname}
     * @return the changed CIB, without an XML declaration; {@code xml} itself is left alone
     * @throws IllegalArgumentException if {@code xml} is not readable XML, has no status section or
     *                                  no {@code node_state} for {@code node}
     */
    public static String loseNode(String xml, String node) {
        Document doc = CibModelReader.parse(xml);
        Element cib = doc.getDocumentElement();
        Element status = CibModelReader.child(cib, "status").orElseThrow(
                () -> new IllegalArgumentException("the CIB has no status section"));
        Element state = CibModelReader.children(status, "node_state").stream()
                .filter(s -> node.equals(s.getAttribute("uname"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node_state for " + node));
        state.setAttribute("in_ccm", "false");
        state.setAttribute("crmd", "offline");
        state.setAttribute("join", "down");
        state.setAttribute("expected", "member");
        setProperty(doc, "stonith-enabled", "true");
        return serialize(doc);
    }

    /**
     * {@code xml} (a CIB) with node attribute {@code name} of {@code node} set to {@code value} (or
     * removed, if null) in its {@code nodes} entry, which is created if missing: what
     * {@code crm_attribute} would write, for forecasts made with Pacemaker's tools. A created entry
     * has type {@code remote}, as for a node that only the status section knows.
     *
     * @param xml   a CIB with {@code configuration/nodes}
     * @param node  the node, by its {@code uname}
     * @param name  the attribute name, for example {@code #health-azure}
     * @param value the new value; null to remove the attribute (no change if it is not set)
     * @return the changed CIB, without an XML declaration; {@code xml} itself is left alone
     * @throws IllegalArgumentException if {@code xml} is not readable XML
     * @throws java.util.NoSuchElementException if the CIB has no {@code configuration} or
     *                                  {@code nodes} section
     */
    public static String setNodeAttribute(String xml, String node, String name, String value) {
        Document doc = CibModelReader.parse(xml);
        Element cib = doc.getDocumentElement();
        Element conf = CibModelReader.child(cib, "configuration").orElseThrow();
        Element nodes = CibModelReader.child(conf, "nodes").orElseThrow();
        Element entry = CibModelReader.children(nodes, "node").stream()
                .filter(e -> node.equals(e.getAttribute("uname"))).findFirst().orElse(null);
        if (entry == null) {
            entry = doc.createElement("node");
            entry.setAttribute("id", node);
            entry.setAttribute("uname", node);
            entry.setAttribute("type", "remote");
            nodes.appendChild(entry);
        }
        Element set = CibModelReader.child(entry, "instance_attributes").orElse(null);
        if (set == null) {
            set = doc.createElement("instance_attributes");
            set.setAttribute("id", "nodes-" + node);
            entry.appendChild(set);
        }
        Element pair = CibModelReader.children(set, "nvpair").stream()
                .filter(p -> name.equals(p.getAttribute("name"))).findFirst().orElse(null);
        if (value == null) {
            if (pair != null) {
                set.removeChild(pair);
            }
        } else {
            if (pair == null) {
                pair = doc.createElement("nvpair");
                pair.setAttribute("id", "nodes-" + node + "-" + name.replace('#', '.'));
                pair.setAttribute("name", name);
                set.appendChild(pair);
            }
            pair.setAttribute("value", value);
        }
        return serialize(doc);
    }

    private static void setProperty(Document doc, String name, String value) {
        Element conf = CibModelReader.child(doc.getDocumentElement(), "configuration").orElseThrow();
        Element crm = CibModelReader.child(conf, "crm_config").orElseThrow();
        for (Element set : CibModelReader.children(crm, "cluster_property_set")) {
            for (Element p : CibModelReader.children(set, "nvpair")) {
                if (name.equals(p.getAttribute("name"))) {
                    p.setAttribute("value", value);
                    return;
                }
            }
        }
        Element set = CibModelReader.children(crm, "cluster_property_set").get(0);
        Element p = doc.createElement("nvpair");
        p.setAttribute("id", set.getAttribute("id") + "-" + name);
        p.setAttribute("name", name);
        p.setAttribute("value", value);
        set.appendChild(p);
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory f = TransformerFactory.newInstance();
            f.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = f.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the CIB: " + e.getMessage(), e);
        }
    }

    private static String pick(SplittableRandom rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String dummy(String id) {
        return "      <primitive id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>\n";
    }

    private static String pair(String set, String name, String value) {
        return "          <nvpair id=\"" + set + "-" + name.replace('#', '.') + "\" name=\"" + name + "\" value=\""
                + value + "\"/>\n";
    }

    private static void nvpair(StringBuilder sb, String set, String name, String value) {
        sb.append(pair(set, name, value));
    }
}
