package io.azevents.cli.wiring;

import io.azevents.core.Strategies;
import io.azevents.core.spi.NodeDrainStrategyProvider;
import io.azevents.core.spi.ParameterSpec;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * The strategies the agent and the {@code azevents} command can run: the built-in ones (on the
 * agent's class path), then those of the plugin jars in one directory ({@link #DEFAULT_DIRECTORY},
 * else {@code AZEVENTS_PLUGIN_DIR} or the system property {@code azevents.plugin.dir}).
 *
 * <p>Each {@code *.jar} of the directory (in name order; regular files, or links to them) gets a
 * class loader of its own whose parent is the agent's, so one jar cannot spoil another; its
 * providers are those {@link ServiceLoader} finds that this jar's loader defines. A jar, or one of
 * its providers, that cannot be used is {@linkplain #broken() reported} by the jar's path with the
 * reason, never thrown: an unreadable or corrupt jar, no provider registered, a provider that
 * fails to load or whose methods throw, an invalid name, a name or an OCF agent type a built-in
 * strategy has (the built-in wins) or that another plugin has too (neither is used). The built-in
 * strategies always stay.
 *
 * <p>The directory is read once per process and directory ({@link #installed(Map)}): a missing or
 * empty directory costs one directory read. Immutable; thread-safe.
 */
public final class Plugins {
    /** Where the packages put plugin jars. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/azevents/plugins");
    /** The environment variable that names another plugin directory. */
    public static final String ENV = "AZEVENTS_PLUGIN_DIR";
    /** The system property that names another plugin directory; it wins over {@link #ENV}. */
    public static final String PROPERTY = "azevents.plugin.dir";
    /** The service file a plugin jar registers its providers in. */
    static final String SERVICE_FILE = "META-INF/services/" + NodeDrainStrategyProvider.class.getName();
    private static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,63}";
    private static final Map<Path, Plugins> INSTALLED = new ConcurrentHashMap<>();
    private static final DirectoryStream.Filter<Path> JAR_FILES = new DirectoryStream.Filter<>() {
        @Override
        public boolean accept(Path p) {
            return p.getFileName().toString().endsWith(".jar");
        }
    };

    /**
     * A plugin jar, or one provider in it, that is not used.
     *
     * @param jar    the jar's path (the directory's, when the directory itself cannot be read)
     * @param reason why, in words an administrator can act on
     */
    public record Broken(Path jar, String reason) {
        /** Checks that both are present. */
        public Broken {
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return jar + ": " + reason;
        }
    }

    private final Path directory;
    private final Strategies strategies;
    private final Map<String, Path> pluginOrigins;
    private final List<Broken> broken;

    private Plugins(Path directory, Strategies strategies, Map<String, Path> pluginOrigins, List<Broken> broken) {
        this.directory = directory;
        this.strategies = strategies;
        this.pluginOrigins = Map.copyOf(pluginOrigins);
        this.broken = List.copyOf(broken);
    }

    /** The plugin directory {@code env} names ({@link #PROPERTY}, then {@link #ENV}), else the default. */
    public static Path directory(Map<String, String> env) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = env.get(ENV);
        }
        return dir == null || dir.isBlank() ? DEFAULT_DIRECTORY : Path.of(dir.trim());
    }

    /** The built-in strategies and the plugins of {@code env}'s directory, read once per process. */
    public static Plugins installed(Map<String, String> env) {
        return INSTALLED.computeIfAbsent(directory(env).toAbsolutePath().normalize(),
                d -> load(d, Plugins.class.getClassLoader()));
    }

    /**
     * The strategies {@code builtIns} registers, then those of the jars in {@code directory}, each
     * jar in a loader whose parent is {@code builtIns}. Reads the directory now; never throws for
     * what is in it.
     */
    public static Plugins load(Path directory, ClassLoader builtIns) {
        Objects.requireNonNull(directory, "directory");
        Strategies builtIn = Strategies.discover(builtIns);
        List<Broken> broken = new ArrayList<>();
        List<Path> jars = jars(directory, broken);
        if (jars.isEmpty() && broken.isEmpty()) {
            return new Plugins(directory, builtIn, Map.of(), List.of()); // the usual case: nothing more to load
        }
        Map<String, NodeDrainStrategyProvider> byName = new TreeMap<>();
        builtIn.names().forEach(n -> byName.put(n, builtIn.provider(n)));
        Map<Path, List<NodeDrainStrategyProvider>> found = new LinkedHashMap<>();
        for (Path jar : jars) {
            List<NodeDrainStrategyProvider> providers = providers(jar, builtIns, builtIn.failures(), broken);
            if (!providers.isEmpty()) {
                found.put(jar, providers);
            }
        }
        Map<String, Path> origins = accept(found, byName, broken);
        List<String> failures = new ArrayList<>(builtIn.failures());
        broken.forEach(b -> failures.add("plugin " + b));
        return new Plugins(directory, Strategies.of(byName.values(), failures), origins, broken);
    }

    /** The directory's {@code *.jar} files in name order; a directory that cannot be read is reported. */
    private static List<Path> jars(Path directory, List<Broken> broken) {
        List<Path> jars = new ArrayList<>();
        // A filter, not a glob: no pattern to compile on the path every stateless monitor takes.
        try (DirectoryStream<Path> s = Files.newDirectoryStream(directory, JAR_FILES)) {
            s.forEach(jars::add);
        } catch (NoSuchFileException e) {
            return List.of(); // no directory: no plugins
        } catch (NotDirectoryException e) {
            broken.add(new Broken(directory, "the plugin directory is not a directory"));
            return List.of();
        } catch (AccessDeniedException e) {
            broken.add(new Broken(directory, "the plugin directory cannot be read (permissions)"));
            return List.of();
        } catch (IOException | RuntimeException e) {
            broken.add(new Broken(directory, "the plugin directory cannot be read: " + e));
            return List.of();
        }
        jars.sort(null);
        List<Path> usable = new ArrayList<>();
        for (Path jar : jars) {
            try {
                // Follows a link: a link to a jar is fine; a FIFO, a device or a directory is not opened.
                BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    usable.add(jar);
                } else {
                    broken.add(new Broken(jar, "not a regular file"));
                }
            } catch (IOException e) {
                broken.add(new Broken(jar, "cannot be read: " + e));
            }
        }
        return usable;
    }

    /** The providers {@code jar} itself defines, each checked by calling what the agent calls; problems reported. */
    private static List<NodeDrainStrategyProvider> providers(Path jar, ClassLoader parent, List<String> parentFailures,
                                                             List<Broken> broken) {
        try (JarFile f = new JarFile(jar.toFile())) {
            if (f.getEntry(SERVICE_FILE) == null) {
                broken.add(new Broken(jar, "registers no strategy (no " + SERVICE_FILE + ")"));
                return List.of();
            }
        } catch (ZipException e) {
            broken.add(new Broken(jar, "not a jar (corrupt or not a zip file: " + e.getMessage() + ")"));
            return List.of();
        } catch (IOException | RuntimeException e) {
            broken.add(new Broken(jar, "cannot be read: " + e));
            return List.of();
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            broken.add(new Broken(jar, "cannot be loaded: " + e));
            return List.of();
        }
        List<NodeDrainStrategyProvider> providers = new ArrayList<>();
        Iterator<ServiceLoader.Provider<NodeDrainStrategyProvider>> it =
                ServiceLoader.load(NodeDrainStrategyProvider.class, loader).stream().iterator();
        for (int errors = 0; errors < 100; ) {
            ServiceLoader.Provider<NodeDrainStrategyProvider> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                errors++;
                if (!parentFailures.contains(e.getMessage())) { // the built-ins' own are reported as theirs
                    broken.add(new Broken(jar, "a provider failed to load: " + describe(e)));
                }
                continue;
            }
            if (p.type().getClassLoader() != loader) {
                continue; // the built-ins (and any provider of another loader) seen through the parent
            }
            try {
                NodeDrainStrategyProvider provider = p.get();
                Optional<String> problem = check(provider);
                if (problem.isPresent()) {
                    broken.add(new Broken(jar, "provider " + p.type().getName() + " " + problem.get()));
                } else {
                    providers.add(provider);
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                broken.add(new Broken(jar, "provider " + p.type().getName() + " failed to load: " + describe(e)));
            }
        }
        if (providers.isEmpty()) {
            close(loader);
            if (broken.stream().noneMatch(b -> b.jar().equals(jar))) {
                broken.add(new Broken(jar, "registers no strategy of its own in " + SERVICE_FILE));
            }
        }
        return providers;
    }

    /** What is wrong with a provider, by calling once each method the agent and its listings call. */
    private static Optional<String> check(NodeDrainStrategyProvider p) {
        try {
            String name = p.name();
            if (name == null || !name.matches(NAME_PATTERN)) {
                return Optional.of("has an invalid name " + io.azevents.core.Names.quote(name)
                        + " (kebab-case expected: a-z, 0-9 and -, starting with a letter)");
            }
            Objects.requireNonNull(p.description(), "description()");
            Objects.requireNonNull(p.shortDescription(), "shortDescription()");
            Objects.requireNonNull(p.ocfAgentType(), "ocfAgentType()");
            Objects.requireNonNull(p.attributes(), "attributes()");
            Objects.requireNonNull(p.requiredNodeAttributes(), "requiredNodeAttributes()");
            for (ParameterSpec s : Objects.requireNonNull(p.parameters(), "parameters()")) {
                Objects.requireNonNull(s, "a parameter");
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("failed: " + describe(e));
        }
    }

    /**
     * Adds to {@code byName} the plugins whose name and OCF agent type no built-in and no other
     * plugin has; reports the others. Returns each added strategy's jar.
     */
    private static Map<String, Path> accept(Map<Path, List<NodeDrainStrategyProvider>> found,
                                            Map<String, NodeDrainStrategyProvider> byName, List<Broken> broken) {
        Map<String, List<Path>> jarsByName = new TreeMap<>();
        Map<String, List<Path>> jarsByType = new TreeMap<>();
        found.forEach((jar, ps) -> ps.forEach(p -> {
            jarsByName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(jar);
            p.ocfAgentType().ifPresent(t -> jarsByType.computeIfAbsent(t, k -> new ArrayList<>()).add(jar));
        }));
        Map<String, String> builtInTypes = new TreeMap<>();
        byName.values().forEach(p -> p.ocfAgentType().ifPresent(t -> builtInTypes.put(t, p.name())));
        Map<String, Path> origins = new TreeMap<>();
        Map<String, NodeDrainStrategyProvider> accepted = new TreeMap<>();
        found.forEach((jar, ps) -> {
            for (NodeDrainStrategyProvider p : ps) {
                String name = p.name();
                Optional<String> type = p.ocfAgentType();
                String rejected = null;
                if (byName.containsKey(name)) {
                    rejected = "the built-in strategy " + name + " is used instead";
                } else if (jarsByName.get(name).size() > 1) {
                    rejected = "the plugins " + jarsByName.get(name) + " all provide it; none of them is used";
                } else if (type.isPresent() && builtInTypes.containsKey(type.get())) {
                    rejected = "it claims the OCF agent type " + type.get() + " of the built-in strategy "
                            + builtInTypes.get(type.get()) + "; not used";
                } else if (type.isPresent() && jarsByType.get(type.get()).size() > 1) {
                    rejected = "the plugins " + jarsByType.get(type.get()) + " all claim the OCF agent type "
                            + type.get() + "; none of them is used";
                }
                if (rejected != null) {
                    broken.add(new Broken(jar, "strategy " + name + " (" + p.getClass().getName() + "): " + rejected));
                } else {
                    accepted.put(name, p);
                    origins.put(name, jar);
                }
            }
        });
        byName.putAll(accepted);
        return origins;
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            b.append("; caused by ").append(c);
        }
        return b.toString();
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Nothing of it is used; the file handle goes with the process.
        }
    }

    /** The plugin directory read. */
    public Path directory() {
        return directory;
    }

    /** Every strategy that can run: the built-in ones and the accepted plugins'. */
    public Strategies strategies() {
        return strategies;
    }

    /** The jar strategy {@code name} comes from; empty for a built-in one (or an unknown name). */
    public Optional<Path> origin(String name) {
        return Optional.ofNullable(pluginOrigins.get(name));
    }

    /** The jars and providers not used, in the order found, each with the reason. */
    public List<Broken> broken() {
        return broken;
    }
}
