package io.azevents.legacy;

import io.azevents.simulation.Visibility;
import io.azevents.core.AgentConfig;
import io.azevents.core.Decision;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.simulation.ClusterSimulation;
import io.azevents.simulation.FakeAzure;
import io.azevents.simulation.InMemoryCluster;
import io.azevents.simulation.MutableClock;
import java.util.Map;

/** A legacy cluster in an Availability Set: one resource per node, every agent registered. */
final class Fixture {
    static final String STATE = "azure-events_curNodeState";
    static final String PENDING = "azure-events_pendingEventIDs";
    static final String PULL_STATE = "azure-events_globalPullState";
    static final String STANDBY = "standby";
    static final String CLAIM = "azevents-legacy-pull";

    final MutableClock clock = MutableClock.atEpochOfTests();
    final FakeAzure azure = new FakeAzure(Visibility.AVAILABILITY_SET, clock);
    final InMemoryCluster cluster;
    final NodeDrainStrategy strategy;
    final ClusterSimulation sim;

    private Fixture(Map<String, String> config, String... nodes) {
        cluster = InMemoryCluster.of(nodes);
        for (String n : nodes) {
            cluster.withResource("rsc-" + n, n);
        }
        strategy = new LegacyPullStateStrategyProvider().create(AgentConfig.of(config));
        sim = new ClusterSimulation(cluster, azure, clock, strategy);
        sim.round(); // every agent records azName and hostName_<vm>
    }

    static Fixture of(String... nodes) {
        return new Fixture(Map.of(), nodes);
    }

    static Fixture withConfig(Map<String, String> config, String... nodes) {
        return new Fixture(config, nodes);
    }

    ScheduledEvent schedule(EventType type, String... nodes) {
        String[] vms = new String[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            vms[i] = ClusterSimulation.vmName(nodes[i]);
        }
        return azure.schedule(type, vms);
    }

    ScheduledEvent reboot(String... nodes) {
        return schedule(EventType.REBOOT, nodes);
    }

    String state(String node) {
        return cluster.attribute(node, STATE).orElse("AVAILABLE");
    }

    String pending(String node) {
        return cluster.attribute(node, PENDING).orElse("");
    }

    boolean standby(String node) {
        return cluster.view(node).local().standby();
    }

    boolean started(ScheduledEvent e) {
        return azure.event(e.id()).map(ScheduledEvent::isStarted).orElse(false);
    }

    /** What {@code node}'s next cycle would decide, without doing it. */
    Decision dryRun(String node) {
        return sim.agent(node).dryRun();
    }

    void rounds(int n) {
        for (int i = 0; i < n; i++) {
            sim.round();
        }
    }
}
