package io.azevents.azhealth;

import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.simulation.FakeAzure;
import io.azevents.testkit.NodeDrainStrategyContract;

class AzHealthContractTest extends NodeDrainStrategyContract {

    @Override
    protected NodeDrainStrategyProvider provider() {
        return new AzHealthStrategyProvider();
    }

    @Override
    protected FakeAzure.Visibility visibility() {
        return FakeAzure.Visibility.ZONES;
    }

    @Override
    protected String stateAttribute() {
        return "azure-events-az_curNodeState";
    }
}
