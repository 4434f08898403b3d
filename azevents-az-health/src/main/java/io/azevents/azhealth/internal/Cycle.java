package io.azevents.azhealth.internal;

import io.azevents.core.safety.EventWords;
import static io.azevents.core.AttributeUpdate.delete;
import static io.azevents.core.AttributeUpdate.set;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterNode;
import io.azevents.core.Decision;
import io.azevents.core.DrainForecast;
import io.azevents.core.EventStatus;
import io.azevents.core.NodeState;
import io.azevents.core.PlannedAction;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.safety.ClusterSafety;
import io.azevents.core.safety.NodeRecord;
import io.azevents.core.safety.VmDirectory;
import io.azevents.core.spi.CycleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One decision of the az-health state machine, for the local node only (a node never writes another
 * node's attributes). Every state change goes through {@link #transitionTo}, which writes the state,
 * the pending ids and {@code #health-azure} together in one transaction, so that a cycle killed at
 * any point leaves a state the next cycle continues from.
 *
 * <p>Admission: a node drains only while it holds the cluster-wide claim {@value Keys#CLAIM_ID},
 * and only on a view read after it took the claim (so the next cycle): the claim is given back in
 * the same plan that writes the drain, so whoever takes it next reads a cluster that shows the
 * drain. Not thread-safe; one per {@code decide} call.
 */
final class Cycle {
    private final CycleInput in;
    private final Settings settings;
    private final ClusterSafety safety;
    private final VmDirectory vms;
    private final ClusterNode me;
    private final String local;
    private final Instant now;
    private final NodeState current;
    /** The agent drained this node and owns its {@code #health-azure} until it is AVAILABLE again. */
    private final boolean owned;
    private final OwnEvents events;
    private final Decision.Builder b;
    private NodeState next;
    /** The claim the drain write is fenced by, while one is being written under it. */
    private Optional<Claim> fence = Optional.empty();

    Cycle(CycleInput in, Settings settings) {
        this.in = in;
        this.settings = settings;
        this.safety = new ClusterSafety(in.view(), Keys.NAMES, r -> settings.agentResources().matcher(r).matches(),
                AzHealthStrategy.REQUIRED_NODE_ATTRIBUTES);
        this.vms = VmDirectory.read(in.view(), in.vmName());
        this.me = in.local();
        this.local = in.localNode();
        this.now = in.now();
        this.current = NodeRecord.read(me, Keys.NAMES).current();
        // Owned: the agent drained the node. An upstream restore killed half-way leaves AVAILABLE with
        // pending ids and -1000000; a stale lastDocVersion alone beside an administrator's own negative
        // health is not the agent's drain, and is never restored.
        this.owned = current == NodeState.STOPPING || current == NodeState.IN_EVENT
                || (current == NodeState.AVAILABLE && me.permanentAttribute(Keys.PENDING).isPresent()
                        && permanentHealthNegative());
        this.events = OwnEvents.of(in, settings);
        this.b = Decision.builder(AzHealthStrategy.NAME, local);
        this.next = current;
    }

    Decision decide() {
        b.note(local + " (VM " + in.vmName() + ") is " + current + (owned ? ", drained by the agent" : "")
                + "; document incarnation " + in.document().incarnation() + " lists "
                + in.document().eventsFor(in.vmName()).size() + " event(s) for " + in.vmName());
        checkAttributes();
        vms.problems().forEach(b::warn);
        recordIdentity();
        events.notes().forEach(b::note);
        in.document().quarantinedFor(in.vmName()).forEach(q -> b.note("event " + q.rawId() + " for "
                + in.vmName() + " failed validation and is quarantined (" + q.reason() + "): it is neither "
                + "drained for nor approved; the document's other events count as usual"));
        if (owned) {
            whileDrained();
        } else {
            whileServing();
        }
        approveShortFreezes();
        return b.state(next).build();
    }

    /** AVAILABLE or ON_HOLD: the node serves; it drains only with the claim and a node to take over. */
    private void whileServing() {
        Optional<Claim> mine = claim().filter(c -> c.owner().equals(local));
        if (events.drain().isEmpty()) {
            if (current == NodeState.ON_HOLD) {
                transitionTo(NodeState.AVAILABLE, local + " was on hold for an event that is gone; nothing was "
                        + "drained, so only its state goes back to AVAILABLE");
            } else if (hasLeftovers()) {
                transitionTo(NodeState.AVAILABLE, "clears the pending event ids and document version left on "
                        + local + ", which is not drained");
            } else {
                b.note(local + " has no event to handle");
            }
            mine.ifPresent(c -> release(c, local + " no longer needs the drain claim: it has no event to drain for"));
            return;
        }
        b.note(eventsSummary());
        if (me.status().maintenance()) {
            hold(local + " is in maintenance: Pacemaker would move nothing off it", mine);
            return;
        }
        ClusterSafety.Takers takers = safety.takers(local);
        if (takers.none()) {
            String because = takers.reasons().isEmpty() ? local + " is the cluster's only node"
                    : EventWords.list(takers.reasons());
            hold("no other node can take " + local + "'s resources (" + because + ")", mine);
            return;
        }
        String who = EventWords.list(takers.nodes()) + " can take the resources";
        Optional<Claim> held = claim();
        if (held.isPresent() && !held.get().owner().equals(local) && !held.get().expiredAt(now)) {
            b.note(held.get().owner() + " holds the drain claim (until " + held.get().expiresAt() + "), so it may be "
                    + "about to drain; " + local + " waits for its turn and decides again next cycle");
            warnIfDueSoon(local + " still waits for its turn to drain");
            return;
        }
        // The scheduler's word on this very drain: would everything that runs still have a place?
        DrainForecast forecast = in.forecast(drainUpdates());
        Optional<String> refusal = safety.refusal(local, forecast, ClusterSafety.AgentOnDrainedNode.STAYS);
        if (refusal.isPresent()) {
            hold(refusal.get(), mine);
            return;
        }
        if (forecast.known()) {
            who += " (the scheduler, " + forecast.source() + ", finds a place for everything that runs here)";
        }
        if (mine.isPresent() && fresh(mine.get())) {
            fence = mine;
            transitionTo(NodeState.STOPPING, eventsSummary() + "; " + who + "; draining " + local + " ("
                    + Keys.HEALTH + "=" + Keys.DRAINED + ")");
            fence = Optional.empty();
            release(mine.get(), local + "'s drain is written, so every other node now counts it out; "
                    + "the drain claim is given back");
            return;
        }
        held.ifPresent(c -> release(c, c.owner().equals(local)
                ? local + "'s own drain claim is too close to its expiry (" + c.expiresAt() + ") to drain on; "
                        + "taking a fresh one"
                : "the drain claim of " + c.owner() + " expired at " + c.expiresAt()
                        + " (its agent stopped before finishing); removing it"));
        b.action(new PlannedAction.AcquireClaim(new Claim(Keys.CLAIM_ID, local, now.plus(settings.claimLease())),
                eventsSummary() + "; " + who + ". " + local + " takes the drain claim so that no other node "
                        + "drains at the same moment; holding it, it reads the cluster again and drains if another node can still take over"));
        warnIfDueSoon(local + " is not drained yet");
    }

    /** Keeps the node serving (ON_HOLD) because it cannot be drained safely now, and says why. */
    private void hold(String why, Optional<Claim> mine) {
        transitionTo(NodeState.ON_HOLD, why + "; " + local + " keeps its resources, is not drained, and looks "
                + "again every cycle");
        if (current != NodeState.ON_HOLD) {
            b.warn(local + " cannot be drained for " + EventWords.list(events.drain().stream().map(EventWords::event).toList())
                    + ": " + why);
        }
        warnIfDueSoon("it cannot be drained (" + why + "); its resources will stop abruptly when it starts");
        mine.ifPresent(c -> release(c, local + " gives the drain claim back: it cannot drain now"));
    }

    /** The updates that would drain this node now, as {@link #transitionTo} writes them for STOPPING. */
    private List<AttributeUpdate> drainUpdates() {
        return List.of(set(local, Keys.STATE, NodeState.STOPPING.name()),
                set(local, Keys.PENDING, String.join(",", events.drainIds())),
                set(local, Keys.HEALTH, Keys.DRAINED));
    }

    /** STOPPING or IN_EVENT: the node is drained; approve when it is empty, restore when its events are gone. */
    private void whileDrained() {
        Optional<Claim> mine = claim().filter(c -> c.owner().equals(local));
        if (events.drain().isEmpty()) {
            if (me.pendingOperations() > 0) {
                b.note("the events " + local + " was drained for are over, but " + me.pendingOperations()
                        + " operation(s) are still pending on it; it stays drained until they finish");
            } else {
                transitionTo(NodeState.AVAILABLE, "no relevant event names " + in.vmName() + " any more: the events "
                        + local + " was drained for are over; " + restoreValue().map(v -> "restoring " + Keys.HEALTH
                        + "=" + v + " so that its resources can come back").orElse("removing " + Keys.HEALTH
                        + ", which it did not have before the drain (so, as before, nothing runs there until an "
                        + "administrator sets it)"));
            }
            mine.ifPresent(c -> release(c, local + " no longer needs the drain claim"));
            return;
        }
        b.note(eventsSummary());
        List<String> work = safety.work(me);
        boolean unhealthy = me.healthValue(Keys.HEALTH).orElse(0) < 0;
        boolean empty = work.isEmpty() && unhealthy;
        List<ScheduledEvent> approvable = empty ? approvable() : List.of();
        boolean inEvent = current == NodeState.IN_EVENT
                || (empty && (!approvable.isEmpty() || !events.anyScheduled()));
        String reason;
        if (inEvent && current != NodeState.IN_EVENT) {
            reason = local + " is empty (nothing runs there but the agent, no operation pending)"
                    + (approvable.isEmpty() ? " and its events have already started" : "; its events can start");
        } else {
            reason = "keeps " + local + " drained for " + EventWords.list(events.drain().stream().map(EventWords::event).toList());
        }
        transitionTo(inEvent ? NodeState.IN_EVENT : NodeState.STOPPING, reason);
        if (!unhealthy) {
            b.note(local + " is not unhealthy yet as Pacemaker reads it; waiting for " + Keys.HEALTH + "="
                    + Keys.DRAINED + " to take effect before approving");
        }
        if (!work.isEmpty()) {
            if (current == NodeState.IN_EVENT) {
                b.warn(local + " is IN_EVENT but runs " + EventWords.list(work) + "; is " + Keys.HEALTH
                        + " overridden or the location rule missing?");
            } else {
                b.note(local + " still runs " + EventWords.list(work) + "; waiting for Pacemaker to move them before "
                        + "approving");
            }
            warnIfDueSoon(local + " still runs " + EventWords.list(work) + ": the drain may not finish before it starts");
        }
        if (!approvable.isEmpty()) {
            List<String> ids = approvable.stream().map(ScheduledEvent::id).toList();
            b.action(new PlannedAction.ApproveEvents(new TreeSet<>(ids), "asks Azure to start "
                    + EventWords.list(approvable.stream().map(EventWords::event).toList()) + " now: every cluster node "
                    + "it names is drained, empty and has no pending operation"));
            writeIfChanged(List.of(set(local, Keys.LAST_DOC, Long.toString(in.document().incarnation()))),
                    "records document incarnation " + in.document().incarnation() + ", whose events " + local
                            + " approved (as azure-events-az does; no decision depends on it)");
        }
        mine.ifPresent(c -> release(c, local + " is drained; the drain claim it still held is given back"));
    }

    /**
     * The one place a state changes: writes the target state with the attributes that go with it,
     * all in one transaction, and records why. Values already in the cluster are not written.
     */
    private void transitionTo(NodeState to, String reason) {
        List<AttributeUpdate> u = new ArrayList<>();
        u.add(set(local, Keys.STATE, to.name()));
        switch (to) {
            case STOPPING, IN_EVENT -> {
                u.add(set(local, Keys.PENDING, String.join(",", events.drainIds())));
                if (!owned) {
                    // An administrator's own health value is kept, to be put back instead of 0; so is its
                    // absence, which the restore keeps rather than letting resources onto the node.
                    Optional<String> had = me.permanentAttribute(Keys.HEALTH);
                    if (had.isEmpty()) {
                        u.add(set(local, Keys.HEALTH_BEFORE, Keys.WAS_UNSET));
                    } else if (had.get().trim().equals(Keys.RESTORED)) {
                        u.add(delete(local, Keys.HEALTH_BEFORE));
                    } else {
                        u.add(set(local, Keys.HEALTH_BEFORE, had.get()));
                    }
                }
                u.add(set(local, Keys.HEALTH, Keys.DRAINED));
            }
            case ON_HOLD -> {
                u.add(delete(local, Keys.PENDING));
                u.add(delete(local, Keys.LAST_DOC));
            }
            case AVAILABLE -> {
                u.add(delete(local, Keys.PENDING));
                u.add(delete(local, Keys.LAST_DOC));
                if (owned) {
                    u.add(restoreValue().map(v -> set(local, Keys.HEALTH, v)).orElseGet(() -> delete(local, Keys.HEALTH)));
                    u.add(delete(local, Keys.HEALTH_BEFORE));
                }
            }
            default -> throw new IllegalStateException("unknown state " + to);
        }
        writeIfChanged(u, reason);
        b.note(to == current ? reason : local + ": " + current + " -> " + to + ": " + reason);
        next = to;
    }

    /**
     * Scheduled events to drain for whose cluster nodes are all drained and empty (the local one is).
     * A VM that maps to no node blocks the approval while some node's VM is unknown: it may be that node.
     * A node named by the event that runs anything (even offline or unclean, as Pacemaker counts it), or
     * that could still be given resources, blocks it too.
     */
    private List<ScheduledEvent> approvable() {
        List<String> unknown = vms.unmappedNodes().stream().filter(n -> !n.equals(local)).toList();
        List<ScheduledEvent> out = new ArrayList<>();
        for (ScheduledEvent e : events.drain()) {
            if (!e.status().equals(EventStatus.SCHEDULED)) {
                continue;
            }
            List<String> blockers = new ArrayList<>();
            VmDirectory.Resolution named = vms.resolve(e);
            if (!named.unknownVms().isEmpty() && !unknown.isEmpty()) {
                blockers.add("VM(s) " + EventWords.list(named.unknownVms()) + " may belong to " + EventWords.list(unknown)
                        + ", whose agent has not recorded its " + Keys.AZ_NAME + " yet");
            }
            for (String node : named.nodes()) {
                if (node.equals(local)) {
                    continue;
                }
                ClusterNode other = in.view().node(node).orElseThrow();
                String vm = vms.vmOf(node).orElse("?");
                List<String> work = safety.work(other);
                if (!work.isEmpty()) {
                    blockers.add(node + " (VM " + vm + ") still runs " + EventWords.list(work));
                } else if (other.canRunResources() && !in.view().maintenanceMode()) {
                    blockers.add(node + " (VM " + vm + ") is not drained");
                }
            }
            if (blockers.isEmpty()) {
                out.add(e);
            } else {
                b.note("does not approve " + EventWords.event(e) + " yet, as it also names other nodes: "
                        + EventWords.list(blockers));
            }
        }
        return out;
    }

    private void approveShortFreezes() {
        List<String> ids = new ArrayList<>();
        for (ScheduledEvent e : events.shortFreezes()) {
            b.note(local + " has " + EventWords.event(e) + " " + EventWords.timing(e, now) + "; it lasts at most "
                    + Settings.FREEZE_MAX_SECONDS + "=" + settings.freezeMaxSeconds()
                    + "s, so nothing is drained for it");
            if (e.status().equals(EventStatus.SCHEDULED)) {
                ids.add(e.id());
            }
        }
        if (!ids.isEmpty()) {
            b.action(new PlannedAction.ApproveEvents(new TreeSet<>(ids), "asks Azure to start the short "
                    + "Freeze(s) of " + local + " now, without moving any resource (" + Settings.FREEZE_MAX_SECONDS
                    + "=" + settings.freezeMaxSeconds() + ")"));
        }
    }

    private void recordIdentity() {
        String vm = in.vmName();
        writeIfChanged(List.of(set(local, Keys.AZ_NAME, vm), AttributeUpdate.setProperty(Keys.HOST_NAME_PREFIX + vm, local)),
                "records that node " + local + " runs on VM " + vm + " (" + Keys.AZ_NAME + " and "
                        + Keys.HOST_NAME_PREFIX + vm + "), as azure-events-az does, so that nodes can tell "
                        + "which node an event's VM is");
    }

    private void checkAttributes() {
        List<String> missing = in.view().nodes().stream().filter(n -> n.attribute(Keys.HEALTH).isEmpty())
                .map(ClusterNode::name).toList();
        if (!missing.isEmpty()) {
            b.warn(EventWords.list(missing) + (missing.size() == 1 ? " has" : " have") + " no " + Keys.HEALTH
                    + " attribute: with the location rule loc_azure_health no resource can run there until it "
                    + "exists; set it with: crm_attribute --node <node> --name '" + Keys.HEALTH + "' --update 0");
        }
        String transientHealth = me.transientAttributes().get(Keys.HEALTH);
        if (transientHealth != null && !me.permanentAttribute(Keys.HEALTH).map(transientHealth::equals).orElse(false)) {
            b.warn("a transient " + Keys.HEALTH + "=" + transientHealth + " on " + local + " overrides the permanent "
                    + "value the agent manages; remove it with: crm_attribute --node " + local + " --name '"
                    + Keys.HEALTH + "' --lifetime reboot --delete");
        }
        me.permanentAttribute(Keys.STATE).filter(v -> NodeState.parse(v).isEmpty()).ifPresent(v ->
                b.warn(local + "'s " + Keys.STATE + " has the unknown value '" + v + "'; it is treated as AVAILABLE"));
    }

    private void warnIfDueSoon(String consequence) {
        if (settings.drainWarning().isZero()) {
            return;
        }
        for (ScheduledEvent e : events.drain()) {
            Optional<Duration> left = EventWords.timeLeft(e, now);
            if (left.isPresent() && left.get().compareTo(settings.drainWarning()) < 0) {
                b.warn(local + "'s " + EventWords.event(e) + " starts "
                        + (left.get().isNegative() ? "any moment now" : "in " + EventWords.duration(left.get()))
                        + " and " + consequence);
            }
        }
    }

    private String eventsSummary() {
        return local + " has " + EventWords.list(events.drain().stream()
                .map(e -> EventWords.event(e) + " " + EventWords.timing(e, now)).toList());
    }

    private void writeIfChanged(List<AttributeUpdate> updates, String reason) {
        List<AttributeUpdate> needed = updates.stream().filter(u -> !u.isNoOpIn(in.view())).toList();
        if (fence.isPresent()) {
            b.writeFenced(needed, fence.get(), reason);
        } else {
            b.write(needed, reason);
        }
    }

    private void release(Claim claim, String reason) {
        b.action(new PlannedAction.ReleaseClaim(claim, reason));
    }

    private Optional<Claim> claim() {
        return Optional.ofNullable(in.view().claims().get(Keys.CLAIM_ID));
    }

    /** Our own claim is trusted for a drain only with half its lease left, so no peer can be removing it meanwhile. */
    private boolean fresh(Claim c) {
        return !c.expiredAt(now.plus(settings.claimLease().dividedBy(2)));
    }

    private boolean hasLeftovers() {
        return me.permanentAttribute(Keys.PENDING).isPresent() || me.permanentAttribute(Keys.LAST_DOC).isPresent();
    }

    private boolean permanentHealthNegative() {
        return me.permanentAttribute(Keys.HEALTH).map(ClusterNode::parseScore)
                .map(v -> v.isPresent() && v.getAsLong() < 0).orElse(false);
    }

    /** The {@code #health-azure} to put back after the agent's drain; empty if the node had none. */
    private Optional<String> restoreValue() {
        String before = me.permanentAttribute(Keys.HEALTH_BEFORE).orElse(Keys.RESTORED);
        return before.trim().equals(Keys.WAS_UNSET) ? Optional.empty() : Optional.of(before);
    }
}
