package io.azevents.imds;

import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventSource;
import io.azevents.simulation.ImdsSimulator;
import io.azevents.testkit.ScheduledEventSourceContract;
import java.time.Duration;
import java.util.Set;

/** The adapter against the simulator over real loopback HTTP. */
class ImdsScheduledEventSourceContractTest extends ScheduledEventSourceContract {

    @Override
    protected Fixture createFixture() throws Exception {
        ImdsSimulator sim = ImdsSimulator.start(VM);
        ImdsScheduledEventSource source = new ImdsScheduledEventSource(ImdsConfig.builder()
                .baseUrl(sim.baseUrl())
                .requestTimeout(Duration.ofSeconds(5))
                .retryCount(0)
                .deadline(Duration.ofSeconds(10))
                .build());
        return new Fixture() {
            @Override
            public ScheduledEventSource source() {
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
