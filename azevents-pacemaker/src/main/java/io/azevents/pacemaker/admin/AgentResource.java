package io.azevents.pacemaker.admin;

import io.azevents.core.AgentConfig;
import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.pacemaker.internal.Cib;
import io.azevents.pacemaker.internal.CibReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scheduled-events agent configured in the CIB: a primitive of class {@code ocf} whose type is
 * the OCF agent type of a strategy ({@code azure-events-az}, {@code azure-events}), under any
 * provider: ours ({@code azevents}) or the Python one ({@code heartbeat}). Immutable.
 *
 * @param id         the primitive's id
 * @param provider   its OCF provider
 * @param type       its OCF type
 * @param strategy   the strategy it runs: its {@code strategy} parameter, else the one its type implies
 * @param parameters its instance attributes (its OCF parameters)
 * @param groupId    the group that holds it, if one does
 * @param cloneId    the clone that holds it (or its group), if one does
 */
public record AgentResource(String id, String provider, String type, String strategy, Map<String, String> parameters,
        Optional<String> groupId, Optional<String> cloneId) {

    /** The provider of the Python agents in ClusterLabs' resource-agents. */
    public static final String HEARTBEAT = "heartbeat";

    /**
     * Checks the id and copies the parameters.
     *
     * @param id         the primitive's id
     * @param provider   its OCF provider
     * @param type       its OCF type
     * @param strategy   the strategy it runs
     * @param parameters its instance attributes by name; copied
     * @param groupId    the group that holds it; empty if none
     * @param cloneId    the clone that holds it or its group; empty if none
     * @throws NullPointerException if {@code id} or {@code parameters} is null, or the map holds null
     */
    public AgentResource {
        Objects.requireNonNull(id, "id");
        parameters = Map.copyOf(parameters);
    }

    /**
     * True if this is one of the Python agents ({@code ocf:heartbeat:...}).
     *
     * @return true if the provider is {@value #HEARTBEAT}
     */
    public boolean isHeartbeat() {
        return HEARTBEAT.equals(provider);
    }

    /**
     * {@code ocf:provider:type}.
     *
     * @return the agent's full name, for example {@code ocf:azevents:azure-events-az}
     */
    public String agent() {
        return "ocf:" + provider + ":" + type;
    }

    /**
     * The agents in {@code cibXml}, in document order.
     *
     * @param cibXml     the CIB as XML text, for example the output of {@code cibadmin --query}
     * @param strategies the strategies whose OCF agent types count as scheduled-events agents
     * @return every {@code ocf} primitive of such a type, under any provider; empty if there is none
     * @throws io.azevents.core.ClusterStoreException if the text is not a CIB
     */
    public static List<AgentResource> in(String cibXml, Strategies strategies) {
        return in(CibReader.read(cibXml), strategies);
    }

    static List<AgentResource> in(Cib cib, Strategies strategies) {
        Set<String> types = agentTypes(strategies);
        return cib.resources().stream()
                .filter(r -> r.tag().equals("primitive") && r.resourceClass().equals("ocf") && types.contains(r.type()))
                .map(r -> of(cib, r, strategies)).toList();
    }

    /** The OCF agent types that the strategies keep the behaviour of. */
    static Set<String> agentTypes(Strategies strategies) {
        return strategies.names().stream().map(strategies::provider).map(NodeDrainStrategyProvider::ocfAgentType)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    private static AgentResource of(Cib cib, Cib.Resource r, Strategies strategies) {
        String named = r.parameters().getOrDefault(AgentConfig.STRATEGY, "").trim();
        String strategy = !named.isEmpty() ? named : strategies.forOcfAgentType(r.type())
                .map(NodeDrainStrategyProvider::name).orElse(r.type());
        List<Cib.Resource> parents = cib.parents(r);
        Optional<String> group = parents.stream().filter(p -> p.tag().equals("group")).map(Cib.Resource::id).findFirst();
        Optional<String> clone = parents.stream().filter(p -> p.tag().equals("clone")).map(Cib.Resource::id).findFirst();
        return new AgentResource(r.id(), r.provider(), r.type(), strategy, r.parameters(), group, clone);
    }
}
