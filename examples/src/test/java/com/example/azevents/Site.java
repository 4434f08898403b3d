package com.example.azevents;

import com.example.maintenance.MaintenanceFeed;
import com.example.maintenance.Notice;
import com.example.roster.Roster;
import io.azevents.core.AgentConfig;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ScheduledEventsService;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A three-node site of the example's own making: a {@link Roster} with the services {@code db} and
 * {@code app} at home on node1, a {@link MaintenanceFeed} for the VMs {@code node1-vm} to
 * {@code node3-vm}, and an agent per node built by a factory the test chooses. Rounds run every
 * online node's agent once, then let the roster's scheduler settle: the roster moves nothing while
 * the agents run, so what a node runs right after a round is what it ran when the round's agents
 * decided.
 */
final class Site {
    static final List<String> NODES = List.of("node1", "node2", "node3");
    static final List<String> SERVICES = List.of("db", "app");

    final Roster roster = new Roster();
    final MaintenanceFeed feed = new MaintenanceFeed(Clock.systemUTC());
    private final Map<String, AzEventsAgent> agents = new LinkedHashMap<>();

    /** The agent a node runs. */
    interface AgentFactory {
        AzEventsAgent create(ScheduledEventsService events, ClusterAttributeStore store, String node);
    }

    Site() {
        NODES.forEach(roster::join);
        SERVICES.forEach(s -> roster.addService(s, "node1"));
        roster.settle();
    }

    static String vm(String node) {
        return node + "-vm";
    }

    ClusterAttributeStore store(String node) {
        return new RosterAttributeStore(roster, node);
    }

    ScheduledEventsService events(String node) {
        return new FeedScheduledEventsService(feed, vm(node));
    }

    /** Replaces every node's agent with one made by {@code factory}. */
    Site agents(AgentFactory factory) {
        NODES.forEach(n -> agents.put(n, factory.create(events(n), store(n), n)));
        return this;
    }

    /** Every node's agent built by {@code AzEventsAgent.create} with {@code config}: strategies by name. */
    Site agents(AgentConfig config) {
        return agents((events, store, node) -> AzEventsAgent.create(events, store, config));
    }

    /** Writes what an administrator sets up once, through node1's store. */
    Site setUp(Function<String, List<AttributeUpdate>> perNode) {
        store("node1").write(NODES.stream().flatMap(n -> perNode.apply(n).stream()).toList());
        return this;
    }

    /** Runs the agent of every online node once, in order; moves nothing. */
    void runAgents() {
        agents.forEach((node, agent) -> {
            if (node(node).online()) {
                agent.runCycle();
            }
        });
    }

    /** One round: every online node's agent, then the roster's scheduler. */
    void round() {
        runAgents();
        roster.settle();
    }

    ClusterNode node(String name) {
        return store(name).readView().node(name).orElseThrow();
    }

    /**
     * What one maintenance of a node looked like.
     *
     * @param notice             the notice
     * @param drained            the node's attributes after the round that drained it
     * @param runningAtApproval  what the node ran when its event was approved
     * @param roundsToApproval   rounds from the notice to the approval
     * @param startRequests      the feed's start requests for the notice
     * @param after              the node's attributes once it runs its services again
     */
    record Maintenance(Notice notice, Map<String, String> drained, List<String> runningAtApproval,
                       int roundsToApproval, List<MaintenanceFeed.StartRequest> startRequests,
                       Map<String, String> after) {
    }

    /**
     * Announces a Reboot of {@code node}, runs rounds until the feed reports it started, reboots the
     * node, ends the maintenance, and runs rounds until the node runs its services again.
     */
    Maintenance reboot(String node) {
        Notice notice = feed.announce("Reboot", Duration.ofMinutes(15), vm(node));
        Map<String, String> drained = null;
        List<String> runningAtApproval = null;
        int rounds = 0;
        while (runningAtApproval == null) {
            if (++rounds > 10) {
                throw new AssertionError("no approval within 10 rounds; " + node + ": " + node(node));
            }
            runAgents();
            if (started(notice)) {
                runningAtApproval = roster.servicesOn(node);
            } else if (drained == null && !node(node).canRunResources()) {
                drained = node(node).attributes();
            }
            roster.settle();
        }
        roster.setOnline(node, false);
        feed.withdraw(notice.id());
        roster.setOnline(node, true);
        for (int i = 0; !roster.servicesOn(node).equals(SERVICES); i++) {
            if (i == 10) {
                throw new AssertionError(node + " not back within 10 rounds: " + node(node));
            }
            round();
        }
        List<MaintenanceFeed.StartRequest> requests = feed.startRequests().stream()
                .filter(r -> r.ids().contains(notice.id())).toList();
        return new Maintenance(notice, drained == null ? Map.of() : drained, runningAtApproval, rounds, requests,
                node(node).attributes());
    }

    private boolean started(Notice n) {
        return feed.notice(n.id()).map(x -> x.status().equals(Notice.STARTED)).orElse(false);
    }
}
