package io.azevents.core.spi;

import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.ScheduledEventsDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a strategy sees in one cycle. Immutable; thread-safe.
 *
 * @param vmName   this VM's name in Azure (as in {@code Resources})
 * @param document the scheduled-events document read this cycle
 * @param view     the cluster as read this cycle
 * @param now      the cycle's clock reading
 */
public record CycleInput(String vmName, ScheduledEventsDocument document, ClusterView view, Instant now) {

    public CycleInput {
        Objects.requireNonNull(vmName, "vmName");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(now, "now");
    }

    /** The local node's name. */
    public String localNode() {
        return view.localNode();
    }

    /** The local node. */
    public ClusterNode local() {
        return view.local();
    }
}
