package io.azevents.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.simulation.Visibility;
import io.azevents.imds.ImdsScheduledEventsService;
import io.azevents.imds.ImdsScheduledEventsService;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an idle cluster costs through the real adapters (weakness 15 in docs/fault-matrix.md: upstream spends about two
 * CIB writes, six queries and two IMDS calls per node every 10 s). Each cycle is assembled afresh, as
 * in the OCF agent's one process per monitor, with the VM name cached in a file. Once the first round
 * has recorded azName and hostName_, a round with no events must leave the CIB version unchanged, and
 * each agent must spawn exactly one process ({@code crm_simulate --live-check}, which reads the CIB and
 * Pacemaker's status of it at once) and make exactly one IMDS
 * request (the scheduled-events GET; the VM name comes from the cache file).
 */
class IdleCostTest {
    private static final String EVENTS = ImdsScheduledEventsService.SCHEDULED_EVENTS_PATH;
    private static final String INSTANCE = ImdsScheduledEventsService.INSTANCE_PATH;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "az-health, az-health-cib.xml, health-azure-events, ZONES",
            "legacy-pullstate, legacy-cib.xml, rsc_azure-events, AVAILABILITY_SET"})
    void anIdleRoundWritesNothingAndCostsOneQueryAndOneGetPerNode(String strategy, String cib, String agent,
                                                                  Visibility visibility)
            throws IOException {
        ScenarioTools.require("cibadmin", "crm_simulate");
        try (ScenarioCluster cluster = ScenarioCluster.start(cib, agent);
             Fleet fleet = new Fleet(cluster, strategy, visibility)) {
            assertThat(fleet.round()).as("agents of the first round").isEqualTo(ScenarioCluster.NODES);
            for (String n : ScenarioCluster.NODES) {
                assertThat(fleet.gets(n, INSTANCE)).as("%s asked IMDS for its name once", n).isEqualTo(1);
                assertThat(Files.readString(cluster.dir().resolve(n + "-vmname")).strip()).isEqualTo(n + "-vm");
            }

            for (int idle = 1; idle <= 3; idle++) {
                String before = cluster.view().version();
                Map<String, Long> eventsBefore = new java.util.LinkedHashMap<>();
                ScenarioCluster.NODES.forEach(n -> eventsBefore.put(n, fleet.gets(n, EVENTS)));

                assertThat(fleet.round()).isEqualTo(ScenarioCluster.NODES);

                assertThat(cluster.view().version()).as("%s: CIB version over idle round %d\n%s", strategy, idle,
                        fleet.log).isEqualTo(before);
                for (String n : ScenarioCluster.NODES) {
                    assertThat(fleet.commands.get(n)).as("%s: processes %s spawned in idle round %d", strategy, n, idle)
                            .singleElement().satisfies(c -> assertThat(c).startsWith("crm_simulate", "--live-check"));
                    assertThat(fleet.gets(n, EVENTS) - eventsBefore.get(n))
                            .as("%s: scheduledevents GETs of %s in idle round %d", strategy, n, idle).isEqualTo(1);
                    assertThat(fleet.gets(n, INSTANCE)).as("%s: instance GETs of %s so far", strategy, n).isEqualTo(1);
                    assertThat(fleet.sims.get(n).requests()).as("%s: %s's IMDS requests", strategy, n)
                            .allMatch(r -> r.method().equals("GET"));
                }
            }
        }
    }
}
