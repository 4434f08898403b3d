package io.azevents.legacy.internal;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.Names;
import io.azevents.core.NodeState;
import io.azevents.core.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what the legacy attributes say: which node each VM is, each node's recorded state and
 * pending events, and describes events for notes. Problems found go to the warnings list it is
 * given. Not thread-safe (one per decision).
 */
final class ClusterReading {
    private final ClusterView view;
    private final Collection<String> warnings;
    private final Map<String, String> vmToNode = new LinkedHashMap<>();

    ClusterReading(ClusterView view, String localVm, Collection<String> warnings) {
        this.view = view;
        this.warnings = warnings;
        vmToNode.put(localVm, view.localNode());
        for (ClusterNode n : view.nodes()) {
            n.permanentAttribute(LegacyAttributes.AZ_NAME).filter(Names::isNodeName).ifPresent(vm -> {
                String other = vmToNode.putIfAbsent(vm, n.name());
                if (other != null && !other.equals(n.name())) {
                    warnings.add("nodes " + other + " and " + n.name() + " both say they are VM " + vm
                            + " (attribute azName); events for " + vm + " are handled as " + other + "'s");
                }
            });
        }
        // Upstream's own mapping, for nodes that have not recorded azName yet.
        view.clusterProperties().forEach((name, node) -> {
            if (name.startsWith(LegacyAttributes.HOST_NAME_PREFIX) && view.node(node).isPresent()) {
                vmToNode.putIfAbsent(name.substring(LegacyAttributes.HOST_NAME_PREFIX.length()), node);
            }
        });
    }

    /** The cluster node that is VM {@code vm}, if known. */
    Optional<String> nodeOfVm(String vm) {
        return Optional.ofNullable(vmToNode.get(vm));
    }

    /** The cluster nodes an event names (VMs outside the cluster are not ours to handle). */
    Set<String> nodesOf(ScheduledEvent e) {
        Set<String> nodes = new TreeSet<>();
        e.resources().forEach(vm -> nodeOfVm(vm).ifPresent(nodes::add));
        return nodes;
    }

    /** The state recorded for {@code n}; empty if missing, empty with a warning if unreadable. */
    Optional<NodeState> recordedState(ClusterNode n) {
        Optional<String> raw = n.permanentAttribute(LegacyAttributes.STATE);
        Optional<NodeState> s = raw.flatMap(NodeState::parse);
        if (raw.isPresent() && s.isEmpty()) {
            warnings.add(n.name() + " has " + LegacyAttributes.STATE + "=" + Names.quote(raw.get())
                    + ", which is not a state; treated as AVAILABLE");
        }
        return s;
    }

    /** The event ids recorded as pending for {@code n}; ids that are not GUIDs are dropped with a warning. */
    Set<String> pending(ClusterNode n) {
        Set<String> ids = new TreeSet<>();
        for (String part : n.permanentAttribute(LegacyAttributes.PENDING).orElse("").split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (Names.isEventId(id)) {
                ids.add(id);
            } else {
                warnings.add(n.name() + " lists " + Names.quote(id) + " in " + LegacyAttributes.PENDING
                        + ", which is not an event id; ignored");
            }
        }
        return ids;
    }

    /** One line about an event, with what Azure says of its timing and origin. */
    static String describe(ScheduledEvent e, Set<String> nodes, Instant now) {
        StringBuilder b = new StringBuilder().append(e.type()).append(' ').append(e.id())
                .append(" for ").append(nodes.isEmpty() ? "no cluster node" : String.join(", ", nodes))
                .append(" (VMs ").append(String.join(", ", e.resources())).append("): ")
                .append(e.status()).append(", initiated by ").append(e.source());
        if (e.notBefore().isPresent()) {
            Instant nb = e.notBefore().get();
            b.append(", not before ").append(nb);
            Duration left = Duration.between(now, nb);
            b.append(left.isNegative() ? " (due since " + human(left.negated()) + ")" : " (in " + human(left) + ")");
        } else if (!e.isStarted()) {
            b.append(", no NotBefore given");
        }
        b.append(e.durationSeconds() < 0 ? ", duration unknown"
                : e.durationSeconds() == 0 ? ", no downtime expected"
                : ", expected to take " + human(Duration.ofSeconds(e.durationSeconds())));
        if (!e.description().isBlank()) {
            b.append(", ").append(Names.quote(e.description()));
        }
        return b.toString();
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 120) {
            return s + " s";
        }
        return s / 60 + " min";
    }
}
