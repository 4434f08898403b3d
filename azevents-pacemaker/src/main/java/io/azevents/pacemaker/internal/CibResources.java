package io.azevents.pacemaker.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamReader;

/**
 * The part of {@link CibReader}'s pass that reads {@code configuration/resources} and the
 * {@code rsc_location} constraints: the resource tree (with each resource's parameters, meta
 * attributes and operations) and location rules. Not thread-safe: one instance per pass.
 */
final class CibResources {
    private static final Set<String> RESOURCE_TAGS = Set.of("primitive", "group", "clone", "bundle");

    final List<Cib.Resource> resources = new ArrayList<>();
    final List<Cib.Location> locations = new ArrayList<>();
    private final Deque<Builder> open = new ArrayDeque<>();
    private Map<String, String> set;
    private Location location;
    private Rule rule;

    /** Handles a start tag of the resources or constraints section; true if it was one of them. */
    boolean start(XMLStreamReader r, String name, String parent, int depth, Deque<String> path) {
        if (depth < 4 || !under(path, "configuration")) {
            return false;
        }
        String section = section(path);
        if ("resources".equals(section)) {
            startResource(r, name, parent, depth);
            return true;
        }
        if ("constraints".equals(section)) {
            startConstraint(r, name, depth);
            return true;
        }
        return false;
    }

    /** Handles an end tag; {@code depth} is the depth the element had. */
    void end(String name, int depth) {
        if (RESOURCE_TAGS.contains(name) && !open.isEmpty() && open.peek().depth == depth) {
            Builder b = open.pop();
            resources.add(b.build());
        } else if (("instance_attributes".equals(name) || "meta_attributes".equals(name)) && set != null
                && !open.isEmpty() && open.peek().depth == depth - 1) {
            set = null;
        } else if ("rule".equals(name) && rule != null && depth == 5) {
            location.rules.add(new Cib.Rule(rule.id, rule.scoreAttribute, rule.score, rule.expressions));
            rule = null;
        } else if ("rsc_location".equals(name) && location != null && depth == 4) {
            locations.add(new Cib.Location(location.id, location.rsc, location.pattern, location.node, location.rules));
            location = null;
        }
    }

    private void startResource(XMLStreamReader r, String name, String parent, int depth) {
        if (RESOURCE_TAGS.contains(name) && (open.isEmpty() || RESOURCE_TAGS.contains(parent))) {
            Builder b = new Builder(attr(r, "id"), name, open.isEmpty() ? Optional.empty() : Optional.of(open.peek().id),
                    attr(r, "class"), attr(r, "provider"), attr(r, "type"));
            b.depth = depth;
            open.push(b);
            return;
        }
        if (open.isEmpty()) {
            return;
        }
        Builder current = open.peek();
        if (RESOURCE_TAGS.contains(parent) && "instance_attributes".equals(name)) {
            set = current.parameters;
        } else if (RESOURCE_TAGS.contains(parent) && "meta_attributes".equals(name)) {
            set = current.meta;
        } else if ("nvpair".equals(name) && set != null
                && ("instance_attributes".equals(parent) || "meta_attributes".equals(parent))) {
            String n = r.getAttributeValue(null, "name");
            if (n != null) {
                set.putIfAbsent(n, attr(r, "value"));
            }
        } else if ("op".equals(name) && "operations".equals(parent)) {
            current.operations.add(new Cib.Op(attr(r, "id"), attr(r, "name"), attr(r, "interval"), attr(r, "timeout"),
                    attr(r, "start-delay")));
        }
    }

    private void startConstraint(XMLStreamReader r, String name, int depth) {
        if ("rsc_location".equals(name) && depth == 4) {
            location = new Location(attr(r, "id"), attr(r, "rsc"), attr(r, "rsc-pattern"), attr(r, "node"));
        } else if ("rule".equals(name) && depth == 5 && location != null) {
            rule = new Rule(attr(r, "id"), attr(r, "score-attribute"), attr(r, "score"));
        } else if ("expression".equals(name) && depth == 6 && rule != null) {
            rule.expressions.add(new Cib.Expression(attr(r, "attribute"), attr(r, "operation"), attr(r, "value")));
        }
    }

    /** The name of the element under {@code <configuration>} that holds the current one. */
    private static String section(Deque<String> path) {
        Iterator<String> it = path.descendingIterator();
        it.next();
        it.next();
        return it.hasNext() ? it.next() : "";
    }

    private static boolean under(Deque<String> path, String second) {
        Iterator<String> it = path.descendingIterator();
        it.next();
        return it.hasNext() && it.next().equals(second);
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static final class Builder {
        final String id;
        final String tag;
        final Optional<String> parent;
        final String resourceClass;
        final String provider;
        final String type;
        final Map<String, String> parameters = new LinkedHashMap<>();
        final Map<String, String> meta = new LinkedHashMap<>();
        final List<Cib.Op> operations = new ArrayList<>();
        int depth;

        Builder(String id, String tag, Optional<String> parent, String resourceClass, String provider, String type) {
            this.id = id;
            this.tag = tag;
            this.parent = parent;
            this.resourceClass = resourceClass;
            this.provider = provider;
            this.type = type;
        }

        Cib.Resource build() {
            return new Cib.Resource(id, tag, parent, resourceClass, provider, type, parameters, meta, operations);
        }
    }

    private static final class Location {
        final String id;
        final String rsc;
        final String pattern;
        final String node;
        final List<Cib.Rule> rules = new ArrayList<>();

        Location(String id, String rsc, String pattern, String node) {
            this.id = id;
            this.rsc = rsc;
            this.pattern = pattern;
            this.node = node;
        }
    }

    private static final class Rule {
        final String id;
        final String scoreAttribute;
        final String score;
        final List<Cib.Expression> expressions = new ArrayList<>();

        Rule(String id, String scoreAttribute, String score) {
            this.id = id;
            this.scoreAttribute = scoreAttribute;
            this.score = score;
        }
    }
}
