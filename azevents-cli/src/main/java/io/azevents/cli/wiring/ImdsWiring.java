package io.azevents.cli.wiring;

import io.azevents.core.ScheduledEventsService;
import io.azevents.imds.ImdsConfig;
import io.azevents.imds.ImdsScheduledEventsService;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the IMDS adapter from the agent's configuration. */
final class ImdsWiring {
    private ImdsWiring() {
    }

    static ScheduledEventsService source(EnvConfig config, Duration deadline, Path stateDir) {
        return new ImdsScheduledEventsService(ImdsConfig.builder()
                .from(config)
                .baseUrl(config.imdsUrl())
                .deadline(deadline)
                .vmNameCache(stateDir.resolve("azevents-vmname"))
                .failureState(stateDir.resolve("azevents-imds-failure"))
                .build());
    }
}
