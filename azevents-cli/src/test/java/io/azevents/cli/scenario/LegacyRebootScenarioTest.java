package io.azevents.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.simulation.ImdsRegion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Reboot of node1 on a 3-node Availability Set cluster with the legacy-pullstate strategy, through
 * the real Pacemaker adapter on a CIB file and a real-HTTP IMDS simulator per VM, every VM seeing
 * every event. node1 drains itself with {@code standby=on}, which stops its agent's clone (the
 * scheduler decides where the clone runs, and only there does the agent run); its peers approve the
 * event once node1 is empty and bring node1 back when the event is over. The CIB is read after every
 * round and compared with the expected table, and node1's values with what the Python azure-events
 * writes.
 */
class LegacyRebootScenarioTest {
    private static final String AGENT = "rsc_azure-events";
    private static final List<String> COLUMNS = List.of("round", "step", "ran", "node1", "standby", "curNodeState",
            "pendingEventIDs", "lastDocVersion", "globalPullState", "lock", "node1 runs", "approvals", "db", "app",
            "cib");
    private static final List<String> ASSERTED = List.of("ran", "node1", "standby", "curNodeState", "pendingEventIDs",
            "lastDocVersion", "globalPullState", "lock", "node1 runs", "approvals");
    private static final List<String> ATTRIBUTES = List.of("standby", "curNodeState", "pendingEventIDs",
            "lastDocVersion");
    private static final String IDLE_CIB = "unchanged";

    /**
     * What azevents leaves in the CIB after each round. "E" is the event's id; incarnations: 1 before the
     * event, 2 once it is scheduled, 3 once started, 4 once gone. The lock is the claim behind
     * globalPullState: a node that changes something takes it and writes PULLING in the same transaction,
     * and its next cycle writes IDLE and gives it back, so peers act one at a time on what it wrote.
     */
    private static final List<List<String>> EXPECTED = List.of(
            // ran    node1   standby state       pending lastDoc pull       lock     node1 runs approvals
            row("1,2,3", "up", "-", "-", "-", "-", "-", "-", "db,app", "0"),   // r0 each node records azName, hostName_ (no lock
                                                                                //    needed: only its own names); no globalPullState yet
            row("1,2,3", "up", "-", "-", "-", "-", "-", "-", "db,app", "0"),   // r1 idle: writes nothing
            // (Azure schedules a Reboot of node1-vm; every VM sees it)
            row("1,2,3", "up", "on", "STOPPING", "E", "2", "IDLE", "-", "-", "0"),     // r2 node1 drains itself (one transaction); node2 sees
                                                                                        //    node1's lock abandoned (node1's agent stops) and clears it
            row("2,3", "up", "on", "IN_EVENT", "E", "2", "PULLING", "node2", "-", "1 node2-vm"), // r3 node1 is empty: node2 approves
            row("2,3", "up", "on", "IN_EVENT", "E", "2", "IDLE", "-", "-", "1 node2-vm"),        // r4 event Started; node2 gives the lock back
            // (node1 reboots: crm_simulate -d node1)
            row("2,3", "down", "on", "IN_EVENT", "E", "2", "IDLE", "-", "-", "1 node2-vm"),      // r5 nothing to do while it is down
            // (the event is over and gone; node1 is up again, still in standby, so its agent does not run)
            row("2,3", "up", "off", "AVAILABLE", "-", "2", "PULLING", "node2", "db,app", "1 node2-vm"), // r6 node2 brings node1 back
            row("1,2,3", "up", "off", "AVAILABLE", "-", "2", "IDLE", "-", "db,app", "1 node2-vm"),      // r7 node1's agent runs again
            row("1,2,3", "up", "off", "AVAILABLE", "-", "2", "IDLE", "-", "db,app", "1 node2-vm"));     // r8 idle: writes nothing

    /**
     * node1's (standby, curNodeState, pendingEventIDs, lastDocVersion) after each monitor of the Python
     * azure-events (resource-agents 4.12) in the same story, derived from its source:
     * <ol>
     *   <li>no event: azName, hostName_ and globalPullState PULLING then IDLE, again on every monitor;</li>
     *   <li>node1's monitor that first sees the event: curNodeState=STOPPING, pendingEventIDs, standby=on
     *       (same monitor, nothing pending), lastDocVersion=2;</li>
     *   <li>a peer's monitor (handleRemoteEvents): node1 curNodeState=IN_EVENT, pendingEventIDs, the POST;</li>
     *   <li>the event is Started: nothing;</li>
     *   <li>the event is gone: a peer's removeOrphanedEvents sets node1's standby=off, and nothing else;</li>
     *   <li>node1's own agent, started again by standby=off, sets AVAILABLE, deletes pendingEventIDs, writes
     *       standby=off again; lastDocVersion stays 2 (Python never deletes it).</li>
     * </ol>
     */
    private static final List<List<String>> PYTHON = List.of(
            List.of("-", "-", "-", "-"),
            List.of("on", "STOPPING", "E", "2"),
            List.of("on", "IN_EVENT", "E", "2"),
            List.of("on", "IN_EVENT", "E", "2"),
            List.of("off", "IN_EVENT", "E", "2"),
            List.of("off", "AVAILABLE", "-", "2"));

