package io.azevents.cli;

import io.azevents.cli.internal.Commands;

/**
 * The entry point of {@code azevents.jar}: {@code azevents <command> [options]}, and the OCF agents'
 * {@code azevents ocf <agent> <action>}. Exit codes are documented in {@code azevents --help}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int rc = Commands.run(args, System.getenv(), System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }
}
