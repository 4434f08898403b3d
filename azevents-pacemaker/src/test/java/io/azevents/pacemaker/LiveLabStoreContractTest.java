package io.azevents.pacemaker;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterAttributeStore;
import io.azevents.testkit.ClusterAttributeStoreContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store contract on the live 3-node lab: each node's store runs its commands inside that node
 * ({@code cluster-lab.sh exec nodeN ...}) and learns its name from {@code crm_node -n} there.
 */
@DisplayName("CrmClusterAttributeStore on a live cluster")
@ExtendWith(LiveLab.class)
class LiveLabStoreContractTest extends ClusterAttributeStoreContract {

    /** Removes what earlier tests wrote, so each test starts from the same cluster. */
    static void reset(ClusterLab lab) {
        CommandRunner.Result r = lab.exec("node1", "cibadmin", "--delete-all", "--force", "--xpath",
                "/cib/configuration//nvpair[starts-with(@name,'azure-events') or starts-with(@name,'hostName_')]"
                        + " | /cib/configuration/crm_config/cluster_property_set[starts-with(@id,'azevents-claim-')]");
        if (r.exitCode() != 0 && r.exitCode() != 105) {
            throw new IllegalStateException("reset failed: " + r.exitCode() + " " + r.stderr());
        }
        store(lab, "node1").write(LiveLab.NODES.stream()
                .map(n -> AttributeUpdate.set(n, "#health-azure", "0")).toList());
    }

    static CrmClusterAttributeStore store(ClusterLab lab, String node) {
        return CrmClusterAttributeStore.builder().runner(lab.runner(node)).environment(java.util.Map.of()).build();
    }

    @Override
    protected Fixture createFixture() {
        ClusterLab lab = LiveLab.lab();
        reset(lab);
        return new Fixture() {
            @Override
            public List<String> nodes() {
                return LiveLab.NODES;
            }

            @Override
            public ClusterAttributeStore storeOn(String node) {
                return LiveLabStoreContractTest.store(lab, node);
            }
        };
    }
}
