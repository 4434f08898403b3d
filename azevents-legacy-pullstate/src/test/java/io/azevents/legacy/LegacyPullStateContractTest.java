package io.azevents.legacy;

import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.simulation.FakeAzure;
import io.azevents.testkit.NodeDrainStrategyContract;

class LegacyPullStateContractTest extends NodeDrainStrategyContract {

    @Override
    protected NodeDrainStrategyProvider provider() {
        return new LegacyPullStateStrategyProvider();
    }

    @Override
    protected FakeAzure.Visibility visibility() {
        return FakeAzure.Visibility.AVAILABILITY_SET;
    }

    @Override
    protected String stateAttribute() {
        return "azure-events_curNodeState";
    }
}
