package io.azevents.core;

import io.azevents.core.spi.NodeDrainStrategy;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The strategies available to an agent, by name: the one place providers are discovered.
 * {@link #discover()} uses {@link ServiceLoader}; {@link #of(Collection)} takes providers directly
 * (tests, containers). Never takes "the first match": an unknown name fails and lists the known
 * ones, two providers with one name are an error, and a provider that cannot be loaded is reported
 * by class name in {@link #failures()} and in every lookup error. Immutable; thread-safe.
 */
public final class Strategies {
    private final Map<String, NodeDrainStrategyProvider> byName;
    private final List<String> failures;

    private Strategies(Map<String, NodeDrainStrategyProvider> byName, List<String> failures) {
        this.byName = Map.copyOf(byName);
        this.failures = List.copyOf(failures);
    }

    /**
     * The providers registered on the class path of azevents' own class loader and of the calling
     * thread's context class loader (an application server's or a plugin host's), each provider
     * class counted once.
     *
     * @return the strategies found
     * @throws StrategyLookupException if two providers claim one name
     */
    public static Strategies discover() {
        ClassLoader own = Strategies.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context == null || context == own ? discover(own) : discover(List.of(own, context));
    }

    /**
     * The providers registered on {@code loader}'s class path.
     *
     * @param loader the class loader to search
     * @return the strategies found
     * @throws StrategyLookupException if two providers claim one name
     */
    public static Strategies discover(ClassLoader loader) {
        return discover(List.of(Objects.requireNonNull(loader, "loader")));
    }

    /**
     * The providers registered on the class paths of {@code loaders}, searched in order, each provider
     * class counted once (a child loader also sees its parent's providers).
     *
     * @param loaders the class loaders to search
     * @return the strategies found
     * @throws StrategyLookupException if two different provider classes claim one name
     */
    public static Strategies discover(List<ClassLoader> loaders) {
        List<NodeDrainStrategyProvider> found = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        for (ClassLoader loader : loaders) {
            Iterator<ServiceLoader.Provider<NodeDrainStrategyProvider>> it =
                    ServiceLoader.load(NodeDrainStrategyProvider.class, loader).stream().iterator();
            while (true) {
                ServiceLoader.Provider<NodeDrainStrategyProvider> p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError e) {
                    // The message names the class that could not be found or instantiated.
                    if (!failures.contains(e.getMessage())) {
                        failures.add(e.getMessage());
                    }
                    continue;
                }
                if (!seen.add(p.type())) {
                    continue;
                }
                try {
                    found.add(p.get());
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    failures.add("provider " + p.type().getName() + " failed to load: " + e);
                }
            }
        }
        return build(found, failures);
    }

    /**
     * Exactly these providers, without {@link ServiceLoader}.
     *
     * @param providers the providers; copied, so later changes to the collection are not seen
     * @return the strategies they provide, with no load failures
     * @throws NullPointerException    if {@code providers} is null or holds null
     * @throws StrategyLookupException if two providers claim one name or a name is not kebab-case
     */
    public static Strategies of(Collection<? extends NodeDrainStrategyProvider> providers) {
        return build(List.copyOf(Objects.requireNonNull(providers, "providers")), List.of());
    }

    /**
     * Exactly these providers.
     *
     * @param providers the providers; none gives a set that knows no strategy
     * @return the strategies they provide, with no load failures
     * @throws NullPointerException    if {@code providers} is null or holds null
     * @throws StrategyLookupException if two providers claim one name or a name is not kebab-case
     */
    public static Strategies of(NodeDrainStrategyProvider... providers) {
        return of(List.of(providers));
    }

    private static Strategies build(List<? extends NodeDrainStrategyProvider> providers, List<String> failures) {
        Map<String, NodeDrainStrategyProvider> byName = new TreeMap<>();
        for (NodeDrainStrategyProvider p : providers) {
            String name = p.name();
            if (name == null || !name.matches("[a-z][a-z0-9-]{0,63}")) {
                throw new StrategyLookupException("provider " + p.getClass().getName()
                        + " has an invalid name " + Names.quote(name) + " (kebab-case expected)");
            }
            NodeDrainStrategyProvider previous = byName.putIfAbsent(name, p);
            if (previous != null) {
                throw new StrategyLookupException("two providers are named " + name + ": "
                        + previous.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one of them from the class path");
            }
        }
        return new Strategies(byName, failures);
    }

    /**
     * The provider whose {@link NodeDrainStrategyProvider#ocfAgentType()} is {@code type}, if one is.
     *
     * @param type the OCF agent type, e.g. {@code azure-events-az}
     * @return the provider claiming it; empty if none does
     * @throws NullPointerException    if {@code type} is null
     * @throws StrategyLookupException if two providers claim that type
     */
    public java.util.Optional<NodeDrainStrategyProvider> forOcfAgentType(String type) {
        Objects.requireNonNull(type, "type");
        List<NodeDrainStrategyProvider> matches = byName.values().stream()
                .filter(p -> p.ocfAgentType().filter(type::equals).isPresent()).toList();
        if (matches.size() > 1) {
            throw new StrategyLookupException("strategies " + matches.stream().map(NodeDrainStrategyProvider::name)
                    .sorted().toList() + " all claim the OCF agent type " + type);
        }
        return matches.stream().findFirst();
    }

    /**
     * The known names, sorted.
     *
     * @return a new sorted set of the providers' names; empty if no provider was found
     */
    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }

    /**
     * The providers that could not be loaded, one line each naming the class.
     *
     * @return the failures, with the error each raised; empty if every provider loaded
     */
    public List<String> failures() {
        return failures;
    }

    /**
     * The provider called {@code name}, or a {@link StrategyLookupException} that lists the known names.
     *
     * @param name the strategy's name, exactly (case matters)
     * @return the provider
     * @throws NullPointerException    if {@code name} is null
     * @throws StrategyLookupException if no provider has that name; the message lists the known
     *     names and the providers that failed to load
     */
    public NodeDrainStrategyProvider provider(String name) {
        Objects.requireNonNull(name, "name");
        NodeDrainStrategyProvider p = byName.get(name);
        if (p == null) {
            StringBuilder msg = new StringBuilder("unknown strategy ").append(Names.quote(name))
                    .append("; known strategies: ").append(byName.isEmpty() ? "none" : String.join(", ", names()));
            if (!failures.isEmpty()) {
                msg.append("; providers that failed to load: ").append(String.join("; ", failures));
            }
            throw new StrategyLookupException(msg.toString());
        }
        return p;
    }

    /**
     * Creates the strategy {@code name} for {@code config}, after checking the common keys and the
     * strategy's own.
     *
     * @param name   the strategy's name, exactly (case matters)
     * @param config the configuration: the common keys and the strategy's parameters
     * @return a new strategy from the provider
     * @throws StrategyLookupException if no provider has that name
     * @throws ConfigException if the configuration is invalid
     */
    public NodeDrainStrategy create(String name, AgentConfig config) {
        NodeDrainStrategyProvider p = provider(name);
        List<String> problems = new ArrayList<>(config.problems());
        problems.addAll(p.problems(config));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return p.create(config);
    }

    /**
     * Exactly these providers, with {@code failures}: providers found elsewhere that could not be
     * loaded, one line each naming what failed (an embedding program's plugins), shown by
     * {@link #failures()} and in every lookup error.
     *
     * @param providers the providers, each with a distinct kebab-case name; may be empty
     * @param failures  what could not be loaded, one line each for people; may be empty
     * @return the strategies
     * @throws StrategyLookupException if two providers claim one name, or one has an invalid name
     */
    public static Strategies of(Collection<? extends NodeDrainStrategyProvider> providers, List<String> failures) {
        return build(List.copyOf(Objects.requireNonNull(providers, "providers")),
                List.copyOf(Objects.requireNonNull(failures, "failures")));
    }
}
