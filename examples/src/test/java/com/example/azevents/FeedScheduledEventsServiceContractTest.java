package com.example.azevents;

import com.example.maintenance.MaintenanceFeed;
import com.example.maintenance.Notice;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.testkit.ScheduledEventsServiceContract;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/** The events adapter holds to the port's contract: "Azure" here is the example's own feed. */
class FeedScheduledEventsServiceContractTest extends ScheduledEventsServiceContract {

    @Override
    protected Fixture createFixture() {
        MaintenanceFeed feed = new MaintenanceFeed(Clock.systemUTC());
        FeedScheduledEventsService service = new FeedScheduledEventsService(feed, VM);
        return new Fixture() {
            @Override
            public ScheduledEventsService source() {
                return service;
            }

            @Override
            public void publish(ScheduledEvent e) {
                feed.post(new Notice(e.id(), e.type().value(), e.status().value(), e.resources(), e.notBefore(),
                        e.description(), e.initiator().value(), e.durationSeconds()));
            }

            @Override
            public void remove(String eventId) {
                feed.withdraw(eventId);
            }

            @Override
            public Set<String> approvedIds() {
                return feed.startRequests().stream().flatMap(r -> r.ids().stream()).collect(Collectors.toSet());
            }
        };
    }
}
