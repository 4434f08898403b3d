package io.azevents.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.ActionOutcome.Result;
import io.azevents.core.spi.CycleInput;
import io.azevents.core.spi.NodeDrainStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The engine on its own, with small recording ports: the fakes of the test kit depend on core,
 * so core's own test uses these minimal ones.
 */
class AzEventsAgentTest {
    private static final String ID = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";

    /** A store that records every call. */
    static final class RecordingStore implements ClusterAttributeStore {
        final List<String> calls = new ArrayList<>();
        Map<String, String> node1 = new java.util.HashMap<>(Map.of("state", "AVAILABLE"));
        boolean claimFree = true;
        RuntimeException failWrite;

        @Override
        public String localNodeName() {
            return "node1";
        }

        @Override
        public ClusterView readView() {
            calls.add("read");
            return new ClusterView("node1", List.of(new ClusterNode("node1", true, false, node1, Map.of(), List.of(), 0)),
                    Map.of(), Map.of(), "1");
        }

        @Override
        public void write(List<AttributeUpdate> updates) {
            calls.add("write " + updates);
            if (failWrite != null) {
                throw failWrite;
            }
        }

        @Override
        public boolean tryAcquire(Claim claim) {
            calls.add("acquire " + claim.id());
            return claimFree;
        }

        @Override
        public boolean release(Claim claim) {
            calls.add("release " + claim.id());
            return true;
        }
    }

    static final class RecordingSource implements ScheduledEventsService {
        final List<Set<String>> approvals = new ArrayList<>();

        @Override
        public ScheduledEventsDocument fetch() {
            return new ScheduledEventsDocument(3, List.of(
                    ScheduledEvent.of(ID, EventType.REBOOT, Optional.empty(), "vm1")));
        }

        @Override
        public void approve(Set<String> eventIds) {
            approvals.add(eventIds);
        }

        @Override
        public String vmName() {
            return "vm1";
        }
    }

