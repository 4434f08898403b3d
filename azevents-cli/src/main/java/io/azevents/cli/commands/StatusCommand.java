package io.azevents.cli.commands;

import io.azevents.cli.wiring.AgentFactory;
import io.azevents.cli.wiring.Plugins;
import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.history.HistoryFiles;
import io.azevents.cli.text.Json;
import io.azevents.cli.text.Text;
import io.azevents.cli.wiring.ProductionWiring;
import io.azevents.cli.text.StatusView;
import io.azevents.cli.wiring.Wiring;
import io.azevents.core.AzEventsException;
import io.azevents.core.ClusterView;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code azevents status}: every node's agent state, health, pending events and claims. */
@Command(name = "status", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "every node's agent state, health, pending events and claims",
        descriptionHeading = "%n",
        description = "Shows every node of the cluster as the agent sees it: its state, its #health-azure, "
                + "its pending events, whether it could take resources now (and why not), the claims held, "
                + "and the events IMDS shows this VM. Writes nothing.",
        exitCodeList = {"0:ok", "2:usage error", "3:the cluster could not be read"})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Common.JsonOption json;

    @Option(names = "--no-imds", description = "do not ask IMDS for this VM's events")
    boolean noImds;

    @Mixin
    Common.StrategyOption strategy;

    @Mixin
    Common.CibFileOption cib;

    @Mixin
    Common.NodeOptions node;

    @Mixin
    Common.HelpOption help;

    @Override
    public Integer call() {
        cib.requireReadable();
        Map<String, String> env = Common.environment(root.env, cib, Optional.of(node));
        Wiring w = new ProductionWiring(env);
        Cluster.requireNode(spec, cib, node, w);
        String strategyName = Cluster.strategyFor(strategy.strategy(), w, env);
        EnvConfig config = new EnvConfig(env, strategyName);
        AgentFactory factory = AgentFactory.of(config, w);
        ClusterView view = factory.store().readView();
        Optional<ScheduledEventsDocument> doc = Optional.empty();
        Optional<String> vm = Optional.empty();
        Optional<String> problem = Optional.of("--no-imds");
        if (!noImds) {
            try {
                ScheduledEventsService source = factory.source(Duration.ofSeconds(5), EnvConfig.stateDirectory(env));
                vm = Optional.of(source.vmName());
                doc = Optional.of(source.fetch());
            } catch (AzEventsException ex) {
                problem = Optional.of("IMDS: " + ex.getMessage());
            }
        }
        Map<String, Object> model = StatusView.model(Plugins.installed(env).strategies(), strategyName, view, doc, vm, Instant.now());
        HistoryFiles history = HistoryFiles.from(env);
        if (json.json) {
            model = new java.util.LinkedHashMap<>(model);
            model.put("history", history.dir().toString());
            root.out.print(Json.write(model));
        } else {
            root.out.print(StatusView.text(model, problem));
            Text.wrap("", "What this node's agent did and why: azevents history (kept in " + history.dir()
                    + "); its counters: azevents metrics.").forEach(root.out::println);
        }
        return 0;
    }
}
