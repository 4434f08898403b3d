package io.azevents.core;

import java.util.List;

/**
 * Asks the cluster's scheduler what a drain would do (see {@link DrainForecast}). Strategies call it
 * only on the path that decides a drain, never on an idle cycle: the Pacemaker adapter runs the
 * scheduler for it.
 */
@FunctionalInterface
public interface DrainForecaster {

    /** A forecaster that never knows: strategies decide on their model of the cluster alone. */
    DrainForecaster NONE = (view, drain) -> DrainForecast.unknown("no scheduler available");

    /**
     * What the scheduler would do if {@code drain} were written to the cluster as {@code view} shows it.
     * Never throws: a failure is an {@link DrainForecast#unknown} forecast that says what failed.
     *
     * @param view  the cluster the forecast starts from
     * @param drain the updates that would drain the node (standby, attributes)
     * @return the forecast; {@linkplain DrainForecast#known() unknown} or
     *     {@linkplain DrainForecast#failed() failed} when the scheduler could not answer
     */
    DrainForecast forecast(ClusterView view, List<AttributeUpdate> drain);
}
