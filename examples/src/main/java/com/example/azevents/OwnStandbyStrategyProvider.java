package com.example.azevents;

import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.core.spi.ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Provides the example's own strategy, {@code own-standby} ({@link OwnStandbyStrategy}). Registered in
 * {@code META-INF/services/io.azevents.core.spi.NodeDrainStrategyProvider}, so that
 * {@code Strategies.discover()} and {@code AzEventsAgent.create} find it by name beside
 * {@code az-health} and {@code legacy-pullstate}. The constructor does no work, as the SPI asks.
 */
public final class OwnStandbyStrategyProvider implements NodeDrainStrategyProvider {
    /** Key: seconds the drain claim lives before the other nodes may remove it. */
    public static final String CLAIM_LEASE_SECONDS = "claimLeaseSeconds";
    static final int DEFAULT_CLAIM_LEASE_SECONDS = 120;

    /** Creates the provider; does nothing else. */
    public OwnStandbyStrategyProvider() {
    }

    @Override
    public String name() {
        return OwnStandbyStrategy.NAME;
    }

    @Override
    public String description() {
        return "Puts a node in standby before its own scheduled events, approves them once it is empty, "
                + "and ends the standby when they are over; for an agent that runs beside the cluster manager";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec(CLAIM_LEASE_SECONDS, "integer", Integer.toString(DEFAULT_CLAIM_LEASE_SECONDS),
                "Lifetime of the drain claim",
                "A node takes the claim " + OwnStandbyStrategy.CLAIM_ID + " before it drains, so that two nodes "
                        + "never drain at once; a claim left behind is removed by the others after this many "
                        + "seconds. Range 10-3600."));
    }

    @Override
    public List<String> problems(AgentConfig config) {
        List<String> problems = new ArrayList<>();
        try {
            leaseOf(config);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    @Override
    public NodeDrainStrategy create(AgentConfig config) {
        return new OwnStandbyStrategy(config.eventTypes(), leaseOf(config));
    }

    private static Duration leaseOf(AgentConfig config) {
        return Duration.ofSeconds(config.integer(CLAIM_LEASE_SECONDS, DEFAULT_CLAIM_LEASE_SECONDS, 10, 3600));
    }
}
