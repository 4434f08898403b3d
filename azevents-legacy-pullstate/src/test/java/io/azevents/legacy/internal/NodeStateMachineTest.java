package io.azevents.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.NodeState;
import io.azevents.legacy.internal.NodeStateMachine.Facts;
import io.azevents.legacy.internal.NodeStateMachine.Standby;
import io.azevents.legacy.internal.NodeStateMachine.Step;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state machine as a table: (state, what the cycle sees) → (next state, standby, written?). */
class NodeStateMachineTest {
    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String B = "00000000-0000-4000-8000-00000000000b";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                                | recorded  | local | standby | pending | live | peer  | approvable | next      | standby | changed
        no state and no event: nothing to do                  | -         | true  | false   |         |      | true  | false      | AVAILABLE | KEEP    | false
        available without events stays, nothing written       | AVAILABLE | false | false   |         |      | true  | false      | AVAILABLE | KEEP    | false
        stale pending ids on an available node are cleared   | AVAILABLE | false | false   | A       |      | true  | false      | AVAILABLE | KEEP    | true
        own event with a peer available: drain (standby on)   | AVAILABLE | true  | false   |         | A    | true  | false      | STOPPING  | ON      | true
        missing state counts as available and drains          | -         | true  | false   |         | A    | true  | false      | STOPPING  | ON      | true
        own event and no peer available: ON_HOLD              | AVAILABLE | true  | false   |         | A    | false | false      | ON_HOLD   | KEEP    | true
        remote event on an available peer: its own agent acts | AVAILABLE | false | false   |         | A    | true  | false      | AVAILABLE | KEEP    | false
        administrator's standby is never taken over           | AVAILABLE | true  | true    |         | A    | true  | false      | AVAILABLE | KEEP    | false
        administrator's standby on a remote node: left alone  | AVAILABLE | false | true    |         | A    | true  | true       | AVAILABLE | KEEP    | false
        ON_HOLD re-examined: a peer came back, drain now      | ON_HOLD   | true  | false   |         | A    | true  | false      | STOPPING  | ON      | true
        ON_HOLD re-examined: still nobody, stays              | ON_HOLD   | true  | false   |         | A    | false | false      | ON_HOLD   | KEEP    | false
        ON_HOLD of a peer whose event is gone: hold lifted    | ON_HOLD   | false | false   |         |      | false | false      | AVAILABLE | KEEP    | true
        ON_HOLD of a peer with its event: its own agent acts  | ON_HOLD   | false | false   |         | A    | true  | false      | ON_HOLD   | KEEP    | false
        remote STOPPING still running resources: wait         | STOPPING  | false | true    | A       | A    | true  | false      | STOPPING  | KEEP    | false
        remote STOPPING empty and idle: IN_EVENT (approved)   | STOPPING  | false | true    | A       | A    | true  | true       | IN_EVENT  | KEEP    | true
        event arriving during a drain joins the pending set   | STOPPING  | false | true    | A       | A B  | true  | false      | STOPPING  | KEEP    | true
        orphaned STOPPING (event gone) restored by a peer     | STOPPING  | false | true    | A       |      | true  | false      | AVAILABLE | OFF     | true
        own STOPPING without standby (old agent): standby on  | STOPPING  | true  | false   | A       | A    | true  | false      | STOPPING  | ON      | true
        own STOPPING without standby, no peer: ON_HOLD        | STOPPING  | true  | false   | A       | A    | false | false      | ON_HOLD   | KEEP    | true
        remote STOPPING without standby: its own agent acts   | STOPPING  | false | false   | A       | A    | true  | false      | STOPPING  | KEEP    | false
        IN_EVENT while its event lives: stays                 | IN_EVENT  | false | true    | A       | A    | true  | false      | IN_EVENT  | KEEP    | false
        IN_EVENT: a new event joins the pending set           | IN_EVENT  | false | true    | A       | A B  | true  | false      | IN_EVENT  | KEEP    | true
        IN_EVENT and its event is over: a peer brings it back | IN_EVENT  | false | true    | A       |      | true  | false      | AVAILABLE | OFF     | true
        orphaned IN_EVENT (unknown pending id) restored       | IN_EVENT  | false | true    | B       |      | false | false      | AVAILABLE | OFF     | true
        IN_EVENT on the local node itself also recovers       | IN_EVENT  | true  | true    | A       |      | true  | false      | AVAILABLE | OFF     | true
        """)
    void transition(String name, String recorded, boolean local, boolean standby, String pending, String live,
                    boolean peer, boolean approvable, NodeState next, Standby standbyAction, boolean changed) {
        Facts f = new Facts("node1", local, recorded.equals("-") ? Optional.empty() : NodeState.parse(recorded),
                standby, ids(pending), ids(live), peer, approvable);

        Step s = NodeStateMachine.next(f);

        assertThat(s.next()).as("next state").isEqualTo(next);
        assertThat(s.standby()).as("standby").isEqualTo(standbyAction);
        assertThat(s.changed()).as("changed").isEqualTo(changed);
        assertThat(s.reason()).as("reason").contains("node1").hasSizeGreaterThan(20);
        if (next == NodeState.STOPPING || next == NodeState.IN_EVENT) {
            assertThat(s.pending()).as("pending = the live events").isEqualTo(ids(live));
        }
        if (next == NodeState.AVAILABLE && (standbyAction == Standby.OFF || f.live().isEmpty())) {
            assertThat(s.pending()).as("pending cleared").isEmpty();
        }
    }

    private static Set<String> ids(String symbols) {
        if (symbols == null || symbols.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(symbols.trim().split("\\s+")).map(x -> x.equals("A") ? A : B).collect(Collectors.toSet());
    }
}
