package io.azevents.cli.ocf;

/** OCF exit codes (OCF resource agent API 1.0). */
final class Ocf {
    static final int SUCCESS = 0;
    static final int ERR_GENERIC = 1;
    static final int ERR_ARGS = 2;
    static final int ERR_UNIMPLEMENTED = 3;
    static final int ERR_PERM = 4;
    static final int ERR_INSTALLED = 5;
    static final int ERR_CONFIGURED = 6;
    static final int NOT_RUNNING = 7;

    private Ocf() {
    }

    /** Prints the line Pacemaker shows as the failure's reason. */
    static void exitReason(String reason) {
        System.err.println("ocf-exit-reason:" + reason.replace('\n', ' '));
    }
}
