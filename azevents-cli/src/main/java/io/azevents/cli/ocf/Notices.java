package io.azevents.cli.ocf;

import io.azevents.cli.wiring.PacemakerTools;
import io.azevents.pacemaker.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Publishes the agent's transitions as the transient node attribute {@value #ATTRIBUTE}, through
 * Pacemaker's attribute manager ({@code attrd_updater}), so that Pacemaker's own alerts carry them to
 * {@code azevents-alert} and on to syslog or a webhook. Pacemaker sends attribute alerts only for
 * attributes its attribute manager handles; the agent's own attributes are permanent ones written
 * to the CIB, which never raise an alert, hence this one. Its value is a few words:
 * {@code drain ID[,ID] TYPE NOTBEFORE}, {@code empty IDS}, {@code approved IDS}, {@code on-hold IDS},
 * {@code back IDS}. At most one {@code attrd_updater} per node and cycle with a transition (three per
 * event: drain, approved, back), none at rest;
 * never with {@code observe_only}, never on a CIB file. A failure is logged, never fatal.
 */
final class Notices {
    static final String ATTRIBUTE = "azevents-notice";
    private final Map<String, String> env;
    private final CommandRunner runner;

    Notices(Map<String, String> env, CommandRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    /** True where there is a live cluster to tell: no CIB file, attrd_updater installed. */
    boolean enabled() {
        String cibFile = env.get("CIB_file");
        return (cibFile == null || cibFile.isBlank()) && PacemakerTools.onPath("attrd_updater");
    }

    /** Sets {@value #ATTRIBUTE} of {@code node} to {@code value} (already made of safe words). */
    void publish(String node, String value) {
        List<String> argv = List.of("attrd_updater", "--name", ATTRIBUTE, "--update", value, "--node", node);
        try {
            CommandRunner.Result r = runner.run(argv, Map.of(), Duration.ofSeconds(5));
            if (r.exitCode() != 0) {
                Log.get().warn("notice not published (" + String.join(" ", argv) + "): exit " + r.exitCode()
                        + " " + r.stderr().strip());
            }
        } catch (RuntimeException e) {
            Log.get().warn("notice not published: " + e.getMessage());
        }
    }
}
