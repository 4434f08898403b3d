package io.azevents.cli.wiring;

import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ScheduledEventsService;
import io.azevents.pacemaker.CommandFailedException;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.CrmClusterAttributeStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The real adapters: IMDS over HTTP, Pacemaker's CLIs (on the live cluster or {@code CIB_file}). */
public final class ProductionWiring implements Wiring {
    private final Map<String, String> env;

    public ProductionWiring(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public ScheduledEventsService source(EnvConfig config, Duration deadline, Path stateDir) {
        return ImdsWiring.source(config, deadline, stateDir);
    }

    @Override
    public ClusterAttributeStore store(EnvConfig config) {
        CrmClusterAttributeStore.Builder b = CrmClusterAttributeStore.builder().environment(env);
        String cibFile = env.get("CIB_file");
        if (cibFile != null && !cibFile.isBlank()) {
            b.cibFile(Path.of(cibFile));
        }
        return b.build();
    }

    @Override
    public String queryCib() {
        String cibFile = env.get("CIB_file");
        Map<String, String> extra = cibFile == null ? Map.of() : Map.of("CIB_file", cibFile);
        List<String> argv = List.of("cibadmin", "--query");
        CommandRunner.Result r = CommandRunner.local().run(argv, extra, Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new CommandFailedException(argv, r.exitCode(), r.stderr());
        }
        return r.stdout();
    }
}
