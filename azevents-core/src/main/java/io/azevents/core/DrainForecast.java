package io.azevents.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The scheduler's answer to "where would everything run if these attributes were written?": the
 * placement it settles on without the change ({@code baseline}) and with it ({@code drained}), both
 * computed by the same scheduler on the same copy of the cluster, so that only the drain's own effect
 * shows. {@link #unknown} when no scheduler could be asked; a strategy then falls back to its model
 * of the cluster. Immutable; thread-safe.
 *
 * @param baseline where resources would be active with no change; empty when unknown
 * @param drained  where resources would be active after the change; empty when unknown
 * @param source   who answered (e.g. {@code crm_simulate}), or why nobody could
 * @param failed   a scheduler exists but could not answer (a strategy then does not drain this cycle)
 */
public record DrainForecast(Optional<Placement> baseline, Optional<Placement> drained, String source,
                            boolean failed) {

    /**
     * Checks that the forecast has both placements or neither, and none if it failed.
     *
     * @param baseline where resources would be active with no change; empty when unknown
     * @param drained  where resources would be active after the change; empty when unknown
     * @param source   who answered, or why nobody could
     * @param failed   a scheduler exists but could not answer
     * @throws NullPointerException     if a reference component is null
     * @throws IllegalArgumentException if it does not
     */
    public DrainForecast {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(drained, "drained");
        Objects.requireNonNull(source, "source");
        if (baseline.isPresent() != drained.isPresent()) {
            throw new IllegalArgumentException("a forecast has both placements or neither");
        }
        if (failed && baseline.isPresent()) {
            throw new IllegalArgumentException("a failed forecast has no placements");
        }
    }

    /**
     * A forecast from {@code source}.
     *
     * @param baseline where resources would be active with no change
     * @param drained  where resources would be active after the change
     * @param source   who answered, e.g. {@code crm_simulate}
     * @return a known, not failed forecast
     * @throws NullPointerException if an argument is null
     */
    public static DrainForecast of(Placement baseline, Placement drained, String source) {
        return new DrainForecast(Optional.of(baseline), Optional.of(drained), source, false);
    }

    /**
     * No scheduler can be asked; {@code why} says so. Strategies fall back to their model of the cluster.
     *
     * @param why the reason, for notes and logs; becomes {@link #source()}
     * @return a forecast with no placements that has not failed
     * @throws NullPointerException if {@code why} is null
     */
    public static DrainForecast unknown(String why) {
        return new DrainForecast(Optional.empty(), Optional.empty(), why, false);
    }

    /**
     * The scheduler was asked and failed; {@code why} says how. Strategies do not drain on it.
     *
     * @param why what went wrong, for notes and logs; becomes {@link #source()}
     * @return a failed forecast with no placements
     * @throws NullPointerException if {@code why} is null
     */
    public static DrainForecast failed(String why) {
        return new DrainForecast(Optional.empty(), Optional.empty(), why, true);
    }

    /**
     * True if the scheduler answered.
     *
     * @return true if both placements are present
     */
    public boolean known() {
        return baseline.isPresent();
    }

    /**
     * What the change would stop for good: each resource active somewhere without the change and
     * nowhere with it, and each resource promoted somewhere without the change and nowhere with it
     * (as {@code "<id> (promoted)"}). Empty when unknown.
     *
     * @return an immutable list of resource ids, the active ones first; empty when the change stops
     *     nothing or the forecast is unknown
     */
    public List<String> stranded() {
        if (!known()) {
            return List.of();
        }
        Placement b = baseline.get();
        Placement d = drained.get();
        List<String> out = new ArrayList<>();
        b.active().keySet().stream().filter(r -> d.nodesOf(r).isEmpty()).forEach(out::add);
        b.promoted().keySet().stream().filter(r -> d.nodesOf(r).isEmpty() ? false : !d.promoted().containsKey(r))
                .map(r -> r + " (promoted)").forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * True if a resource matching {@code which} is active on {@code node} without the change but not
     * with it; false when unknown.
     *
     * @param which selects the resource ids of interest
     * @param node  the node's name
     * @return true if the change stops such a resource on that node
     */
    public boolean stops(Predicate<String> which, String node) {
        if (!known()) {
            return false;
        }
        boolean before = baseline.get().resourcesOn(node).stream().anyMatch(which);
        boolean after = drained.get().resourcesOn(node).stream().anyMatch(which);
        return before && !after;
    }
}
