package io.azevents.cli.wiring;

import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ScheduledEventsService;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the adapters the commands need; by hand, no container, nothing reflective. */
public interface Wiring {
    /** The scheduled-events source for this VM, caching what it may under {@code stateDir}. */
    ScheduledEventsService source(EnvConfig config, Duration deadline, Path stateDir);

    /** The cluster store for the local node. */
    ClusterAttributeStore store(EnvConfig config);

    /** The whole CIB as XML, for the configuration checks. */
    String queryCib();
}