    /**
     * Python's steps azevents deliberately does not reproduce, and why (the other intended differences,
     * not visible in node1's values, are listed in the report of the issue and below):
     * <ul>
     *   <li>(off, IN_EVENT, E, 2): Python's peer ends the standby of a node it leaves IN_EVENT with stale
     *       pending ids, and writes standby=off again every monitor until node1's own agent comes back; if it
     *       never does, node1 stays IN_EVENT for good. azevents' peer writes AVAILABLE, deletes the ids and
     *       ends the standby in one transaction.</li>
     * </ul>
     * Not visible here: Python may approve in the very round node1 drains (its "all resources stopped"
     * check reads the first line after "Transition Summary:", always empty); azevents approves only once
     * node1 runs nothing and has no pending operation (r3). Python writes globalPullState twice and azName,
     * hostName_ once on every monitor of every node; azevents writes PULLING only with a change and IDLE on
     * the holder's next cycle, so the lock shows who is changing the cluster and an idle cluster is not
     * written to (globalPullState stays absent until the first change, where Python shows IDLE from its
     * first monitor). Python leaves node1's standby=off and lastDocVersion=2 behind; so does azevents, where
     * lastDocVersion is informative only (never read to skip work).
     */
    private static final List<List<String>> PYTHON_ONLY = List.of(List.of("off", "IN_EVENT", "E", "2"));

    private static List<String> row(String... cells) {
        return List.of(cells);
    }

