package io.azevents.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.AttributeUpdate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryClusterTest {

    @Test
    @DisplayName("resources leave an unhealthy node, a standby node and an offline node, and come back")
    void placement() {
        InMemoryCluster c = InMemoryCluster.of("node1", "node2").withHealthInitialised().withResource("db", "node1");
        assertThat(c.location("db")).contains("node1");

        c.store("node1").write(List.of(AttributeUpdate.set("node1", "#health-azure", "-1000000")));
        c.settle();
        assertThat(c.location("db")).contains("node2");

        c.store("node1").write(List.of(AttributeUpdate.set("node1", "#health-azure", "0")));
        c.settle();
        assertThat(c.location("db")).contains("node1");

        c.setAttribute("node1", "standby", "on");
        c.settle();
        assertThat(c.location("db")).contains("node2");

        c.setAttribute("node1", "standby", null);
        c.setOnline("node2", false);
        c.setOnline("node1", false);
        c.settle();
        assertThat(c.location("db")).isEmpty();
    }

    @Test
    @DisplayName("one write of several attributes is one transaction; a write that changes nothing is not counted")
    void epochs() {
        InMemoryCluster c = InMemoryCluster.of("node1", "node2");
        long before = c.epoch();

        c.store("node1").write(List.of(AttributeUpdate.set("node1", "a", "1"), AttributeUpdate.set("node2", "b", "2")));
        c.store("node1").write(List.of(AttributeUpdate.set("node1", "a", "1")));

        assertThat(c.epoch()).isEqualTo(before + 1);
        assertThat(c.writes()).isEqualTo(1);
    }

    @Test
    @DisplayName("an injected write failure changes nothing")
    void failure() {
        InMemoryCluster c = InMemoryCluster.of("node1", "node2");
        c.failNextWrite(new io.azevents.core.ClusterStoreException("injected"));

        try {
            c.store("node1").write(List.of(AttributeUpdate.set("node1", "a", "1")));
        } catch (io.azevents.core.ClusterStoreException expected) {
            // expected
        }

        assertThat(c.attribute("node1", "a")).isEmpty();
    }
}
