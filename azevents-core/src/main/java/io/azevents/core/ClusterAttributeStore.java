package io.azevents.core;

import java.time.Instant;
import java.util.List;

/**
 * Port: the cluster as the agent reads and writes it. The production adapter is
 * {@code CrmClusterAttributeStore} (module azevents-pacemaker); the test kit has an in-memory fake
 * and {@code ClusterAttributeStoreContract}, the checks an implementation must pass.
 *
 * <p>One cycle uses one store from one thread; implementations document their own thread safety.
 * Failures are {@link ClusterStoreException}s that carry what was run and what it answered.
 */
public interface ClusterAttributeStore {

    /**
     * The name of the node this process runs on. Never guessed: if it cannot be learned this throws
     * rather than fall back to anything else.
     *
     * @return the local node's name as the cluster knows it
     * @throws ClusterStoreException if it cannot be learned
     */
    String localNodeName();

    /**
     * Reads everything one cycle needs (nodes, membership, attributes, resources, claims) at once,
     * as one consistent snapshot. What an implementation must map, because strategies decide on it:
     * <ul>
     *   <li>{@link ClusterNode#standby()}: true when the node is in standby, however it was put there.
     *       In Pacemaker that is the permanent node attribute {@code standby} ({@code on}/{@code true}),
     *       which must also stay visible in {@link ClusterNode#attributes()}. A store that leaves
     *       {@code standby} false breaks {@code legacy-pullstate}, which drains by setting that
     *       attribute and then waits to see its own node in standby;</li>
     *   <li>{@link ClusterNode#online()}, {@link ClusterNode#runningResources()} and
     *       {@link ClusterNode#pendingOperations()}: what decides whether a node is empty, and so
     *       whether its reboot may be approved;</li>
     *   <li>{@link ClusterNode#attributes()} (permanent) and {@link ClusterNode#transientAttributes()}
     *       kept apart: the agents' state is permanent, node health may be either;</li>
     *   <li>the cluster properties in {@link ClusterView#clusterProperties()} and every {@link Claim} the
     *       store holds in {@link ClusterView#claims()}.</li>
     * </ul>
     * The test kit's {@code ClusterAttributeStoreContract} checks these on an implementation.
     *
     * @return the snapshot
     * @throws ClusterStoreException if the cluster cannot be read
     */
    ClusterView readView();

    /**
     * Applies several updates in one call. Adapters make the batch one transaction where the cluster
     * allows it (all or nothing), so that a process killed during the call cannot leave half of it
     * written. Updates whose value is already present may be skipped.
     *
     * @param updates the updates, applied as a whole; empty does nothing
     */
    void write(List<AttributeUpdate> updates);

    /**
     * Atomically creates {@code claim} if no claim with its id exists (test-and-set).
     *
     * @param claim the claim to create, with this node as its owner
     * @return true if this call created it; false if a claim with that id was already there
     */
    boolean tryAcquire(Claim claim);

    /**
     * Removes {@code claim} only if the cluster holds exactly this claim (same id, owner and expiry):
     * a compare-and-delete, so a node can neither release a claim it does not hold nor remove an
     * expired claim that someone else has just replaced.
     *
     * @param claim the claim as it was acquired or read: id, owner and expiry must all match
     * @return true if this call removed it; false if the cluster held no such claim
     */
    boolean release(Claim claim);

    /**
     * A fenced write: applies {@code updates} only if the cluster still holds exactly {@code fence}
     * (same id, owner and expiry) and it has not expired at {@code now}, checked in the same
     * transaction as the write, so that a write decided under a claim cannot land after the claim was
     * lost (a paused process, a frozen VM) and a peer took it.
     *
     * <p>The default reads the view, checks and writes: two steps, which is as good as the store can
     * do without transactions. The Pacemaker adapter makes it one version-checked CIB patch.
     *
     * @param updates the updates, applied as a whole; empty writes nothing but still checks the fence
     * @param fence   the claim that must still be held, exactly as acquired
     * @param now     the time to judge the claim's expiry at
     * @return true if written (or nothing needed writing); false if the claim is no longer held, in
     *         which case nothing was written
     */
    default boolean write(List<AttributeUpdate> updates, Claim fence, Instant now) {
        if (fence.expiredAt(now) || !fence.equals(readView().claims().get(fence.id()))) {
            return false;
        }
        write(updates);
        return true;
    }

    /**
     * What the scheduler would do if {@code drain} were written to the cluster as {@code view} shows it
     * (see {@link DrainForecast}). The default knows no scheduler: {@link DrainForecast#unknown}.
     * Adapters that can ask one override this; it never throws.
     *
     * @param view  the cluster the forecast starts from
     * @param drain the updates that would drain the node (standby, attributes)
     * @return the forecast; here always {@link DrainForecast#unknown}, with the reason. An adapter's
     *     may also be {@link DrainForecast#failed} when its scheduler could not answer
     */
    default DrainForecast forecastDrain(ClusterView view, List<AttributeUpdate> drain) {
        return DrainForecast.unknown("the cluster store " + getClass().getSimpleName() + " has no scheduler to ask");
    }
}
