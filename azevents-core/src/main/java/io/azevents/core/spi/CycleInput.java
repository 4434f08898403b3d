package io.azevents.core.spi;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import io.azevents.core.DrainForecaster;
import io.azevents.core.ScheduledEventsDocument;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a strategy sees in one cycle. Immutable; thread-safe.
 *
 * @param vmName   this VM's name in Azure (as in {@code Resources})
 * @param document the scheduled-events document read this cycle
 * @param view     the cluster as read this cycle
 * @param now      the cycle's clock reading
 * @param scheduler asks the cluster's scheduler what a drain would do; only on the path that decides one
 */
public record CycleInput(String vmName, ScheduledEventsDocument document, ClusterView view, Instant now,
                         DrainForecaster scheduler) {

    /**
     * Checks that every component is present.
     *
     * @param vmName    this VM's name in Azure
     * @param document  the scheduled-events document read this cycle
     * @param view      the cluster as read this cycle
     * @param now       the cycle's clock reading
     * @param scheduler asks the cluster's scheduler what a drain would do; {@link DrainForecaster#NONE}
     *                  when there is none
     * @throws NullPointerException if one is null
     */
    public CycleInput {
        Objects.requireNonNull(vmName, "vmName");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * An input with no scheduler to ask ({@link DrainForecaster#NONE}).
     *
     * @param vmName   this VM's name in Azure
     * @param document the scheduled-events document read this cycle
     * @param view     the cluster as read this cycle
     * @param now      the cycle's clock reading
     * @throws NullPointerException if one is null
     */
    public CycleInput(String vmName, ScheduledEventsDocument document, ClusterView view, Instant now) {
        this(vmName, document, view, now, DrainForecaster.NONE);
    }

    /**
     * What the scheduler would do if {@code drain} were written to this cycle's view.
     *
     * @param drain the updates that would drain the node
     * @return the scheduler's forecast; unknown or failed when it could not answer (never throws)
     */
    public DrainForecast forecast(List<AttributeUpdate> drain) {
        return scheduler.forecast(view, drain);
    }

    /**
     * The same input with another view (e.g. one read again after winning a claim).
     *
     * @param newView the cluster as read again
     * @param newNow  the clock reading that goes with it
     * @return a new input with the same VM name, document and scheduler
     * @throws NullPointerException if an argument is null
     */
    public CycleInput withView(ClusterView newView, Instant newNow) {
        return new CycleInput(vmName, document, newView, newNow, scheduler);
    }

    /**
     * The local node's name.
     *
     * @return the view's {@link ClusterView#localNode()}
     */
    public String localNode() {
        return view.localNode();
    }

    /**
     * The local node.
     *
     * @return the view's node of that name
     * @throws io.azevents.core.ClusterStoreException if the view does not list it
     */
    public ClusterNode local() {
        return view.local();
    }
}
