package com.example.azevents;

import com.example.roster.Change;
import com.example.roster.Lease;
import com.example.roster.Roster;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterStoreException;
import io.azevents.core.ClusterView;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster port over the example's own cluster manager, the {@link Roster}: members are nodes,
 * services are resources, leases are claims. Proven by {@code RosterAttributeStoreContractTest}, the
 * test kit's {@code ClusterAttributeStoreContract}.
 *
 * <p>What {@link ClusterAttributeStore#readView()} must map: the roster's standby (its attribute
 * {@code standby}, which the strategies write) becomes {@link ClusterNode#standby()} and stays among
 * the attributes; online members and their services become {@link ClusterNode#online()} and
 * {@link ClusterNode#runningResources()}. The roster moves services instantly when it settles, so
 * no operation is ever pending. It has no transient attributes.
 *
 * <p>Thread-safe, as the roster is.
 */
public final class RosterAttributeStore implements ClusterAttributeStore {
    private final Roster roster;
    private final String localNode;

    /**
     * A store for the agent on member {@code localNode}.
     *
     * @param roster    the cluster
     * @param localNode the member this agent runs on
     */
    @Inject
    public RosterAttributeStore(Roster roster, @Named(AgentModule.LOCAL_NODE) String localNode) {
        this.roster = Objects.requireNonNull(roster, "roster");
        this.localNode = Objects.requireNonNull(localNode, "localNode");
    }

    @Override
    public String localNodeName() {
        if (!roster.isMember(localNode)) {
            throw new ClusterStoreException(localNode + " is not a member of the roster");
        }
        return localNode;
    }

    @Override
    public ClusterView readView() {
        Roster.Snapshot s = roster.snapshot();
        List<ClusterNode> nodes = s.members().stream().map(m -> ClusterNode.builder(m.name())
                .online(m.online())
                .standby(m.standby())
                .attributes(m.attributes())
                .runningResources(m.services())
                .build()).toList();
        Map<String, Claim> claims = new LinkedHashMap<>();
        s.leases().forEach((id, l) -> claims.put(id, new Claim(l.id(), l.holder(), l.expiresAt())));
        return new ClusterView(localNodeName(), nodes, s.properties(), claims, "roster-" + s.revision());
    }

    @Override
    public void write(List<AttributeUpdate> updates) {
        try {
            roster.apply(changes(updates));
        } catch (IllegalArgumentException e) {
            throw new ClusterStoreException("the roster refused " + updates + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean tryAcquire(Claim claim) {
        return roster.putLeaseIfAbsent(lease(claim));
    }

    @Override
    public boolean release(Claim claim) {
        return roster.removeLease(lease(claim));
    }

    /** One step in the roster, where the default would read, check and then write. */
    @Override
    public boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
        try {
            return roster.applyIfLeaseHeld(lease(fence), now, changes(updates));
        } catch (IllegalArgumentException e) {
            throw new ClusterStoreException("the roster refused " + updates + ": " + e.getMessage(), e);
        }
    }

    private static Lease lease(Claim c) {
        return new Lease(c.id(), c.owner(), c.expiresAt());
    }

    private static List<Change> changes(List<AttributeUpdate> updates) {
        return updates.stream().map(u -> new Change(u.node(), u.name(), u.value())).toList();
    }
}
