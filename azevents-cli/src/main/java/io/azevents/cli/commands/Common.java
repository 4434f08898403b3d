package io.azevents.cli.commands;

import io.azevents.core.EventType;
import io.azevents.cli.wiring.Plugins;
import io.azevents.core.StrategyLookupException;
import io.azevents.pacemaker.admin.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options several commands share, as picocli mixins, and the environment they make. */
final class Common {
    private Common() {
    }

    /** {@code -h}, {@code --help}: every command's own usage. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this command's usage and exit")
        boolean help;
    }

    /** {@code --json}. */
    static final class JsonOption {
        @Option(names = "--json", description = "machine-readable output")
        boolean json;
    }

    /** {@code --cib-file FILE}: a saved CIB instead of the live cluster. */
    static final class CibFileOption {
        @Option(names = "--cib-file", paramLabel = "FILE",
                description = "work on a CIB file (saved with cibadmin --query > FILE) instead of the live cluster")
        Path file;

        Optional<Path> file() {
            return Optional.ofNullable(file);
        }

        /**
         * The file, checked before any Pacemaker tool reads it: they would say only "No such device
         * or address".
         */
        void requireReadable() {
            if (file == null) {
                return;
            }
            String problem = !Files.exists(file) ? "does not exist"
                    : Files.isDirectory(file) ? "is a directory, not a CIB file"
                    : !Files.isReadable(file) ? "cannot be read (permissions)" : null;
            if (problem != null) {
                throw new Usage.Failure(Usage.UNREADABLE, "the CIB file " + file + " " + problem
                        + "; give --cib-file a CIB saved with 'cibadmin --query > FILE', or leave --cib-file out"
                        + " to read the live cluster");
            }
        }
    }

    /** {@code --node NAME} and {@code --imds-url URL}: where the commands that act as the agent look from. */
    static final class NodeOptions {
        @Option(names = "--node", paramLabel = "NAME", description = "the local node (needed with --cib-file)")
        String node;

        @Option(names = "--imds-url", paramLabel = "URL",
                description = "the IMDS address (default http://169.254.169.254; a loopback address for the simulator)")
        String imdsUrl;
    }

    /** {@code --strategy NAME}, one of the strategies found. */
    static final class StrategyOption {
        @Option(names = "--strategy", paramLabel = "NAME", converter = StrategyName.class,
                completionCandidates = StrategyNames.class,
                description = "the strategy: ${COMPLETION-CANDIDATES} (default: the one of the CIB's agent)")
        String strategy;

        Optional<String> strategy() {
            return Optional.ofNullable(strategy);
        }
    }

    /** A known strategy name (built in or a plugin's), or a usage error that lists the known ones. */
    static final class StrategyName implements ITypeConverter<String> {
        private final Map<String, String> env;

        /** For picocli's tools: the process's environment. */
        StrategyName() {
            this(System.getenv());
        }

        StrategyName(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public String convert(String value) {
            try {
                return Plugins.installed(env).strategies().provider(value).name();
            } catch (StrategyLookupException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --shell crmsh|pcs}: the shell of the fixes and steps printed. */
    static final class ShellOption {
        @Option(names = "--shell", paramLabel = "SHELL", converter = ShellName.class,
                description = "crmsh or pcs: the shell of the commands printed (default: the one installed; "
                        + "both when both are)")
        Shell shell;

        Optional<Shell> shell() {
            return Optional.ofNullable(shell).or(Shell::detect);
        }
    }

    static final class ShellName implements ITypeConverter<Shell> {
        @Override
        public Shell convert(String value) {
            try {
                return Shell.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The strategies found (built in and plugins'), for the usage and the shell completion. */
    static final class StrategyNames implements Iterable<String> {
        private final Map<String, String> env;

        /** For picocli's tools (man pages, completion): the process's environment. */
        StrategyNames() {
            this(System.getenv());
        }

        StrategyNames(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Iterator<String> iterator() {
            return Plugins.installed(env).strategies().names().iterator();
        }
    }

    /**
     * Makes what picocli instantiates, giving those that list or check strategies the command's
     * environment (its plugin directory); everything else as picocli's default factory does.
     */
    static final class Factory implements CommandLine.IFactory {
        private final Map<String, String> env;

        Factory(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == StrategyName.class) {
                return cls.cast(new StrategyName(env));
            }
            if (cls == StrategyNames.class) {
                return cls.cast(new StrategyNames(env));
            }
            if (cls == Version.class) {
                return cls.cast(new Version(env));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The event types Azure schedules. */
    static final class EventTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            EventType.KNOWN.forEach(t -> names.add(t.toString()));
            return names.iterator();
        }
    }

    /** {@code base} with the options turned into what the adapters read (CIB_file, OCF_RESKEY_*). */
    static Map<String, String> environment(Map<String, String> base, CibFileOption cib, Optional<NodeOptions> node) {
        Map<String, String> e = new HashMap<>(base);
        cib.file().ifPresent(f -> e.put("CIB_file", f.toAbsolutePath().toString()));
        node.map(n -> n.node).ifPresent(n -> e.put("OCF_RESKEY_CRM_meta_on_node", n));
        node.map(n -> n.imdsUrl).ifPresent(u -> e.put("OCF_RESKEY_imds_url", u));
        return e;
    }
}
