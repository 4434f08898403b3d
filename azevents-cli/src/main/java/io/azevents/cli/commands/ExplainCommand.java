package io.azevents.cli.commands;

import io.azevents.cli.wiring.AgentFactory;
import io.azevents.cli.text.DecisionText;
import io.azevents.cli.wiring.EnvConfig;
import io.azevents.cli.text.Json;
import io.azevents.cli.wiring.ProductionWiring;
import io.azevents.cli.wiring.Wiring;
import io.azevents.core.AgentConfig;
import io.azevents.core.AzEventsAgent;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.Decision;
import io.azevents.core.EventInitiator;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code azevents explain}: what the next monitor cycle on this node would do, and why; a dry run. */
@Command(name = "explain", synopsisHeading = Usage.SYNOPSIS_HEADING,
        header = "what the next monitor cycle on this node would do, and why",
        descriptionHeading = "%n",
        description = "Runs the next monitor cycle of this node's agent as a dry run, with the agent's parameters "
                + "from the CIB, and prints each action with its reason. With --event, as if Azure scheduled "
                + "such an event for this VM now. Writes nothing and approves nothing.",
        exitCodeList = {"0:ok", "2:usage error", "3:the cluster or IMDS could not be read"})
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    AzeventsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--event", paramLabel = "TYPE", completionCandidates = Common.EventTypes.class,
            description = "as if Azure scheduled an event of TYPE (${COMPLETION-CANDIDATES}) for this VM now")
    String event;

    @Mixin
    Common.JsonOption json;

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
        Optional<EventType> type = Optional.ofNullable(event).map(EventType::of);
        if (type.isPresent() && !type.get().isKnown()) {
            throw new ParameterException(spec.commandLine(), "unknown event type '" + event + "'; known: " + EventType.KNOWN);
        }
        cib.requireReadable();
        Map<String, String> env = Common.environment(root.env, cib, Optional.of(node));
        Wiring w = new ProductionWiring(env);
        Cluster.requireNode(spec, cib, node, w);
        String strategyName = Cluster.strategyFor(strategy.strategy(), w, env);
        Map<String, String> params = Cluster.agentParams(w, env);
        params.put("OCF_RESKEY_" + AgentConfig.STRATEGY, strategyName); // the strategy chosen above decides
        EnvConfig config = new EnvConfig(params, strategyName);
        AgentFactory factory = AgentFactory.of(config, w);
        ScheduledEventsService source = factory.source(Duration.ofSeconds(10), EnvConfig.stateDirectory(env));
        ClusterAttributeStore store = factory.store();
        AzEventsAgent agent = factory.agent(source, store, factory.strategy());
        Optional<ScheduledEvent> hypothetical = Optional.empty();
        UnaryOperator<ScheduledEventsDocument> whatIf = doc -> doc;
        if (type.isPresent()) {
            String vm = source.vmName();
            ScheduledEvent e = ScheduledEvent.of(UUID.randomUUID().toString(), type.get(),
                    Optional.of(Instant.now().plus(type.get().minimumNotice()).truncatedTo(ChronoUnit.SECONDS)), vm)
                    .withInitiator(EventInitiator.USER).withDescription("hypothetical event from azevents explain");
            hypothetical = Optional.of(e);
            whatIf = doc -> {
                List<ScheduledEvent> events = new ArrayList<>(doc.events());
                events.add(e);
                return new ScheduledEventsDocument(doc.incarnation() + 1, events);
            };
        }
        List<Decision> decisions = agent.dryRunCycle(whatIf);
        Decision d = decisions.get(decisions.size() - 1);
        PrintStream out = root.out;
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", d.strategy());
            m.put("node", d.localNode());
            m.put("hypotheticalEvent", hypothetical.map(ScheduledEvent::id).orElse(null));
            m.put("stateAfter", d.state().name());
            List<Object> steps = new ArrayList<>();
            for (Decision x : decisions) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("notes", x.notes());
                step.put("warnings", x.warnings());
                List<Object> actions = new ArrayList<>();
                x.actions().forEach(a -> actions.add(Map.of("action", DecisionText.action(a), "reason", a.reason())));
                step.put("actions", actions);
                steps.add(step);
            }
            m.put("decisions", steps);
            out.print(Json.write(m));
            return 0;
        }
        out.println("What the next monitor cycle on " + d.localNode() + " would do (strategy " + d.strategy() + ")"
                + hypothetical.map(e -> ",\nif Azure scheduled a " + e.type() + " (User) for " + e.resources().get(0)
                + " now, due " + e.notBefore().orElseThrow() + ":").orElse(":"));
        DecisionText.steps(decisions.get(0)).forEach(out::println);
        if (decisions.size() > 1) {
            out.println("Then, holding the claim, on the cluster read again:");
            DecisionText.steps(d).forEach(out::println);
        }
        out.println("State of " + d.localNode() + " after this cycle: " + d.state());
        out.println("(dry run: nothing was written or approved)");
        return 0;
    }
}
