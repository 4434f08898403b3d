package io.azevents.cli.commands;

import io.azevents.core.AzEventsException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** How every command reports: a usage error (exit 2), a failure (exit 1 or 3), and its usage. */
final class Usage {
    static final String SYNOPSIS_HEADING = "usage: ";
    static final int EXIT = 2;
    static final int UNREADABLE = 3;

    private Usage() {
    }

    /**
     * A usage error: one line naming the problem, then the command's usage, on standard error; exit 2.
     * An option that belongs to another command says which.
     */
    static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(name(cmd) + ": " + message(ex));
        err.println();
        cmd.usage(err);
        err.flush();
        return EXIT;
    }

    private static String message(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return ex.getMessage();
        }
        String arg = u.getUnmatched().get(0);
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        if (!arg.startsWith("-")) {
            return (spec.parent() == null ? "unknown command '" : "unexpected argument '") + arg + "'";
        }
        String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        CommandSpec root = spec.root();
        List<String> owners = root.subcommands().entrySet().stream()
                .filter(e -> e.getValue().getCommandSpec() != spec && e.getValue().getCommandSpec().findOption(option) != null)
                .map(Map.Entry::getKey).distinct().sorted().toList();
        return "unknown option " + option + (owners.isEmpty() ? ""
                : " (an option of " + String.join(", ", owners) + ", not of " + spec.name() + ")");
    }

    /**
     * A command failed: the cluster or IMDS could not be read (exit 3, as every {@link AzEventsException},
     * an invalid argument found late, or an I/O error), or a {@link Failure} with its own code.
     */
    static int failure(Exception ex, CommandLine cmd, ParseResult parseResult) throws Exception {
        if (ex instanceof Failure f) {
            cmd.getErr().println(name(cmd) + ": " + f.getMessage());
            return f.exitCode();
        }
        if (ex instanceof AzEventsException || ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException) {
            cmd.getErr().println(name(cmd) + ": " + ex.getMessage());
            return UNREADABLE;
        }
        throw ex;
    }

    private static String name(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    /**
     * The usage of every command as printed: the synopsis first (right under a usage error's message),
     * then the one-line header; the root's command list shows each command with its arguments
     * ({@code ocf AGENT ACTION}). The man pages keep picocli's layout.
     */
    static void layOut(CommandLine root) {
        List<String> keys = new ArrayList<>(root.getHelpSectionKeys());
        keys.removeAll(List.of(UsageMessageSpec.SECTION_KEY_HEADER_HEADING, UsageMessageSpec.SECTION_KEY_HEADER));
        int after = keys.indexOf(UsageMessageSpec.SECTION_KEY_SYNOPSIS) + 1;
        keys.addAll(after, List.of(UsageMessageSpec.SECTION_KEY_HEADER_HEADING, UsageMessageSpec.SECTION_KEY_HEADER));
        root.setHelpSectionKeys(keys);
        headings(root);
        listCommandsWithArguments(root);
    }

    /** Headings as a terminal shows them (the annotations hold the man pages' section names). */
    private static void headings(CommandLine cmd) {
        UsageMessageSpec u = cmd.getCommandSpec().usageMessage();
        u.headerHeading("%n");
        u.optionListHeading("%noptions:%n");
        u.parameterListHeading("%narguments:%n");
        u.commandListHeading("%ncommands:%n");
        u.exitCodeListHeading("%nexit codes:%n");
        String footer = u.footerHeading().replace("%n", "").strip();
        if (!footer.isEmpty()) {
            u.footerHeading("%n" + footer.toLowerCase(Locale.ROOT) + ":%n");
        }
        cmd.getSubcommands().values().forEach(Usage::headings);
    }

    private static void listCommandsWithArguments(CommandLine root) {
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> {
            Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                    new Help.Column(20, 2, Help.Column.Overflow.SPAN),
                    new Help.Column(root.getUsageHelpWidth() - 20, 1, Help.Column.Overflow.WRAP));
            for (Map.Entry<String, CommandLine> e : help.commandSpec().subcommands().entrySet()) {
                CommandSpec c = e.getValue().getCommandSpec();
                if (c.usageMessage().hidden()) {
                    continue;
                }
                String args = c.positionalParameters().stream().filter(p -> !p.hidden())
                        .map(PositionalParamSpec::paramLabel).collect(Collectors.joining(" "));
                String[] header = c.usageMessage().header();
                String what = header.length > 0 ? header[0] : c.usageMessage().description().length > 0
                        ? c.usageMessage().description()[0] : "";
                table.addRowValues(e.getKey() + (args.isEmpty() || e.getKey().equals("help") ? "" : " " + args), what);
            }
            return table.toString();
        });
    }

    /** A command's own failure, with its exit code and one line that says what to do. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
