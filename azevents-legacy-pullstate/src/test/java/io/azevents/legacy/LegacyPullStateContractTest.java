package io.azevents.legacy;

import io.azevents.simulation.Visibility;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.testkit.NodeDrainStrategyContract;

class LegacyPullStateContractTest extends NodeDrainStrategyContract {

    @Override
    protected NodeDrainStrategyProvider provider() {
        return new LegacyPullStateStrategyProvider();
    }

    @Override
    protected Visibility visibility() {
        return Visibility.AVAILABILITY_SET;
    }

    @Override
    protected String stateAttribute() {
        return "azure-events_curNodeState";
    }
}
