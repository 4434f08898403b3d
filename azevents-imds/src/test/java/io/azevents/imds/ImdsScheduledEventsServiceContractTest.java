package io.azevents.imds;

import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsService;
import io.azevents.simulation.ImdsSimulator;
import io.azevents.testkit.ScheduledEventsServiceContract;
import io.azevents.testkit.ScheduledEventsServiceContract;
import java.time.Duration;
import java.util.Set;

/** The adapter against the simulator over real loopback HTTP. */
class ImdsScheduledEventsServiceContractTest extends ScheduledEventsServiceContract {

    @Override
    protected Fixture createFixture() throws Exception {
        ImdsSimulator sim = ImdsSimulator.start(VM);
        ImdsScheduledEventsService source = new ImdsScheduledEventsService(ImdsConfig.builder()
                .baseUrl(sim.baseUrl())
                .requestTimeout(Duration.ofSeconds(5))
                .retryCount(0)
                .deadline(Duration.ofSeconds(10))
                .build());
        return new Fixture() {
            @Override
            public ScheduledEventsService source() {
                return source;
            }

            @Override
            public void publish(ScheduledEvent event) {
                sim.add(event);
            }

            @Override
            public void remove(String eventId) {
                sim.completeEvent(eventId);
            }

            @Override
            public Set<String> approvedIds() {
                return sim.region().approvedIds();
            }

            @Override
            public void close() {
                sim.close();
            }
        };
    }
}
