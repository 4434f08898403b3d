package io.azevents.cli.ocf;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code observe_only=true}: a store and a source that read through to the real ones and carry out
 * nothing. Every write, claim and approval is kept in {@link #suppressed()} and answered as if it had
 * succeeded, so the agent decides exactly as it would (a won claim leads to the drain decision), and
 * the history records what it would have done. Nothing reaches the CIB or IMDS but reads.
 * One per process; not thread-safe.
 */
final class Shadow {
    private final List<String> suppressed = Collections.synchronizedList(new ArrayList<>());
    /** This cycle's suppressed writes and claims, which its later reads show as if they were made. */
    private final List<AttributeUpdate> overlay = new ArrayList<>();
    private final Map<String, Optional<Claim>> claims = new LinkedHashMap<>();

    /**
     * Forgets this cycle's suppressed changes: the next cycle reads the cluster as it really is, and
     * decides again what it would do (the history records each decision once).
     */
    void endCycle() {
        overlay.clear();
        claims.clear();
    }

    /** What was not done, in order, as lines. */
    List<String> suppressed() {
        return List.copyOf(suppressed);
    }

    ClusterAttributeStore store(ClusterAttributeStore real) {
        return new ClusterAttributeStore() {
            @Override
            public String localNodeName() {
                return real.localNodeName();
            }

            @Override
            public ClusterView readView() {
                // Within a cycle, a read after a suppressed claim shows the claim as won, as it would be,
                // so the decision that follows it (the drain) is taken and recorded too.
                ClusterView v = real.readView();
                return overlay.isEmpty() && claims.isEmpty() ? v : v.assuming(overlay, claims);
            }

            @Override
            public void write(List<AttributeUpdate> updates) {
                suppressed.add("write " + updates);
                overlay.addAll(updates);
            }

            @Override
            public boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
                suppressed.add("write " + updates + " under claim " + fence.id());
                overlay.addAll(updates);
                return true;
            }

            @Override
            public boolean tryAcquire(Claim claim) {
                suppressed.add("take claim " + claim.id());
                claims.put(claim.id(), Optional.of(claim));
                return true;
            }

            @Override
            public boolean release(Claim claim) {
                suppressed.add("release claim " + claim.id());
                claims.put(claim.id(), Optional.empty());
                return true;
            }

            @Override
            public DrainForecast forecastDrain(ClusterView view, List<AttributeUpdate> drain) {
                return real.forecastDrain(view, drain); // a private copy of the CIB: reads only
            }
        };
    }

    ScheduledEventsService source(ScheduledEventsService real) {
        return new ScheduledEventsService() {
            @Override
            public ScheduledEventsDocument fetch() {
                return real.fetch();
            }

            @Override
            public void approve(Set<String> eventIds) {
                suppressed.add("approve " + eventIds);
            }

            @Override
            public String vmName() {
                return real.vmName();
            }
        };
    }
}
