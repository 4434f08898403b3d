package io.azevents.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one monitor cycle decided, computed before anything is written: the state the local node
 * should be in, what was observed and why, and the actions to take. The same value serves the
 * real cycle, a dry run and {@code azevents explain}. Immutable; thread-safe.
 *
 * @param strategy  the strategy that decided
 * @param localNode the node the cycle ran for
 * @param state     the local node's state once the actions are done
 * @param notes     observations and reasons, in the order they were made
 * @param warnings  things an administrator should act on (also logged at WARN)
 * @param actions   the steps to take, in order; empty when there is nothing to do
 */
public record Decision(
        String strategy,
        String localNode,
        NodeState state,
        List<String> notes,
        List<String> warnings,
        List<PlannedAction> actions) {

    /**
     * Checks that every component is present and copies the lists.
     *
     * @param strategy  the name of the strategy that decided
     * @param localNode the node the cycle ran for
     * @param state     the local node's state once the actions are done
     * @param notes     observations and reasons, in order; copied; may be empty
     * @param warnings  things an administrator should act on; copied; may be empty
     * @param actions   the steps to take, in order; copied; empty when there is nothing to do
     * @throws NullPointerException if one is null or a list holds null
     */
    public Decision {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(localNode, "localNode");
        Objects.requireNonNull(state, "state");
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    }

    /**
     * True when the cycle changes nothing and approves nothing.
     *
     * @return true if there is no action
     */
    public boolean idle() {
        return actions.isEmpty();
    }

    /**
     * The approvals in this decision, in order.
     *
     * @return an immutable list; empty if the decision approves nothing
     */
    public List<PlannedAction.ApproveEvents> approvals() {
        return actions.stream().filter(PlannedAction.ApproveEvents.class::isInstance)
                .map(PlannedAction.ApproveEvents.class::cast).toList();
    }

    /**
     * Every attribute update in this decision, in order.
     *
     * @return an immutable list of the updates of every write, fenced or not; empty if there is none
     */
    public List<AttributeUpdate> updates() {
        return actions.stream().filter(PlannedAction.WriteAttributes.class::isInstance)
                .flatMap(a -> ((PlannedAction.WriteAttributes) a).updates().stream()).toList();
    }

    /**
     * The last update this decision makes to a node attribute. Its {@link AttributeUpdate#value()} is
     * the value written, or empty when the update deletes the attribute.
     *
     * @param node the node's name
     * @param name the attribute's name
     * @return the update, or empty if this decision leaves the attribute alone
     */
    public Optional<AttributeUpdate> lastUpdate(String node, String name) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
        Optional<AttributeUpdate> result = Optional.empty();
        for (AttributeUpdate u : updates()) {
            if (u.node().equals(Optional.of(node)) && u.name().equals(name)) {
                result = Optional.of(u);
            }
        }
        return result;
    }

    /**
     * A builder for strategies.
     *
     * @param strategy  the name of the deciding strategy
     * @param localNode the node the cycle runs for
     * @return a new builder, state {@link NodeState#AVAILABLE} and nothing else set
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String strategy, String localNode) {
        return new Builder(strategy, localNode);
    }

    /** Collects a decision step by step. Not thread-safe. */
    public static final class Builder {
        private final String strategy;
        private final String localNode;
        private NodeState state = NodeState.AVAILABLE;
        private final List<String> notes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<PlannedAction> actions = new ArrayList<>();

        private Builder(String strategy, String localNode) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            this.localNode = Objects.requireNonNull(localNode, "localNode");
        }

        /**
         * Sets the state the local node is in after this decision.
         *
         * @param s the state
         * @return this builder
         */
        public Builder state(NodeState s) {
            this.state = Objects.requireNonNull(s, "state");
            return this;
        }

        /**
         * Adds a note: one sentence on why the strategy decided as it did.
         *
         * @param text the note
         * @return this builder
         */
        public Builder note(String text) {
            notes.add(Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * Adds a warning: something an operator should look at, though the cycle goes on.
         *
         * @param text the warning
         * @return this builder
         */
        public Builder warn(String text) {
            warnings.add(Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * Adds an action; actions run in the order they are added.
         *
         * @param a the action
         * @return this builder
         */
        public Builder action(PlannedAction a) {
            actions.add(Objects.requireNonNull(a, "action"));
            return this;
        }

        /**
         * Adds a write of {@code updates}, unless it is empty.
         *
         * @param updates the updates to write in one transaction; empty adds nothing
         * @param reason  why, in words an administrator understands; must not be blank
         * @return this builder
         * @throws IllegalArgumentException if {@code updates} is not empty and the reason is blank
         */
        public Builder write(List<AttributeUpdate> updates, String reason) {
            if (!updates.isEmpty()) {
                actions.add(new PlannedAction.WriteAttributes(updates, reason));
            }
            return this;
        }

        /**
         * Adds a write of {@code updates} that lands only while the cluster holds {@code fence}, unless it is empty.
         *
         * @param updates the updates to write in one transaction; empty adds nothing
         * @param fence   the claim that must still be held, exactly, when the write lands
         * @param reason  why, in words an administrator understands; must not be blank
         * @return this builder
         * @throws IllegalArgumentException if {@code updates} is not empty and the reason is blank
         */
        public Builder writeFenced(List<AttributeUpdate> updates, Claim fence, String reason) {
            if (!updates.isEmpty()) {
                actions.add(new PlannedAction.WriteAttributes(updates, reason, Optional.of(fence)));
            }
            return this;
        }

        /**
         * Makes the decision.
         *
         * @return the decision
         */
        public Decision build() {
            return new Decision(strategy, localNode, state, notes, warnings, actions);
        }
    }
}
