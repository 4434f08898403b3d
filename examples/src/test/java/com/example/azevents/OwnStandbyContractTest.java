package com.example.azevents;

import io.azevents.simulation.Visibility;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.testkit.NodeDrainStrategyContract;

/**
 * The example's own strategy holds to what every strategy must do: idle when nothing happens, drain
 * before approving, approve once empty, bring the node back, never drain the last node that could run
 * the resources. The contract runs it on the test kit's own simulated cluster and Azure.
 */
class OwnStandbyContractTest extends NodeDrainStrategyContract {

    @Override
    protected NodeDrainStrategyProvider provider() {
        return new OwnStandbyStrategyProvider();
    }

    /** Every VM sees every event, so that peers can finish a drain whose node runs no agent. */
    @Override
    protected Visibility visibility() {
        return Visibility.AVAILABILITY_SET;
    }

    @Override
    protected String stateAttribute() {
        return OwnStandbyStrategy.NAMES.state();
    }
}