    private static NodeDrainStrategy plan(Function<CycleInput, List<PlannedAction>> actions) {
        return new NodeDrainStrategy() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Decision decide(CycleInput input) {
                Decision.Builder b = Decision.builder("test", input.localNode());
                actions.apply(input).forEach(b::action);
                return b.build();
            }
        };
    }

    private static final Claim CLAIM = new Claim("azevents-drain", "node1", Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    @DisplayName("a cycle reads once, then writes and approves in the decided order")
    void order() {
        RecordingStore store = new RecordingStore();
        RecordingSource source = new RecordingSource();
        AzEventsAgent agent = new AzEventsAgent(source, store, plan(in -> List.of(
                new PlannedAction.AcquireClaim(CLAIM, "serialise drains"),
                new PlannedAction.WriteAttributes(List.of(AttributeUpdate.set("node1", "state", "IN_EVENT")), "drained"),
                new PlannedAction.ApproveEvents(Set.of(ID), "node is empty"))));

        CycleReport report = agent.runCycle();

        assertThat(store.calls).containsExactly("read", "acquire azevents-drain", "write [node1:state=IN_EVENT]");
        assertThat(source.approvals).containsExactly(Set.of(ID));
        assertThat(report.outcomes()).extracting(ActionOutcome::result).containsOnly(Result.DONE);
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    @DisplayName("a write the cluster already holds is not sent: an idle cycle writes nothing")
    void noOpWrite() {
        RecordingStore store = new RecordingStore();
        AzEventsAgent agent = new AzEventsAgent(new RecordingSource(), store, plan(in -> List.of(
                new PlannedAction.WriteAttributes(List.of(AttributeUpdate.set("node1", "state", "AVAILABLE")), "same"))));

        CycleReport report = agent.runCycle();

        assertThat(store.calls).containsExactly("read");
        assertThat(report.outcomes()).extracting(ActionOutcome::result).containsExactly(Result.UNCHANGED);
    }

    @Test
    @DisplayName("a lost claim stops the plan: nothing after it is written or approved")
    void lostClaim() {
        RecordingStore store = new RecordingStore();
        store.claimFree = false;
        RecordingSource source = new RecordingSource();
        AzEventsAgent agent = new AzEventsAgent(source, store, plan(in -> List.of(
                new PlannedAction.AcquireClaim(CLAIM, "serialise drains"),
                new PlannedAction.WriteAttributes(List.of(AttributeUpdate.set("node1", "state", "STOPPING")), "drain"),
                new PlannedAction.ApproveEvents(Set.of(ID), "go"))));

        CycleReport report = agent.runCycle();

        assertThat(report.outcomes()).extracting(ActionOutcome::result)
                .containsExactly(Result.CLAIM_LOST, Result.SKIPPED, Result.SKIPPED);
        assertThat(store.calls).noneMatch(c -> c.startsWith("write"));
        assertThat(source.approvals).isEmpty();
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    @DisplayName("a failed write stops the plan before the approval and is reported with its message")
    void failedWrite() {
        RecordingStore store = new RecordingStore();
        store.failWrite = new ClusterStoreException("cibadmin exited 1: Update does not conform");
        RecordingSource source = new RecordingSource();
        AzEventsAgent agent = new AzEventsAgent(source, store, plan(in -> List.of(
                new PlannedAction.WriteAttributes(List.of(AttributeUpdate.set("node1", "state", "IN_EVENT")), "drained"),
                new PlannedAction.ApproveEvents(Set.of(ID), "go"))));

        CycleReport report = agent.runCycle();

        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure().orElseThrow().detail()).contains("cibadmin exited 1: Update does not conform");
        assertThat(report.outcomes().get(1).result()).isEqualTo(Result.SKIPPED);
        assertThat(source.approvals).isEmpty();
    }

    @Test
    @DisplayName("a dry run decides on the same input, writes and approves nothing, and can add a hypothetical event")
    void dryRun() {
        RecordingStore store = new RecordingStore();
        RecordingSource source = new RecordingSource();
        List<Integer> seen = new ArrayList<>();
        AzEventsAgent agent = new AzEventsAgent(source, store, plan(in -> {
            seen.add(in.document().events().size());
            return List.of(new PlannedAction.ApproveEvents(Set.of(ID), "go"));
        }));

        Decision d = agent.dryRun(doc -> {
            List<ScheduledEvent> more = new ArrayList<>(doc.events());
            more.add(ScheduledEvent.of("0c3a4c4d-9999-4a4a-9b9b-0123456789ab", EventType.REBOOT, Optional.empty(), "vm1"));
            return new ScheduledEventsDocument(doc.incarnation(), more);
        });

        assertThat(d.approvals()).hasSize(1);
        assertThat(seen).containsExactly(2);
        assertThat(store.calls).containsExactly("read");
        assertThat(source.approvals).isEmpty();
    }

    @Test
    @DisplayName("a listener hears the decision and every outcome, and cannot break the cycle")
    void listener() {
        List<String> heard = new ArrayList<>();
        AzEventsAgent agent = new AzEventsAgent(new RecordingSource(), new RecordingStore(), plan(in -> List.of(
                new PlannedAction.WriteAttributes(List.of(AttributeUpdate.set("node1", "state", "STOPPING")), "drain"))))
                .withListener(new CycleListener() {
                    @Override
                    public void decided(Decision decision) {
                        heard.add("decided");
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void acted(ActionOutcome outcome) {
                        heard.add(outcome.result().name());
                    }
                });

        assertThat(agent.runCycle().succeeded()).isTrue();
        assertThat(heard).containsExactly("decided", "DONE");
    }

    @Test
    @DisplayName("a plan that ends by winning a claim is decided again at once on a fresh view, once")
    void continuation() {
        RecordingStore store = new RecordingStore();
        List<Integer> decisions = new ArrayList<>();
        AzEventsAgent agent = new AzEventsAgent(new RecordingSource(), store, plan(in -> {
            decisions.add(decisions.size());
            return List.of(new PlannedAction.AcquireClaim(CLAIM, "serialise drains"));
        }));

        CycleReport report = agent.runCycle();

        assertThat(decisions).hasSize(2);
        assertThat(store.calls).containsExactly("read", "acquire azevents-drain", "read", "acquire azevents-drain");
        assertThat(report.decisions()).hasSize(2);
        assertThat(report.allOutcomes()).hasSize(2);
        assertThat(report.continuation()).isPresent();
    }

    @Test
    @DisplayName("a lost claim is not followed by a second decision")
    void noContinuationWhenLost() {
        RecordingStore store = new RecordingStore();
        store.claimFree = false;
        AzEventsAgent agent = new AzEventsAgent(new RecordingSource(), store, plan(in -> List.of(
                new PlannedAction.AcquireClaim(CLAIM, "serialise drains"))));

        CycleReport report = agent.runCycle();

        assertThat(report.continuation()).isEmpty();
        assertThat(store.calls).containsExactly("read", "acquire azevents-drain");
    }

    @Test
    @DisplayName("a dry run of a plan that takes a claim also shows the decision on the view with the claim won")
    void dryRunLooksPastTheClaim() {
        RecordingStore store = new RecordingStore();
        List<Map<String, Claim>> seen = new ArrayList<>();
        AzEventsAgent agent = new AzEventsAgent(new RecordingSource(), store, plan(in -> {
            seen.add(in.view().claims());
            return in.view().claims().isEmpty()
                    ? List.of(new PlannedAction.WriteAttributes(List.of(AttributeUpdate.set("node1", "state", "X")), "w"),
                            new PlannedAction.AcquireClaim(CLAIM, "serialise"))
                    : List.of();
        }));

        List<Decision> decisions = agent.dryRunCycle(d -> d);

        assertThat(decisions).hasSize(2);
        assertThat(seen.get(1)).containsKey("azevents-drain");
        assertThat(store.calls).containsExactly("read");
    }
}
