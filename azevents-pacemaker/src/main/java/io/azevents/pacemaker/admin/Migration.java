package io.azevents.pacemaker.admin;

import io.azevents.core.Pacemaker;
import io.azevents.core.Strategies;
import io.azevents.pacemaker.CommandRunner;
import io.azevents.pacemaker.internal.Cib;
import io.azevents.pacemaker.internal.CibReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code azevents migrate}: what it takes to bring a cluster onto azevents, planned from its CIB
 * with its names filled in, for crmsh or pcs. Two migrations, chosen by what the CIB holds:
 * <ul>
 *   <li>{@link Kind#SWITCH_IN_PLACE}: the Python agents ({@code ocf:heartbeat:azure-events-az},
 *   {@code ocf:heartbeat:azure-events}) become ours under the same type. The primitive keeps its id,
 *   its parameters (ours take the same names), its meta attributes, operations, group and clone;
 *   only its provider changes. The node attributes and cluster properties the Python agents wrote
 *   ({@code #health-azure}, {@code <type>_curNodeState}, {@code <type>_pendingEventIDs},
 *   {@code <type>_lastDocVersion}, {@code azName}, {@code hostName_<vm>},
 *   {@code azure-events_globalPullState}) are ours too and stay as they are, node states included.
 *   Neither crmsh nor pcs can change a resource's agent in place, so that step is Pacemaker's own
 *   {@code cibadmin --modify} of the provider attribute, for both shells.</li>
 *   <li>{@link Kind#LEGACY_TO_HEALTH}: from our {@code azure-events} (standby) to
 *   {@code azure-events-az} (node health), the steps of the reference article.</li>
 * </ul>
 * A cluster with the Python agent and ours both configured is refused: which one owns the nodes is
 * the administrator's call. Every step is an argument vector, never a shell line; {@link Step#shell()}
 * quotes it for display. Stateless; thread-safe.
 */
public final class Migration {
    /** Which migration a plan is. */
    public enum Kind {
        /** The Python agents become ours under the same type; only the provider changes. */
        SWITCH_IN_PLACE,
        /** Our {@code azure-events} (standby) becomes {@code azure-events-az} (node health). */
        LEGACY_TO_HEALTH,
        /** Nothing to migrate: no agent is configured, or the cluster already runs ours with node health. */
        NOTHING,
        /** Not migrated: the Python agent and ours are both configured. */
        REFUSED
    }

    /**
     * One step: why, and the command.
     *
     * @param why      what the step does, for the administrator
     * @param argv     the command, one argument per element
     * @param optional true if {@link #apply} skips it (it only tidies up)
     */
    public record Step(String why, List<String> argv, boolean optional) {
        /**
         * Checks that the reason is present and copies the command.
         *
         * @param why      what the step does, for the administrator
         * @param argv     the command, one argument per element; copied
         * @param optional true if {@link #apply} skips it
         * @throws NullPointerException if {@code why} or {@code argv} is null, or {@code argv} holds null
         */
        public Step {
            Objects.requireNonNull(why, "why");
            argv = List.copyOf(argv);
        }

        /**
         * The command quoted for a POSIX shell, to be read or copied.
         *
         * @return the arguments joined by spaces, each in single quotes unless it is made only of
         *     characters a shell leaves alone
         */
        public String shell() {
            StringBuilder b = new StringBuilder();
            for (String a : argv) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(a.matches("[A-Za-z0-9_=.,:/@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
            }
            return b.toString();
        }
    }

    /**
     * A plan: the steps, the first and last of which enter and leave maintenance mode (the
     * administrator's, {@link #apply} runs the others), and notes on what stays as it is.
     *
     * @param kind    which migration
     * @param shell   the shell the steps use
     * @param steps   the steps in order; empty for {@link Kind#NOTHING} and {@link Kind#REFUSED}
     * @param notes   what is kept, or why nothing is done, or why the migration is refused
     */
    public record Plan(Kind kind, Shell shell, List<Step> steps, List<String> notes) {
        /**
         * Checks that the kind and the shell are present and copies the lists.
         *
         * @param kind  which migration
         * @param shell the shell the steps use
         * @param steps the steps in order; copied
         * @param notes what is kept, or why nothing is done or the migration is refused; copied
         * @throws NullPointerException if a component is null or a list holds null
         */
        public Plan {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(shell, "shell");
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }

        /**
         * The steps {@link #apply} runs: all but entering and leaving maintenance mode.
         *
         * @return every step but the first and the last, optional ones included; empty if the plan
         *     has fewer than two
         */
        public List<Step> applied() {
            return steps.size() < 2 ? List.of() : steps.subList(1, steps.size() - 1);
        }
    }

    private Migration() {
    }

    /**
     * {@link #plan(String, String, Shell, Strategies)} with the strategies on the class path.
     *
     * @param cibXml   the CIB as XML text
     * @param provider the OCF provider to migrate onto, normally {@code azevents}
     * @param shell    the shell the steps are written for
     * @return the plan; of kind {@link Kind#NOTHING} or {@link Kind#REFUSED}, with no steps, when
     *     there is nothing to do or it must not be done
     * @throws io.azevents.core.ClusterStoreException if the text is not a CIB
     */
    public static Plan plan(String cibXml, String provider, Shell shell) {
        return plan(cibXml, provider, shell, Strategies.discover());
    }

    /**
     * The plan for the cluster in {@code cibXml}, onto the OCF provider {@code provider}
     * (normally {@code azevents}).
     *
     * @param cibXml     the CIB as XML text
     * @param provider   the OCF provider to migrate onto
     * @param shell      the shell the steps are written for
     * @param strategies the strategies known, to find the agents in the CIB
     * @return the plan; of kind {@link Kind#NOTHING} or {@link Kind#REFUSED}, with no steps, when
     *     there is nothing to do or it must not be done
     * @throws NullPointerException if {@code provider} or {@code shell} is null
     * @throws io.azevents.core.ClusterStoreException if the text is not a CIB
     */
    public static Plan plan(String cibXml, String provider, Shell shell, Strategies strategies) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(shell, "shell");
        Cib cib = CibReader.read(cibXml);
        List<AgentResource> agents = AgentResource.in(cib, strategies);
        List<AgentResource> python = agents.stream().filter(AgentResource::isHeartbeat).toList();
        List<AgentResource> ours = agents.stream().filter(a -> !a.isHeartbeat()).toList();
        if (!python.isEmpty() && !ours.isEmpty()) {
            return new Plan(Kind.REFUSED, shell, List.of(), List.of("both the Python agent ("
                    + names(python) + ") and azevents (" + names(ours) + ") are configured; they would fight over "
                    + "the nodes. Delete one of them first (" + deleteCommand(shell, python.get(0).id()) + " keeps "
                    + "azevents), then run migrate again."));
        }
        if (!python.isEmpty()) {
            return SwitchInPlace.plan(cib, python, provider, shell);
        }
        List<AgentResource> legacy = ours.stream().filter(a -> !a.type().equals(ConfigurationCheck.AZ_AGENT_TYPE))
                .toList();
        if (!legacy.isEmpty() && ours.size() == legacy.size()) {
            return LegacyToHealth.plan(cib, legacy, provider, shell);
        }
        return new Plan(Kind.NOTHING, shell, List.of(), List.of(ours.isEmpty()
                ? "no scheduled-events agent is configured: nothing to migrate (azevents check gives the setup)"
                : "the cluster already runs azevents' azure-events-az (" + names(ours) + "): nothing to migrate"));
    }

    /**
     * Why {@link #apply} must not run now, if it must not: the plan is not one to apply, the cluster
     * is not in maintenance mode, or the new agent is not installed under {@code ocfRoot}.
     *
     * @param plan     the plan to be applied
     * @param cibXml   the CIB as it is now, as XML text
     * @param ocfRoot  the OCF root, for example {@code /usr/lib/ocf}, whose {@code resource.d} is searched
     * @param provider the OCF provider the plan migrates onto
     * @return the reason, for the administrator; empty if the plan may be applied
     * @throws io.azevents.core.ClusterStoreException if the text is not a CIB
     */
    public static Optional<String> refusal(Plan plan, String cibXml, Path ocfRoot, String provider) {
        if (plan.kind() == Kind.REFUSED || plan.kind() == Kind.NOTHING) {
            return Optional.of(String.join("; ", plan.notes()));
        }
        Cib cib = CibReader.read(cibXml);
        if (!Pacemaker.isTrue(cib.properties().getOrDefault(Pacemaker.MAINTENANCE_MODE, "false"))) {
            return Optional.of("the cluster is not in maintenance mode; run\n  " + plan.steps().get(0).shell()
                    + "\nfirst, then migrate --apply, then\n  " + plan.steps().get(plan.steps().size() - 1).shell());
        }
        for (Step s : plan.applied()) {
            for (String type : List.of("azure-events-az", "azure-events")) {
                boolean needs = s.argv().stream().anyMatch(a -> a.contains("ocf:" + provider + ":" + type)
                        || a.contains("provider=\"" + provider + "\"") && a.contains("type=\"" + type + "\""));
                Path agent = ocfRoot.resolve("resource.d").resolve(provider).resolve(type);
                if (needs && !Files.isExecutable(agent)) {
                    return Optional.of(agent + " is not installed on this node; install the azevents package on "
                            + "every node first");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the plan's {@link Plan#applied()} steps in order, skipping optional ones, against the live
     * cluster or {@code cibFile}; stops at the first that fails.
     *
     * @param plan     the plan, which {@link #refusal} has cleared
     * @param runner   runs each step's command, with a timeout of 120 s
     * @param cibFile  the CIB file to work on; empty for the live cluster
     * @param progress told each command before it runs
     * @return empty on success, else what failed, with the command's exit code and stderr
     * @throws io.azevents.pacemaker.CommandFailedException if a command cannot be started or times out
     */
    public static Optional<String> apply(Plan plan, CommandRunner runner, Optional<Path> cibFile,
                                         Consumer<String> progress) {
        Map<String, String> env = cibFile.map(f -> Map.of("CIB_file", f.toString())).orElse(Map.of());
        for (Step s : plan.applied()) {
            if (s.optional()) {
                progress.accept("skipped (optional): " + s.shell());
                continue;
            }
            progress.accept("running: " + s.shell());
            CommandRunner.Result r = runner.run(Shell.onFile(s.argv(), cibFile), env, Duration.ofSeconds(120));
            if (r.exitCode() != 0) {
                return Optional.of("step failed (exit " + r.exitCode() + "): " + s.shell() + "\n" + r.stderr());
            }
        }
        return Optional.empty();
    }

    static Step maintenance(Shell shell, boolean on) {
        return new Step(on ? "put the cluster in maintenance mode" : "leave maintenance mode", shell == Shell.PCS
                ? List.of("pcs", "property", "set", "maintenance-mode=" + on)
                : List.of("crm", "configure", "property", "maintenance-mode=" + on), false);
    }

    static String deleteCommand(Shell shell, String id) {
        return shell == Shell.PCS ? "pcs resource delete --force " + id : "crm configure delete --force " + id;
    }

    private static String names(List<AgentResource> agents) {
        return String.join(", ", agents.stream().map(a -> a.id() + " " + a.agent()).toList());
    }
}
