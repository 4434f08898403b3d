package fixture.drain;

import io.azevents.core.AgentConfig;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterNode;
import io.azevents.core.Decision;
import io.azevents.core.EventType;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.core.spi.ParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A third-party strategy, compiled against the public API only (the tests build it into a plugin
 * jar): before an event of its own VM, a node sets its permanent attribute fixture-drain=on (a
 * location rule keeps every resource but the agent's off such a node), approves its events once
 * nothing but the agent runs there, and deletes the attribute when they are over. It never drains
 * the last node that could take resources over. (No cluster-wide claim: two nodes of a two-node
 * cluster with events in the same cycle could both drain; it is a fixture.)
 */
public final class FixtureDrainProvider implements NodeDrainStrategyProvider {
    /** The node attribute that drains a node. */
    public static final String ATTRIBUTE = "fixture-drain";

    /** Does no work. */
    public FixtureDrainProvider() {
    }

    @Override
    public String name() {
        return "fixture-drain";
    }

    @Override
    public String description() {
        return "plugin test fixture: drains a node with the attribute fixture-drain=on, approves its own events once empty";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec("agent_prefix", "string", "plugin-", "Prefix of the agent's resources",
                "Resources whose id starts with this prefix may stay on a drained node (the agent itself)."));
    }

    @Override
    public NodeDrainStrategy create(AgentConfig config) {
        return new Strategy(config.eventTypes(), config.get("agent_prefix").orElse("plugin-"));
    }

    private static final class Strategy implements NodeDrainStrategy {
        private final Set<EventType> types;
        private final String agentPrefix;

        Strategy(Set<EventType> types, String agentPrefix) {
            this.types = Set.copyOf(types);
            this.agentPrefix = agentPrefix;
        }

        @Override
        public String name() {
            return "fixture-drain";
        }

        @Override
        public Decision decide(CycleInput in) {
            ClusterNode me = in.local();
            Decision.Builder d = Decision.builder(name(), me.name());
            boolean drained = me.permanentAttribute(ATTRIBUTE).isPresent();
            List<ScheduledEvent> mine = in.document().eventsFor(in.vmName()).stream()
                    .filter(e -> types.contains(e.type())).toList();
            Set<String> ids = new TreeSet<>();
            mine.forEach(e -> ids.add(e.id()));
            if (mine.isEmpty()) {
                if (drained) {
                    d.write(List.of(AttributeUpdate.delete(me.name(), ATTRIBUTE)),
                            "fixture-drain: no event for " + in.vmName() + " any more; " + me.name() + " may run resources again");
                }
                return d.state(NodeState.AVAILABLE).build();
            }
            if (!drained) {
                List<String> takers = in.view().peers().stream()
                        .filter(n -> n.canRunResources() && n.permanentAttribute(ATTRIBUTE).isEmpty())
                        .map(ClusterNode::name).toList();
                if (takers.isEmpty()) {
                    return d.state(NodeState.ON_HOLD).warn("fixture-drain: " + me.name() + " has event(s) " + ids
                            + " but no other node can take its resources; the last node is not drained").build();
                }
                return d.state(NodeState.STOPPING).write(List.of(AttributeUpdate.set(me.name(), ATTRIBUTE, "on")),
                        "fixture-drain: draining " + me.name() + " for event(s) " + ids + "; " + takers + " can take over").build();
            }
            List<String> work = me.runningResources().stream().filter(r -> !r.startsWith(agentPrefix)).toList();
            if (!work.isEmpty() || me.pendingOperations() > 0) {
                return d.state(NodeState.STOPPING).note("fixture-drain: waiting for " + me.name() + " to empty: " + work
                        + ", " + me.pendingOperations() + " operation(s) pending").build();
            }
            Set<String> pending = new TreeSet<>();
            mine.stream().filter(e -> !e.isStarted()).forEach(e -> pending.add(e.id()));
            d.state(NodeState.IN_EVENT);
            if (!pending.isEmpty()) {
                d.action(new PlannedAction.ApproveEvents(pending, "fixture-drain: " + me.name()
                        + " is empty; asking Azure to start " + pending + " now"));
            }
            return d.build();
        }
    }
}
