package com.example.azevents;

import com.example.maintenance.MaintenanceFeed;
import com.example.maintenance.Notice;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.QuarantinedEvent;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsDocument;
import io.azevents.core.ScheduledEventsException;
import io.azevents.core.ScheduledEventsService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scheduled-events port over the example's own {@link MaintenanceFeed}: notices are events, the
 * feed's revision is the document's incarnation, a start request is an approval. Proven by
 * {@code FeedScheduledEventsServiceContractTest}, the test kit's {@code ScheduledEventsServiceContract}.
 *
 * <p>A notice that azevents' model refuses (an id that is not a GUID, a VM name that is not safe) is
 * not an error: it is quarantined, as the port asks, and never approved. Thread-safe, as the feed is.
 */
public final class FeedScheduledEventsService implements ScheduledEventsService {
    private final MaintenanceFeed feed;
    private final String vmName;

    /**
     * The service as VM {@code vmName} sees it.
     *
     * @param feed   the platform's feed
     * @param vmName this VM's name, as the feed's notices list it
     */
    @Inject
    public FeedScheduledEventsService(MaintenanceFeed feed, @Named(AgentModule.VM_NAME) String vmName) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.vmName = Objects.requireNonNull(vmName, "vmName");
    }

    @Override
    public ScheduledEventsDocument fetch() {
        MaintenanceFeed.Bulletin bulletin = feed.read();
        List<ScheduledEvent> events = new ArrayList<>();
        List<QuarantinedEvent> quarantined = new ArrayList<>();
        for (Notice n : bulletin.notices()) {
            try {
                events.add(event(n));
            } catch (IllegalArgumentException e) {
                quarantined.add(new QuarantinedEvent(Names.quote(n.id()),
                        n.vms().stream().filter(Names::isNodeName).toList(),
                        "notice " + Names.quote(n.id()) + " refused: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")));
            }
        }
        return new ScheduledEventsDocument(bulletin.revision(), events, quarantined);
    }

    @Override
    public void approve(Set<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        try {
            feed.startNow(vmName, eventIds);
        } catch (IllegalArgumentException e) {
            throw new ScheduledEventsException("the feed refused to start " + eventIds + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String vmName() {
        return vmName;
    }

    private static ScheduledEvent event(Notice n) {
        return new ScheduledEvent(n.id(), EventType.of(n.kind()), EventStatus.of(n.status()), "VirtualMachine",
                n.vms(), n.notBefore(), n.description(), EventInitiator.of(n.initiatedBy()), n.durationSeconds(),
                Map.of());
    }
}
