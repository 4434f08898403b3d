package io.azevents.pacemaker;

import io.azevents.core.ClusterAttributeStore;
import io.azevents.testkit.ClusterAttributeStoreContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/** The store contract with the real {@code cibadmin} on a CIB file: one file, a store per node. */
@DisplayName("CrmClusterAttributeStore on a CIB file")
class CibFileStoreContractTest extends ClusterAttributeStoreContract {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Requirements.requirePacemakerTools();
    }

    @Override
    protected Fixture createFixture() {
        Path file = CibFiles.copy(dir);
        return new Fixture() {
            @Override
            public List<String> nodes() {
                return List.of("node1", "node2", "node3");
            }

            @Override
            public ClusterAttributeStore storeOn(String node) {
                return CibFiles.store(file, node, CommandRunner.local());
            }
        };
    }
}
