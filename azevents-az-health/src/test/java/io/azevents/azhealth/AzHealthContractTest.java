package io.azevents.azhealth;

import io.azevents.simulation.Visibility;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.testkit.NodeDrainStrategyContract;

class AzHealthContractTest extends NodeDrainStrategyContract {

    @Override
    protected NodeDrainStrategyProvider provider() {
        return new AzHealthStrategyProvider();
    }

    @Override
    protected Visibility visibility() {
        return Visibility.ZONES;
    }

    @Override
    protected String stateAttribute() {
        return "azure-events-az_curNodeState";
    }
}
