package io.azevents.cli.commands;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code azevents}: the root command. Without a command it prints its usage and exits 2; with one it
 * runs it. Exit codes: 0 success; 1 the command found errors (check), a plugin is not used (strategies) or it failed; 2 usage error; 3 the
 * cluster or IMDS could not be read. {@code azevents ocf} answers with the OCF codes instead.
 */
@Command(name = "azevents",
        versionProvider = Version.class,
        synopsisHeading = Usage.SYNOPSIS_HEADING,
        synopsisSubcommandLabel = "COMMAND",
        header = "inspect and check the azevents Azure Scheduled Events agents of a Pacemaker cluster",
        descriptionHeading = "%n",
        description = {
            "azevents carries a Pacemaker cluster on Azure through planned platform maintenance. Its OCF "
                + "resource agents, ocf:azevents:azure-events-az and ocf:azevents:azure-events, poll the "
                + "Azure Instance Metadata Service (IMDS) for Scheduled Events, move the cluster's resources "
                + "off a node before its event starts, ask Azure to start the event early once the node is "
                + "empty, and bring the node back when the event is over.",
            "",
            "This command is the operator's view of the same agents. It reads the live cluster through "
                + "Pacemaker's tools, or a saved CIB with --cib-file; only migrate --apply changes the cluster. "
                + "'azevents COMMAND --help' shows a command's own options. 'azevents ocf AGENT ACTION' is the "
                + "OCF resource agent, and answers with the OCF exit codes."},
        exitCodeList = {
            "0:ok",
            "1:errors found (check), a plugin not used (strategies), or the command failed",
            "2:usage error",
            "3:the cluster or IMDS could not be read"},
        footerHeading = "Environment%n",
        footer = {
            "  CIB_file       Pacemaker's: use that CIB file instead of the live cluster",
            "  AZEVENTS_HOME  where the wrapper finds azevents.jar (/usr/share/azevents)",
            "  AZEVENTS_JAVA  the java the wrapper runs (default: java on the PATH)",
            "  AZEVENTS_PLUGIN_DIR  where strategy plugin jars are read (/usr/share/azevents/plugins); "
                + "see azevents strategies",
            "",
            "See also ocf_azevents_azure-events-az(7), ocf_azevents_azure-events(7) and the "
                + "administrator's guide, /usr/share/doc/azevents/admin-guide.md."},
        subcommands = {
            StatusCommand.class, ExplainCommand.class, StrategiesCommand.class, HistoryCommand.class, MetricsCommand.class, CheckCommand.class,
            MigrateCommand.class,
            DemoCommand.class, SimulatorCommand.class, OcfCommand.class, CommandLine.HelpCommand.class})
public final class AzeventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "print this usage and exit")
    boolean help;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true,
            description = "print the version, the strategies found and the Java runtime, and exit")
    boolean version;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;

    /** For picocli's tools (man pages, completion): the process's environment and streams. */
    public AzeventsCommand() {
        this(System.getenv(), System.out, System.err);
    }

    AzeventsCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    /** No command: the usage, on standard output, and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Usage.EXIT;
    }

    /** Runs {@code args} (not {@code ocf}: see {@link io.azevents.cli.Main}) with {@code env}; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(env, out, err);
        int rc = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return rc;
    }

    static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new AzeventsCommand(env, out, err), new Common.Factory(env));
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler(Usage::usageError);
        cl.setExecutionExceptionHandler(Usage::failure);
        Usage.layOut(cl);
        return cl;
    }
}
