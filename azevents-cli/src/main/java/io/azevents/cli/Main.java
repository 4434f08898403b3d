package io.azevents.cli;

import io.azevents.cli.commands.AzeventsCommand;
import io.azevents.cli.ocf.OcfMain;
import java.util.Arrays;

/**
 * The entry point of {@code azevents.jar}: {@code azevents <command> [options]}, and the OCF agents'
 * {@code azevents ocf <agent> <action>}. Exit codes are documented in {@code azevents --help}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // The OCF path skips the command-line parser: Pacemaker runs it every monitor interval, and
        // its output and exit codes are the OCF contract, unchanged.
        int rc = args.length > 0 && args[0].equals("ocf")
                ? OcfMain.run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out, System.err)
                : AzeventsCommand.run(args, System.getenv(), System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }
}
