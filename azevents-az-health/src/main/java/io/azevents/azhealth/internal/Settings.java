package io.azevents.azhealth.internal;

import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.EventType;
import io.azevents.core.Names;
import io.azevents.core.spi.ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The configuration az-health decides with: the common {@code eventTypes} plus its own keys, all
 * off or at upstream behaviour by default.
 *
 * @param eventTypes        the event types that count
 * @param ignoreUserEvents  events an administrator started ({@code EventSource=User}) do not count
 * @param freezeMaxSeconds  a Freeze lasting at most this long is approved at once, without a drain; 0 = off
 * @param claimLease        how long a drain claim lives before others may remove it
 * @param drainWarning      warn when an event is due sooner than this and the node is not empty yet
 * @param agentResources    ids of resources the location rule leaves on an unhealthy node (the agent's clone)
 */
record Settings(Set<EventType> eventTypes, boolean ignoreUserEvents, int freezeMaxSeconds,
                Duration claimLease, Duration drainWarning, Pattern agentResources) {

    static final String IGNORE_USER_EVENTS = "ignoreUserEvents";
    static final String FREEZE_MAX_SECONDS = "freezeMaxSeconds";
    static final String CLAIM_LEASE_SECONDS = "claimLeaseSeconds";
    static final String DRAIN_WARNING_SECONDS = "drainWarningSeconds";
    static final String AGENT_RESOURCE_PATTERN = "agentResourcePattern";

    static final int DEFAULT_CLAIM_LEASE_SECONDS = 120;
    static final int DEFAULT_DRAIN_WARNING_SECONDS = 60;
    static final String DEFAULT_AGENT_RESOURCE_PATTERN = "health-.*";

    static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec(IGNORE_USER_EVENTS, "boolean", "false",
                    "Ignore events started by a user",
                    "If true, events whose EventSource is User (a reboot or redeploy started from the portal or "
                            + "the CLI) do not drain the node: the administrator who started them is expected to "
                            + "have prepared it. Default false, as azure-events-az."),
            new ParameterSpec(FREEZE_MAX_SECONDS, "integer", "0",
                    "Approve short Freeze events at once",
                    "If above 0 and Freeze is in eventTypes, a Freeze whose DurationInSeconds is known and at "
                            + "most this many seconds is approved at once without moving any resource (a pause of "
                            + "a few seconds costs less than a failover). 0 (default) drains for every Freeze."),
            new ParameterSpec(CLAIM_LEASE_SECONDS, "integer", Integer.toString(DEFAULT_CLAIM_LEASE_SECONDS),
                    "Lifetime of the drain claim",
                    "A node takes the cluster-wide claim " + Keys.CLAIM_ID + " before it drains, so that two "
                            + "nodes never drain at once; a claim left by a node that died is removed by the others "
                            + "after this many seconds. Must exceed twice the monitor interval. Range 30-3600."),
            new ParameterSpec(DRAIN_WARNING_SECONDS, "integer", Integer.toString(DEFAULT_DRAIN_WARNING_SECONDS),
                    "Warn when a drain may be late",
                    "Warn when an event starts in less than this many seconds and its node still runs "
                            + "resources or cannot be drained. 0 turns the warning off."),
            new ParameterSpec(AGENT_RESOURCE_PATTERN, "string", DEFAULT_AGENT_RESOURCE_PATTERN,
                    "Resources left on a drained node",
                    "A regular expression matching the ids of the resources the location rule "
                            + "(location loc_azure_health /!health-.*/ ...) leaves on an unhealthy node, normally "
                            + "the agent's own clone. They do not count when judging whether a node is empty."));

    /** Every problem with az-health's own keys, one line each; empty when valid. */
    static List<String> problems(AgentConfig config) {
        List<String> problems = new ArrayList<>();
        check(problems, () -> config.bool(IGNORE_USER_EVENTS, false));
        check(problems, () -> config.integer(CLAIM_LEASE_SECONDS, DEFAULT_CLAIM_LEASE_SECONDS, 30, 3600));
        check(problems, () -> config.integer(DRAIN_WARNING_SECONDS, DEFAULT_DRAIN_WARNING_SECONDS, 0, 86_400));
        Integer freeze = check(problems, () -> config.integer(FREEZE_MAX_SECONDS, 0, 0, 3600));
        String raw = config.get(AGENT_RESOURCE_PATTERN).orElse(DEFAULT_AGENT_RESOURCE_PATTERN);
        try {
            Pattern.compile(raw);
        } catch (PatternSyntaxException e) {
            problems.add(AGENT_RESOURCE_PATTERN + ": not a regular expression: " + Names.quote(raw)
                    + " (" + e.getDescription() + "); the default is " + DEFAULT_AGENT_RESOURCE_PATTERN);
        }
        if (freeze != null && freeze > 0) {
            Set<EventType> types = check(new ArrayList<>(), config::eventTypes);
            if (types != null && !types.contains(EventType.FREEZE)) {
                problems.add(FREEZE_MAX_SECONDS + ": set to " + freeze + " but Freeze is not in eventTypes "
                        + types + ", so no Freeze is ever handled; add Freeze to eventTypes or set "
                        + FREEZE_MAX_SECONDS + "=0");
            }
        }
        return problems;
    }

    /**
     * The settings of {@code config}.
     *
     * @throws ConfigException naming every problem
     */
    static Settings from(AgentConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(config.eventTypes(),
                config.bool(IGNORE_USER_EVENTS, false),
                config.integer(FREEZE_MAX_SECONDS, 0, 0, 3600),
                Duration.ofSeconds(config.integer(CLAIM_LEASE_SECONDS, DEFAULT_CLAIM_LEASE_SECONDS, 30, 3600)),
                Duration.ofSeconds(config.integer(DRAIN_WARNING_SECONDS, DEFAULT_DRAIN_WARNING_SECONDS, 0, 86_400)),
                Pattern.compile(config.get(AGENT_RESOURCE_PATTERN).orElse(DEFAULT_AGENT_RESOURCE_PATTERN)));
    }

    private static <T> T check(List<String> problems, Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