    @Test
    void rebootOfNode1ApprovedAndEndedByPeers() {
        ScenarioTools.require("cibadmin", "crm_simulate");
        try (ScenarioCluster cluster = ScenarioCluster.start("legacy-cib.xml", AGENT);
             Fleet fleet = new Fleet(cluster, "legacy-pullstate", Visibility.AVAILABILITY_SET)) {
            Table table = new Table(COLUMNS);
            Recorder rec = new Recorder(cluster, fleet, table);
            ImdsRegion region = fleet.region;

            for (int i = 0; i < 2; i++) {
                rec.round(i == 0 ? "no event" : "");
            }
            ScheduledEvent event = region.add(ScheduledEvent.of(UUID.randomUUID().toString(), EventType.REBOOT,
                    Optional.of(Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS)),
                    "node1-vm"));
            rec.eventId = event.id();
            rec.round("Reboot scheduled");
            rec.round("");
            rec.round("");
            assertThat(region.event(event.id())).as("approved, so Started\n%s", rec).get()
                    .extracting(ScheduledEvent::isStarted).isEqualTo(true);
            cluster.simulate("-d", "node1");
            rec.round("node1 rebooting");
            region.complete(event.id());
            cluster.simulate("-u", "node1");
            rec.round("event gone, node1 up");
            rec.round("");
            rec.round("idle");
            if (System.getenv("SCENARIO_PRINT") != null) {
                System.out.println("legacy-pullstate Reboot scenario, " + rec);
            }

            List<Map<String, String>> rows = table.rows();
            assertThat(rows).as("rounds\n%s", rec).hasSize(EXPECTED.size());
            for (int r = 0; r < EXPECTED.size(); r++) {
                Map<String, String> observed = new LinkedHashMap<>();
                Map<String, String> expected = new LinkedHashMap<>();
                for (int c = 0; c < ASSERTED.size(); c++) {
                    observed.put(ASSERTED.get(c), rows.get(r).get(ASSERTED.get(c)));
                    expected.put(ASSERTED.get(c), EXPECTED.get(r).get(c));
                }
                assertThat(observed).as("round %d\n%s", r, rec).isEqualTo(expected);
            }

            // node1's agent ran exactly in the rounds that started with node1 online and out of standby.
            for (int r = 1; r < rows.size(); r++) {
                Map<String, String> prev = rows.get(r - 1);
                boolean runs = prev.get("node1").equals("up") && !prev.get("standby").equals("on");
                assertThat(rows.get(r).get("ran").startsWith("1")).as("node1's agent in round %d\n%s", r, rec)
                        .isEqualTo(runs);
            }
            // Approved by a peer, once, in a round after the one that left node1 empty.
            int emptyAt = AzHealthRebootScenarioTest.firstRound(rows, x -> x.get("node1 runs").equals("-"));
            int approvedAt = AzHealthRebootScenarioTest.firstRound(rows, x -> !x.get("approvals").equals("0"));
            assertThat(approvedAt).as("approval after node1 became empty\n%s", rec).isGreaterThan(emptyAt);
            assertThat(region.approvals()).singleElement().satisfies(a -> {
                assertThat(a.vmName()).isNotEqualTo("node1-vm");
                assertThat(a.eventIds()).containsExactly(event.id());
            });
            assertThat(rows).as("db and app never stopped\n%s", rec)
                    .allSatisfy(x -> assertThat(List.of(x.get("db"), x.get("app"))).doesNotContain("stopped"));
            // node1's drain and its return are each one CIB transaction, the latter written by a peer.
            assertThat(rec.stateWrite(2, "node1")).contains("STOPPING", "azure-events_pendingEventIDs", event.id(),
                    "standby", "azure-events_globalPullState", "PULLING");
            assertThat(rec.stateWrite(6, "node2")).contains("AVAILABLE", "azure-events_pendingEventIDs", "standby",
                    "azure-events_globalPullState");
            // Idle rounds wrote nothing: before the event and at the end.
            assertThat(rows.get(1).get("cib")).as("idle round 1\n%s", rec).isEqualTo(IDLE_CIB);
            assertThat(rows.get(rows.size() - 1).get("cib")).as("idle last round\n%s", rec).isEqualTo(IDLE_CIB);

            ClusterView v = cluster.view();
            ClusterNode n1 = ScenarioCluster.node(v, "node1");
            assertThat(n1.standby()).isFalse();
            assertThat(n1.runningResources()).contains("db", "app");
            assertThat(v.claims()).isEmpty();
            for (String n : ScenarioCluster.NODES) {
                assertThat(ScenarioCluster.node(v, n).permanentAttribute("azName")).contains(n + "-vm");
                assertThat(v.property("hostName_" + n + "-vm")).contains(n);
            }

            // The same values as azure-events, repetitions merged, but for Python's inconsistent step.
            List<List<String>> ours = rows.stream().map(x -> ATTRIBUTES.stream().map(x::get).toList()).toList();
            List<List<String>> python = AzHealthRebootScenarioTest.collapse(PYTHON).stream()
                    .filter(s -> !PYTHON_ONLY.contains(s)).toList();
            assertThat(AzHealthRebootScenarioTest.collapse(ours)).as("node1's values, repetitions merged\n%s", rec)
                    .isEqualTo(python);
        }
    }

    /** Runs rounds and records node1's row after each. */
    private static final class Recorder {
        private final ScenarioCluster cluster;
        private final Fleet fleet;
        private final Table table;
        /** The commands each agent ran, per round. */
        private final List<Map<String, List<List<String>>>> commands = new java.util.ArrayList<>();
        private String lastVersion = "";
        String eventId = "";

        Recorder(ScenarioCluster cluster, Fleet fleet, Table table) {
            this.cluster = cluster;
            this.fleet = fleet;
            this.table = table;
            lastVersion = cluster.view().version();
        }

        void round(String step) {
            List<String> ran = fleet.round();
            ClusterView v = cluster.view();
            ClusterNode n1 = ScenarioCluster.node(v, "node1");
            Map<String, String> r = new LinkedHashMap<>();
            r.put("round", Integer.toString(fleet.roundNumber()));
            r.put("step", step);
            r.put("ran", ran.stream().map(n -> n.substring(4)).collect(Collectors.joining(",")));
            r.put("node1", n1.online() ? "up" : "down");
            r.put("standby", ScenarioCluster.cell(n1.permanentAttribute("standby")));
            r.put("curNodeState", ScenarioCluster.cell(n1.permanentAttribute("azure-events_curNodeState")));
            r.put("pendingEventIDs", ScenarioCluster.cell(n1.permanentAttribute("azure-events_pendingEventIDs")
                    .map(p -> p.equals(eventId) ? "E" : p)));
            r.put("lastDocVersion", ScenarioCluster.cell(n1.permanentAttribute("azure-events_lastDocVersion")));
            r.put("globalPullState", ScenarioCluster.cell(v.property("azure-events_globalPullState")));
            r.put("lock", v.claims().values().stream().map(c -> c.owner()).sorted().collect(Collectors.joining(","))
                    .transform(s -> s.isEmpty() ? "-" : s));
            r.put("node1 runs", cluster.workOn(v, "node1"));
            List<ImdsRegion.Approval> approvals = fleet.region.approvals();
            r.put("approvals", approvals.size() + (approvals.isEmpty() ? "" : " " + approvals.stream()
                    .map(ImdsRegion.Approval::vmName).distinct().collect(Collectors.joining(","))));
            r.put("db", ScenarioCluster.placement(v, "db"));
            r.put("app", ScenarioCluster.placement(v, "app"));
            r.put("cib", v.version().equals(lastVersion) ? IDLE_CIB : v.version());
            lastVersion = v.version();
            table.add(r);
            Map<String, List<List<String>>> byNode = new LinkedHashMap<>();
            fleet.commands.forEach((n, argvs) -> byNode.put(n, List.copyOf(argvs)));
            commands.add(byNode);
        }

        /** The one command of {@code node}'s agent in {@code round} that wrote node1's state (fails unless one). */
        String stateWrite(int round, String node) {
            List<String> writes = commands.get(round).getOrDefault(node, List.of()).stream()
                    .map(a -> String.join(" ", a)).filter(a -> a.contains("azure-events_curNodeState")).toList();
            assertThat(writes).as("%s's commands writing a state in round %d\n%s", node, round, this).hasSize(1);
            return writes.get(0);
        }

        @Override
        public String toString() {
            return "observed (after each round):\n" + table.render() + "actions:\n" + fleet.log;
        }
    }
}
