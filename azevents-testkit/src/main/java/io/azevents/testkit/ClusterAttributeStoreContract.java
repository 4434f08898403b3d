package io.azevents.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.Claim;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ClusterAttributeStore}. An adapter's test extends this class and returns a
 * {@link Fixture}: a cluster of at least two nodes, all online and none in standby, and a store on
 * each of them.
 *
 * <p>Fenced writes are checked at fixed instants ({@link #NOW}, claims expiring in 2030 or 2027), never
 * at the wall clock, so that a store must take {@code now} from its caller. The forecast case asks
 * only what every store can promise: it never throws, a known forecast has both placements and names
 * its source, and asking writes nothing.
 */
public abstract class ClusterAttributeStoreContract {

    /** A cluster and a store on each of its nodes. */
    public interface Fixture extends AutoCloseable {
        /**
         * The cluster's node names; the first is "local" for {@link #store()}.
         *
         * @return at least two names, in a stable order; the tests use the first two
         */
        List<String> nodes();

        /**
         * The store running on node {@code node}. The tests call it many times and expect each
         * store to see the others' writes at once.
         *
         * @param node one of {@link #nodes()}
         * @return a store whose {@code localNodeName()} is {@code node}
         */
        ClusterAttributeStore storeOn(String node);

        /**
         * The store running on the first node.
         *
         * @return {@code storeOn(nodes().get(0))}
         */
        default ClusterAttributeStore store() {
            return storeOn(nodes().get(0));
        }

        /** Stops what the fixture started; declared without a checked exception, so try-with-resources needs no catch. */
        @Override
        default void close() {
        }
    }

    /**
     * Creates a fixture for one test: called before each test, and the fixture is closed after it.
     * Its nodes are online, none in standby, and it holds no claim named {@code azevents-contract}.
     *
     * @return a new fixture, on a cluster of at least two nodes
     * @throws Exception if the fixture cannot be set up (for example, a cluster cannot start); the
     *                   test then fails
     */
    protected abstract Fixture createFixture() throws Exception;

    private Fixture fixture;
    private String first;
    private String second;

    @BeforeEach
    void openFixture() throws Exception {
        fixture = createFixture();
        first = fixture.nodes().get(0);
        second = fixture.nodes().get(1);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    @Nested
    @DisplayName("membership")
    class Membership {
        @Test
        @DisplayName("each store knows the node it runs on")
        void localName() {
            assertThat(fixture.store().localNodeName()).isEqualTo(first);
            assertThat(fixture.storeOn(second).localNodeName()).isEqualTo(second);
        }

        @Test
        @DisplayName("the view lists every node, online and not in standby")
        void everyNode() {
            ClusterView v = fixture.store().readView();
            assertThat(v.localNode()).isEqualTo(first);
            assertThat(v.names()).containsExactlyInAnyOrderElementsOf(fixture.nodes());
            assertThat(v.nodes()).allMatch(ClusterNode::online).noneMatch(ClusterNode::standby);
        }

        @Test
        @DisplayName("the standby node attribute is read as ClusterNode.standby, and cleared again")
        void standbyIsMapped() {
            fixture.store().write(List.of(AttributeUpdate.set(second, "standby", "on")));

            ClusterNode inStandby = fixture.store().readView().node(second).orElseThrow();
            assertThat(inStandby.standby()).as("standby=on read as standby").isTrue();
            assertThat(inStandby.permanentAttribute("standby")).contains("on");
            assertThat(fixture.store().readView().node(first).orElseThrow().standby()).isFalse();

            fixture.store().write(List.of(AttributeUpdate.delete(second, "standby")));
            assertThat(fixture.storeOn(second).readView().node(second).orElseThrow().standby()).isFalse();
        }
    }

    @Nested
    @DisplayName("node attributes")
    class NodeAttributes {
        @Test
        @DisplayName("a written attribute is read back, from every node")
        void roundTrip() {
            fixture.store().write(List.of(AttributeUpdate.set(first, "azure-events-az_curNodeState", "STOPPING")));

            assertThat(fixture.store().readView().node(first).orElseThrow()
                    .permanentAttribute("azure-events-az_curNodeState")).contains("STOPPING");
            assertThat(fixture.storeOn(second).readView().node(first).orElseThrow()
                    .attribute("azure-events-az_curNodeState")).contains("STOPPING");
        }

        @Test
        @DisplayName("several attributes of several nodes are written by one call")
        void batch() {
            fixture.store().write(List.of(
                    AttributeUpdate.set(first, "azure-events-az_curNodeState", "IN_EVENT"),
                    AttributeUpdate.set(first, "azure-events-az_pendingEventIDs",
                            "0c3a4c4d-1111-4a4a-9b9b-0123456789ab,0c3a4c4d-2222-4a4a-9b9b-0123456789ab"),
                    AttributeUpdate.set(first, "#health-azure", "-1000000"),
                    AttributeUpdate.set(second, "azure-events-az_curNodeState", "AVAILABLE")));

            ClusterView v = fixture.store().readView();
            ClusterNode n1 = v.node(first).orElseThrow();
            assertThat(n1.permanentAttribute("azure-events-az_curNodeState")).contains("IN_EVENT");
            assertThat(n1.permanentAttribute("azure-events-az_pendingEventIDs"))
                    .contains("0c3a4c4d-1111-4a4a-9b9b-0123456789ab,0c3a4c4d-2222-4a4a-9b9b-0123456789ab");
            assertThat(n1.healthValue("#health-azure")).hasValue(-1_000_000L);
            assertThat(n1.healthy()).isFalse();
            assertThat(v.node(second).orElseThrow().permanentAttribute("azure-events-az_curNodeState"))
                    .contains("AVAILABLE");
        }

        @Test
        @DisplayName("a deleted attribute is gone, and deleting a missing one is no error")
        void delete() {
            fixture.store().write(List.of(AttributeUpdate.set(first, "azure-events-az_lastDocVersion", "7")));
            fixture.store().write(List.of(AttributeUpdate.delete(first, "azure-events-az_lastDocVersion")));
            fixture.store().write(List.of(AttributeUpdate.delete(first, "azure-events-az_lastDocVersion")));

            assertThat(fixture.store().readView().node(first).orElseThrow()
                    .permanentAttribute("azure-events-az_lastDocVersion")).isEmpty();
        }

        @Test
        @DisplayName("an empty batch changes nothing")
        void emptyBatch() {
            ClusterView before = fixture.store().readView();
            fixture.store().write(List.of());
            assertThat(fixture.store().readView().nodes()).isEqualTo(before.nodes());
        }
    }

    @Nested
    @DisplayName("cluster properties")
    class Properties {
        @Test
        @DisplayName("a property is written, read and deleted")
        void roundTrip() {
            fixture.store().write(List.of(AttributeUpdate.setProperty("hostName_vm-1", first)));
            assertThat(fixture.storeOn(second).readView().property("hostName_vm-1")).contains(first);

            fixture.store().write(List.of(AttributeUpdate.deleteProperty("hostName_vm-1")));
            assertThat(fixture.store().readView().property("hostName_vm-1")).isEmpty();
        }
    }

    @Nested
    @DisplayName("claims")
    class Claims {
        private final Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

        @Test
        @DisplayName("only the first of two nodes acquires a claim, and the view shows its owner")
        void testAndSet() {
            Claim mine = new Claim("azevents-contract", first, expiry);
            Claim theirs = new Claim("azevents-contract", second, expiry);

            assertThat(fixture.store().tryAcquire(mine)).isTrue();
            assertThat(fixture.storeOn(second).tryAcquire(theirs)).isFalse();

            assertThat(fixture.storeOn(second).readView().claims().get("azevents-contract")).isEqualTo(mine);
        }

        @Test
        @DisplayName("a claim is released only by its exact holder")
        void compareAndDelete() {
            Claim mine = new Claim("azevents-contract", first, expiry);
            fixture.store().tryAcquire(mine);

            assertThat(fixture.storeOn(second).release(new Claim("azevents-contract", second, expiry))).isFalse();
            assertThat(fixture.store().readView().claims()).containsKey("azevents-contract");

            assertThat(fixture.store().release(mine)).isTrue();
            assertThat(fixture.store().readView().claims()).doesNotContainKey("azevents-contract");
            assertThat(fixture.storeOn(second).tryAcquire(new Claim("azevents-contract", second, expiry))).isTrue();
        }

        @Test
        @DisplayName("releasing a claim nobody holds reports false")
        void releaseMissing() {
            assertThat(fixture.store().release(new Claim("azevents-contract", first, expiry))).isFalse();
        }
    }

    /** The instant fenced writes are checked at: before every claim's expiry unless a test says otherwise. */
    protected static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Nested
    @DisplayName("fenced writes")
    class FencedWrites {
        private final Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

        private List<AttributeUpdate> drain() {
            return List.of(AttributeUpdate.set(first, "azure-events-az_curNodeState", "STOPPING"),
                    AttributeUpdate.set(first, "#health-azure", "-1000000"));
        }

        private ClusterNode firstNode() {
            return fixture.storeOn(second).readView().node(first).orElseThrow();
        }

        @Test
        @DisplayName("a write fenced by a claim the writer holds is written, all of it")
        void held() {
            Claim mine = new Claim("azevents-contract", first, expiry);
            assertThat(fixture.store().tryAcquire(mine)).isTrue();

            assertThat(fixture.store().write(drain(), mine, NOW)).isTrue();

            assertThat(firstNode().permanentAttribute("azure-events-az_curNodeState")).contains("STOPPING");
            assertThat(firstNode().permanentAttribute("#health-azure")).contains("-1000000");
            assertThat(fixture.store().readView().claims().get("azevents-contract")).isEqualTo(mine);
        }

        @Test
        @DisplayName("a write fenced by a claim that was released and taken by another node writes nothing")
        void replaced() {
            Claim mine = new Claim("azevents-contract", first, expiry);
            Claim theirs = new Claim("azevents-contract", second, expiry);
            fixture.store().tryAcquire(mine);
            fixture.store().release(mine);
            assertThat(fixture.storeOn(second).tryAcquire(theirs)).isTrue();

            assertThat(fixture.store().write(drain(), mine, NOW)).isFalse();

            assertThat(firstNode().permanentAttribute("azure-events-az_curNodeState")).isEmpty();
            assertThat(firstNode().permanentAttribute("#health-azure")).isNotEqualTo(java.util.Optional.of("-1000000"));
            assertThat(fixture.store().readView().claims().get("azevents-contract")).isEqualTo(theirs);
        }

        @Test
        @DisplayName("a write fenced by a claim nobody holds writes nothing")
        void missing() {
            assertThat(fixture.store().write(drain(), new Claim("azevents-contract", first, expiry), NOW)).isFalse();

            assertThat(firstNode().permanentAttribute("azure-events-az_curNodeState")).isEmpty();
        }

        @Test
        @DisplayName("a write fenced by a claim that has expired at the given instant writes nothing")
        void expired() {
            Claim mine = new Claim("azevents-contract", first, Instant.parse("2027-01-01T00:00:00Z"));
            fixture.store().tryAcquire(mine);

            assertThat(fixture.store().write(drain(), mine, Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
            assertThat(fixture.store().write(drain(), mine, Instant.parse("2028-01-01T00:00:00Z"))).isFalse();

            assertThat(firstNode().permanentAttribute("azure-events-az_curNodeState")).isEmpty();
            assertThat(fixture.store().readView().claims()).containsKey("azevents-contract");
        }
    }

    @Nested
    @DisplayName("drain forecasts")
    class Forecasts {
        @Test
        @DisplayName("a forecast never throws, has both placements when known, names its source, and writes nothing")
        void forecast() {
            ClusterAttributeStore store = fixture.store();
            ClusterView before = store.readView();

            DrainForecast f = store.forecastDrain(before,
                    List.of(AttributeUpdate.set(first, "#health-azure", "-1000000")));

            assertThat(f).isNotNull();
            assertThat(f.source()).isNotBlank();
            if (f.known()) {
                assertThat(f.baseline()).isPresent();
                assertThat(f.drained()).isPresent();
                assertThat(f.failed()).isFalse();
            } else {
                assertThat(f.baseline()).isEmpty();
                assertThat(f.drained()).isEmpty();
            }
            ClusterView after = store.readView();
            assertThat(after.node(first).orElseThrow().attributes()).isEqualTo(before.node(first).orElseThrow().attributes());
            assertThat(after.clusterProperties()).isEqualTo(before.clusterProperties());
        }

        @Test
        @DisplayName("a forecast of nothing changes nothing: where it is known, the drained placement is the baseline")
        void nothing() {
            DrainForecast f = fixture.store().forecastDrain(fixture.store().readView(), List.of());

            assertThat(f.source()).isNotBlank();
            if (f.known()) {
                assertThat(f.drained()).isEqualTo(f.baseline());
                assertThat(f.stranded()).isEmpty();
            }
        }
    }
}
