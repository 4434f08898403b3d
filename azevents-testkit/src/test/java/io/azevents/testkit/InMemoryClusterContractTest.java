package io.azevents.testkit;

import io.azevents.core.ClusterAttributeStore;
import io.azevents.simulation.InMemoryCluster;
import java.util.List;

/** The in-memory cluster keeps the same contract as the Pacemaker adapter. */
class InMemoryClusterContractTest extends ClusterAttributeStoreContract {
    @Override
    protected Fixture createFixture() {
        InMemoryCluster cluster = InMemoryCluster.of("node1", "node2", "node3");
        return new Fixture() {
            @Override
            public List<String> nodes() {
                return cluster.nodeNames();
            }

            @Override
            public ClusterAttributeStore storeOn(String node) {
                return cluster.store(node);
            }
        };
    }
}
