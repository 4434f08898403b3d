package io.azevents.simulation;

import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.NodeKind;
import io.azevents.core.Pacemaker;
import io.azevents.core.Placement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The state of an {@link InMemoryCluster} and the scheduler that places its resources: what
 * {@link InMemoryCluster#settle()} and the in-memory store's forecasts run. The rules are listed, and
 * compared with Pacemaker's, in {@link InMemoryCluster}'s documentation. Mutable and not thread-safe:
 * the owning cluster guards it with its lock; {@link #copy()} gives an independent model for forecasts.
 */
final class ClusterModel {
    static final long INF = ClusterNode.INFINITY;
    /** How many scheduler passes {@link #settle()} runs at most before it gives up converging. */
    static final int MAX_PASSES = 10;

    /** The role of an active resource instance. */
    enum Role { STARTED, PROMOTED }

    /** What a resource is. */
    enum Kind {
        /** An ordinary primitive (alone or in a group). */
        PRIMITIVE,
        /** One primitive cloned: at most one instance per node. */
        CLONE,
        /** The connection resource of a Pacemaker Remote node ({@code ocf:pacemaker:remote}). */
        REMOTE_CONNECTION,
        /** A resource with meta {@code remote-node}: runs a guest node. */
        GUEST_CONTAINER
    }

    /** One node and what is known of it. */
    static final class Node {
        final String name;
        final NodeKind kind;
        /** Members: in the membership. Remote and guest nodes: reachable (up when their resource runs). */
        boolean online = true;
        boolean unclean;
        boolean shutdown;
        int pending;
        /** The connection (remote) or container (guest) resource; null for members. */
        final String hostResource;
        final Map<String, String> attributes = new TreeMap<>();
        final Map<String, String> transientAttributes = new TreeMap<>();

        Node(String name, NodeKind kind, String hostResource) {
            this.name = name;
            this.kind = kind;
            this.hostResource = hostResource;
        }

        Node copy() {
            Node n = new Node(name, kind, hostResource);
            n.online = online;
            n.unclean = unclean;
            n.shutdown = shutdown;
            n.pending = pending;
            n.attributes.putAll(attributes);
            n.transientAttributes.putAll(transientAttributes);
            return n;
        }

        /** The value Pacemaker uses: the transient one if present, else the permanent one. */
        String attribute(String key) {
            String v = transientAttributes.get(key);
            return v != null ? v : attributes.get(key);
        }

        Map<String, String> mergedAttributes() {
            Map<String, String> m = new TreeMap<>(attributes);
            m.putAll(transientAttributes);
            return m;
        }
    }

    /**
     * One primitive as the scheduler sees it.
     *
     * @param id             the primitive's id (clone instances are reported under it)
     * @param top            the top-level resource it belongs to (clone or group id, or its own id)
     * @param kind           what it is
     * @param promotable     a promotable clone (one promoted instance at most)
     * @param allowUnhealthy the top-level resource has meta {@code allow-unhealthy-nodes=true}
     * @param cloneMax       instances at most (clones); 0 for one per node
     * @param stickiness     its {@code resource-stickiness}, or null for the cluster's default
     * @param disabled       {@code target-role=Stopped}
     * @param guestNode      the guest node a container runs; null otherwise
     * @param groupPrevious  the member before it in its group; null if first or not in a group
     */
    record Rsc(String id, String top, Kind kind, boolean promotable, boolean allowUnhealthy, int cloneMax,
               Long stickiness, boolean disabled, String guestNode, String groupPrevious) {
        Rsc {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(top, "top");
            Objects.requireNonNull(kind, "kind");
        }

        boolean cloned() {
            return kind == Kind.CLONE;
        }
    }

    /** Which top-level resources a constraint names: one id, or a regular expression (found, not matched). */
    record Selector(String id, Pattern pattern, boolean inverted) {
        static Selector id(String id) {
            return new Selector(id, null, false);
        }

        /** A {@code rsc-pattern}: a leading {@code !} inverts it, as in Pacemaker. */
        static Selector pattern(String rscPattern) {
            boolean inv = rscPattern.startsWith("!");
            return new Selector(null, Pattern.compile(inv ? rscPattern.substring(1) : rscPattern), inv);
        }

        boolean matches(Rsc r) {
            if (id != null) {
                return id.equals(r.top()) || id.equals(r.id());
            }
            return pattern.matcher(r.top()).find() != inverted;
        }

        @Override
        public String toString() {
            return id != null ? id : (inverted ? "!" : "") + pattern.pattern();
        }
    }

    /** One rule expression on a node attribute. */
    record Expr(String attribute, String operation, String value, String type) {
    }

    /**
     * A location rule: when its expressions hold on a node, the node gets {@code score}, or the
     * value of {@code scoreAttribute} (-INFINITY where the node lacks it, as Pacemaker does).
     */
    record Rule(Long score, String scoreAttribute, boolean or, List<Expr> expressions) {
        Rule {
            expressions = List.copyOf(expressions);
        }
    }

    /** A location constraint: a score for one node, or a rule; for the promoted role if {@code promoted}. */
    record Location(String id, Selector rsc, String node, long score, Rule rule, boolean promoted) {
    }

    /** {@code rsc} must run where {@code withRsc} runs ({@code score} INFINITY), never there (-INFINITY), or prefers it. */
    record Colocation(String id, String rsc, String withRsc, long score, boolean withPromoted) {
    }

    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, String> properties = new TreeMap<>();
    final Map<String, Claim> claims = new TreeMap<>();
    final List<Rsc> resources = new ArrayList<>();
    final List<Location> locations = new ArrayList<>();
    final List<Colocation> colocations = new ArrayList<>();
    /** What {@code fromCib} could not model, one line each. */
    final List<String> unsupported = new ArrayList<>();
    /** Health strategy when the property {@code node-health-strategy} is not set. */
    String defaultHealthStrategy = "custom";
    /** Stickiness of resources that set none ({@code rsc_defaults}). */
    long defaultStickiness = 1;
    /** Primitive id to node to role: what runs where. Guest connections are derived, never stored. */
    Map<String, Map<String, Role>> placement = new TreeMap<>();

    ClusterModel copy() {
        ClusterModel m = new ClusterModel();
        nodes.forEach((k, v) -> m.nodes.put(k, v.copy()));
        m.properties.putAll(properties);
        m.claims.putAll(claims);
        m.resources.addAll(resources);
        m.locations.addAll(locations);
        m.colocations.addAll(colocations);
        m.unsupported.addAll(unsupported);
        m.defaultHealthStrategy = defaultHealthStrategy;
        m.defaultStickiness = defaultStickiness;
        m.placement = deepCopy(placement);
        return m;
    }

    Optional<Rsc> resource(String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    boolean maintenanceMode() {
        return Pacemaker.isTrue(properties.get(Pacemaker.MAINTENANCE_MODE));
    }

    static boolean standby(Node n) {
        return Pacemaker.isTrue(n.attribute(Pacemaker.STANDBY));
    }

    static boolean maintenance(Node n) {
        return Pacemaker.isTrue(n.attribute(Pacemaker.MAINTENANCE));
    }

    // ---------------------------------------------------------------- node conditions

    /** Which nodes are up, and which keep their resources counted although down, for one placement. */
    final class Conditions {
        final Set<String> up = new LinkedHashSet<>();
        final Set<String> retained = new LinkedHashSet<>();

        Conditions(Map<String, Map<String, Role>> p) {
            for (Node n : nodes.values()) {
                if (n.kind == NodeKind.MEMBER) {
                    if (n.unclean) {
                        retained.add(n.name);
                    } else if (n.online) {
                        up.add(n.name);
                    }
                }
            }
            for (Node n : nodes.values()) {
                if (n.kind == NodeKind.MEMBER || !n.online || n.unclean) {
                    continue; // an unclean remote node is trusted again only once fenced
                }
                for (String host : p.getOrDefault(n.hostResource, Map.of()).keySet()) {
                    Node h = nodes.get(host);
                    if (h == null || h.kind != NodeKind.MEMBER) {
                        continue;
                    }
                    if (up.contains(host)) {
                        up.add(n.name);
                    } else if (retained.contains(host)) {
                        // a remote connection on an unclean node still counts as connected; a guest whose
                        // container's host is unclean is down, but what it ran counts until the host is fenced
                        (n.kind == NodeKind.REMOTE ? up : retained).add(n.name);
                    }
                }
            }
        }

        /** Resources on the node count as running (it is up, or unclean). */
        boolean visible(String node) {
            return up.contains(node) || retained.contains(node);
        }

        /** The scheduler may start resources on the node. */
        boolean usable(String node) {
            Node n = nodes.get(node);
            return up.contains(node) && !n.shutdown && !standby(n) && !maintenance(n);
        }

        /** Resources there stay as they are: the node is unclean, or in maintenance. */
        boolean pins(String node) {
            return retained.contains(node) || (up.contains(node) && maintenance(nodes.get(node)));
        }
    }

    Conditions conditions() {
        return new Conditions(placement);
    }

    // ---------------------------------------------------------------- scheduling

    /** Runs the scheduler until what runs where stops changing; returns the passes run. */
    int settle() {
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            Map<String, Map<String, Role>> next = schedule();
            boolean same = next.equals(placement);
            placement = next;
            if (same) {
                return pass;
            }
        }
        return MAX_PASSES;
    }

    /** One scheduler pass from the current placement. */
    Map<String, Map<String, Role>> schedule() {
        Conditions c = conditions();
        Map<String, Map<String, Role>> out = new TreeMap<>();
        Map<String, Integer> load = new HashMap<>();
        boolean frozen = maintenanceMode();
        Set<String> guestConnections = new TreeSet<>();
        resources.stream().filter(r -> r.guestNode() != null).forEach(r -> guestConnections.add(r.guestNode()));
        placement.forEach((rsc, where) -> {
            if (guestConnections.contains(rsc) || resource(rsc).isEmpty()) {
                return;
            }
            where.forEach((node, role) -> {
                if (c.visible(node) && (frozen || c.pins(node))) {
                    out.computeIfAbsent(rsc, k -> new LinkedHashMap<>()).put(node, role);
                    load.merge(node, 1, Integer::sum);
                }
            });
        });
        if (!frozen) {
            List<Rsc> order = allocationOrder();
            for (Rsc r : order) {
                if (hostsNode(r)) {
                    allocate(r, c, out, load);
                }
            }
            // remote and guest nodes whose connection or container starts in this pass take resources in
            // it, as in Pacemaker's transition
            Conditions after = new Conditions(out);
            for (Rsc r : order) {
                if (!hostsNode(r)) {
                    allocate(r, after, out, load);
                }
            }
        }
        for (Rsc r : resources) {
            if (r.guestNode() != null) {
                for (String host : out.getOrDefault(r.id(), Map.of()).keySet()) {
                    out.computeIfAbsent(r.guestNode(), k -> new LinkedHashMap<>()).put(host, Role.STARTED);
                }
            }
        }
        return out;
    }

    private static boolean hostsNode(Rsc r) {
        return r.kind() == Kind.REMOTE_CONNECTION || r.kind() == Kind.GUEST_CONTAINER;
    }

    private List<Rsc> allocationOrder() {
        List<Rsc> order = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        resources.stream().filter(r -> r.kind() == Kind.REMOTE_CONNECTION || r.kind() == Kind.GUEST_CONTAINER)
                .forEach(r -> visit(r, order, seen));
        resources.forEach(r -> visit(r, order, seen));
        return order;
    }

    private void visit(Rsc r, List<Rsc> order, Set<String> seen) {
        if (!seen.add(r.id())) {
            return;
        }
        for (Colocation col : dependentColocations(r)) {
            for (Rsc p : resources) {
                if (p.id().equals(col.withRsc()) || p.top().equals(col.withRsc())) {
                    visit(p, order, seen);
                }
            }
        }
        order.add(r);
    }

    /** The colocations in which {@code r} is the dependent, including its group's implicit one. */
    private List<Colocation> dependentColocations(Rsc r) {
        List<Colocation> out = new ArrayList<>();
        if (r.groupPrevious() != null) {
            out.add(new Colocation("group:" + r.top(), r.id(), r.groupPrevious(), INF, false));
        }
        for (Colocation col : colocations) {
            boolean head = r.groupPrevious() == null;
            if (col.rsc().equals(r.id()) || (head && col.rsc().equals(r.top()))) {
                out.add(col);
            }
        }
        return out;
    }

    private void allocate(Rsc r, Conditions c, Map<String, Map<String, Role>> out, Map<String, Integer> load) {
        Map<String, Role> pinned = new LinkedHashMap<>(out.getOrDefault(r.id(), Map.of()));
        if (r.disabled() || (!r.cloned() && !pinned.isEmpty())) {
            return;
        }
        Map<String, Role> current = placement.getOrDefault(r.id(), Map.of());
        List<String> candidates = new ArrayList<>();
        Map<String, Long> scores = new HashMap<>();
        for (Node n : nodes.values()) {
            if (pinned.containsKey(n.name)) {
                continue;
            }
            long s = score(r, n, c, out, current.containsKey(n.name));
            if (s >= 0) {
                candidates.add(n.name);
                scores.put(n.name, s);
            }
        }
        List<String> names = new ArrayList<>(nodes.keySet());
        candidates.sort(Comparator.comparingLong((String n) -> -scores.get(n))
                .thenComparingInt(n -> load.getOrDefault(n, 0))
                .thenComparingInt(n -> current.containsKey(n) ? 0 : 1)
                .thenComparing(Comparator.naturalOrder()));
        int want = r.cloned() ? (r.cloneMax() > 0 ? r.cloneMax() : nodes.size()) - pinned.size() : 1;
        Map<String, Role> chosen = new LinkedHashMap<>(pinned);
        for (String n : candidates) {
            if (want <= 0) {
                break;
            }
            chosen.put(n, Role.STARTED);
            load.merge(n, 1, Integer::sum);
            want--;
        }
        if (r.promotable() && !chosen.containsValue(Role.PROMOTED)) {
            promote(r, chosen, pinned.keySet(), current, names);
        }
        if (!chosen.isEmpty()) {
            out.put(r.id(), chosen);
        }
    }

    private void promote(Rsc r, Map<String, Role> chosen, Set<String> pinned, Map<String, Role> current,
                         List<String> names) {
        String best = null;
        long bestScore = Long.MIN_VALUE;
        List<String> order = new ArrayList<>(chosen.keySet());
        order.sort(Comparator.comparingInt((String n) -> current.get(n) == Role.PROMOTED ? 0 : 1)
                .thenComparingInt(names::indexOf));
        for (String n : order) {
            if (pinned.contains(n)) {
                continue;
            }
            OptionalLong s = promotionScore(r, nodes.get(n));
            if (s.isPresent() && s.getAsLong() >= 0 && s.getAsLong() > bestScore) {
                best = n;
                bestScore = s.getAsLong();
            }
        }
        if (best != null) {
            chosen.put(best, Role.PROMOTED);
        }
    }

    /** The promotion score of {@code r}'s instance on {@code n}: its {@code master-<id>} attribute plus promoted-role locations; empty if neither exists. */
    private OptionalLong promotionScore(Rsc r, Node n) {
        boolean any = false;
        long s = 0;
        String master = n.attribute("master-" + r.id());
        if (master != null) {
            any = true;
            s = add(s, ClusterNode.parseScore(master).orElse(0));
        }
        for (Location l : locations) {
            if (!l.promoted() || !l.rsc().matches(r)) {
                continue;
            }
            OptionalLong ls = locationScore(l, n);
            if (ls.isPresent()) {
                any = true;
                s = add(s, ls.getAsLong());
            }
        }
        return any ? OptionalLong.of(s) : OptionalLong.empty();
    }

    /** Where {@code r} may go on {@code n}: negative means never. */
    long score(Rsc r, Node n, Conditions c, Map<String, Map<String, Role>> assigned, boolean runsThere) {
        if (!c.usable(n.name)) {
            return -INF;
        }
        if ((r.kind() == Kind.REMOTE_CONNECTION || r.kind() == Kind.GUEST_CONTAINER) && n.kind != NodeKind.MEMBER) {
            return -INF;
        }
        if (n.hostResource != null && n.hostResource.equals(r.id())) {
            return -INF;
        }
        long s = 0;
        for (Location l : locations) {
            if (!l.promoted() && l.rsc().matches(r)) {
                s = add(s, locationScore(l, n).orElse(0));
            }
        }
        long health = healthScore(n);
        if (health != 0 && !(health < 0 && r.allowUnhealthy())) {
            s = add(s, health);
        }
        for (Colocation col : dependentColocations(r)) {
            Set<String> primary = nodesOf(col.withRsc(), col.withPromoted(), assigned);
            boolean there = primary.contains(n.name);
            if (col.score() >= INF) {
                if (!there) {
                    return -INF;
                }
            } else if (col.score() <= -INF) {
                if (there) {
                    return -INF;
                }
            } else if (there) {
                s = add(s, col.score());
            }
        }
        if (runsThere) {
            s = add(s, r.stickiness() != null ? r.stickiness() : defaultStickiness);
        }
        return s;
    }

    private Set<String> nodesOf(String topOrId, boolean promotedOnly, Map<String, Map<String, Role>> assigned) {
        Set<String> out = new TreeSet<>();
        for (Rsc p : resources) {
            if (p.id().equals(topOrId) || p.top().equals(topOrId)) {
                assigned.getOrDefault(p.id(), Map.of()).forEach((node, role) -> {
                    if (!promotedOnly || role == Role.PROMOTED) {
                        out.add(node);
                    }
                });
            }
        }
        return out;
    }

    /** The score a location gives node {@code n}; empty if it does not apply there. */
    OptionalLong locationScore(Location l, Node n) {
        if (l.rule() == null) {
            return n.name.equals(l.node()) ? OptionalLong.of(l.score()) : OptionalLong.empty();
        }
        Rule rule = l.rule();
        if (!holds(rule, n)) {
            return OptionalLong.empty();
        }
        if (rule.scoreAttribute() != null) {
            String v = n.attribute(rule.scoreAttribute());
            return OptionalLong.of(v == null ? -INF : ClusterNode.parseScore(v).orElse(0));
        }
        return OptionalLong.of(rule.score() == null ? 0 : rule.score());
    }

    private boolean holds(Rule rule, Node n) {
        if (rule.expressions().isEmpty()) {
            return true;
        }
        for (Expr e : rule.expressions()) {
            boolean h = holds(e, n);
            if (rule.or() && h) {
                return true;
            }
            if (!rule.or() && !h) {
                return false;
            }
        }
        return !rule.or();
    }

    private boolean holds(Expr e, Node n) {
        String v = switch (e.attribute()) {
            case "#uname" -> n.name;
            case "#id" -> n.name;
            case "#kind" -> n.kind == NodeKind.MEMBER ? "cluster" : n.kind == NodeKind.REMOTE ? "remote" : "container";
            default -> n.attribute(e.attribute());
        };
        String op = e.operation() == null ? "" : e.operation();
        if (op.equals("defined")) {
            return v != null;
        }
        if (op.equals("not_defined")) {
            return v == null;
        }
        if (v == null || e.value() == null) {
            return false;
        }
        int cmp;
        String type = e.type() == null ? "" : e.type();
        if (type.equals("integer") || type.equals("number") || (type.isEmpty() && isNumber(v) && isNumber(e.value()))) {
            if (!isNumber(v) || !isNumber(e.value())) {
                return false;
            }
            cmp = Double.compare(Double.parseDouble(v), Double.parseDouble(e.value()));
        } else {
            cmp = v.compareTo(e.value());
        }
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "lte" -> cmp <= 0;
            case "gt" -> cmp > 0;
            case "gte" -> cmp >= 0;
            default -> false;
        };
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    /**
     * The node's health as the {@code node-health-strategy} scores it: the sum of its {@code #health*}
     * attributes, colours scored per strategy; 0 under {@code none}.
     */
    long healthScore(Node n) {
        String strategy = properties.getOrDefault("node-health-strategy", defaultHealthStrategy)
                .trim().toLowerCase(Locale.ROOT);
        long red;
        long yellow;
        long green;
        switch (strategy) {
            case "migrate-on-red" -> {
                red = -INF;
                yellow = 0;
                green = 0;
            }
            case "only-green" -> {
                red = -INF;
                yellow = -INF;
                green = 0;
            }
            case "progressive", "custom" -> {
                red = property("node-health-red", -INF);
                yellow = property("node-health-yellow", 0);
                green = property("node-health-green", 0);
            }
            default -> {
                return 0;
            }
        }
        long sum = 0;
        for (Map.Entry<String, String> a : n.mergedAttributes().entrySet()) {
            if (!a.getKey().startsWith("#health")) {
                continue;
            }
            String v = a.getValue().trim().toLowerCase(Locale.ROOT);
            long s = switch (v) {
                case "red" -> red;
                case "yellow" -> yellow;
                case "green" -> green;
                default -> ClusterNode.parseScore(v).orElse(0);
            };
            sum = add(sum, s);
        }
        return sum;
    }

    private long property(String name, long dflt) {
        String v = properties.get(name);
        return v == null ? dflt : ClusterNode.parseScore(v).orElse(dflt);
    }

    /** Pacemaker's score addition: saturating at ±INFINITY, -INFINITY winning. */
    static long add(long a, long b) {
        if (a <= -INF || b <= -INF) {
            return -INF;
        }
        if (a >= INF || b >= INF) {
            return INF;
        }
        return Math.max(-INF, Math.min(INF, a + b));
    }

    // ---------------------------------------------------------------- reading

    /** Resources counted as running on {@code node}, sorted (primitive ids; clone instances under theirs). */
    List<String> runningOn(String node, Conditions c) {
        if (!c.visible(node)) {
            return List.of();
        }
        return rawOn(node);
    }

    /** What the placement puts on {@code node}, whatever its state, sorted. */
    List<String> rawOn(String node) {
        List<String> out = new ArrayList<>();
        placement.forEach((r, where) -> {
            if (where.containsKey(node)) {
                out.add(r);
            }
        });
        return out;
    }

    /** What runs where (on nodes whose resources count), with the promoted instances. */
    Placement toPlacement() {
        Conditions c = conditions();
        Map<String, Set<String>> active = new TreeMap<>();
        Map<String, Set<String>> promoted = new TreeMap<>();
        placement.forEach((r, where) -> where.forEach((node, role) -> {
            if (c.visible(node)) {
                active.computeIfAbsent(r, k -> new TreeSet<>()).add(node);
                if (role == Role.PROMOTED) {
                    promoted.computeIfAbsent(r, k -> new TreeSet<>()).add(node);
                }
            }
        }));
        return new Placement(active, promoted);
    }

    static Map<String, Map<String, Role>> deepCopy(Map<String, Map<String, Role>> p) {
        Map<String, Map<String, Role>> out = new TreeMap<>();
        p.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }
}
