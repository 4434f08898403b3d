package io.azevents.testkit;

import io.azevents.simulation.Visibility;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsService;
import io.azevents.simulation.FakeAzure;
import io.azevents.simulation.MutableClock;
import java.util.Set;
import java.util.stream.Collectors;

/** The in-memory fake keeps the same contract as the IMDS adapter. */
class FakeAzureContractTest extends ScheduledEventsServiceContract {
    @Override
    protected Fixture createFixture() {
        FakeAzure azure = new FakeAzure(Visibility.ZONES, MutableClock.atEpochOfTests());
        return new Fixture() {
            @Override
            public ScheduledEventsService source() {
                return azure.sourceFor(VM);
            }

            @Override
            public void publish(ScheduledEvent event) {
                azure.add(event);
            }

            @Override
            public void remove(String eventId) {
                azure.complete(eventId);
            }

            @Override
            public Set<String> approvedIds() {
                return azure.approvals().stream().flatMap(a -> a.eventIds().stream()).collect(Collectors.toSet());
            }
        };
    }
}
