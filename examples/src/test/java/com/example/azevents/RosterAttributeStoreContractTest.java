package com.example.azevents;

import com.example.roster.Roster;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.testkit.ClusterAttributeStoreContract;
import java.util.List;

/** The cluster adapter holds to the port's contract: what an embedder proves of its own store. */
class RosterAttributeStoreContractTest extends ClusterAttributeStoreContract {

    @Override
    protected Fixture createFixture() {
        Roster roster = new Roster().join("node1").join("node2").join("node3");
        return new Fixture() {
            @Override
            public List<String> nodes() {
                return List.of("node1", "node2", "node3");
            }

            @Override
            public ClusterAttributeStore storeOn(String node) {
                return new RosterAttributeStore(roster, node);
            }
        };
    }
}
