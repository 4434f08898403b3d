package io.azevents.pacemaker;

import io.azevents.pacemaker.internal.ProcessCommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one external command from an argument vector (never through a shell) and returns what it
 * answered, whatever its exit code. The store checks exit codes; a runner throws only when the
 * command could not be run to completion.
 *
 * <p>Implementations must be thread-safe. Tests wrap a runner to count the processes a store spawns,
 * or to run every command inside another node ({@link #withPrefix}).
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * What a finished command answered.
     *
     * @param exitCode the command's exit code
     * @param stdout   what it wrote to stdout, possibly empty
     * @param stderr   what it wrote to stderr, possibly empty
     */
    record Result(int exitCode, String stdout, String stderr) {
        /**
         * Checks that both outputs are present.
         *
         * @param exitCode the command's exit code
         * @param stdout   what it wrote to stdout, possibly empty
         * @param stderr   what it wrote to stderr, possibly empty
         * @throws NullPointerException if an output is null
         */
        public Result {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }

    /**
     * Runs {@code argv} with {@code environment} added to (or overriding) the inherited environment.
     *
     * @param argv        the program and its arguments, passed as they are (no shell)
     * @param environment variables to add or override; empty for the inherited environment alone
     * @param timeout     how long the command may run
     * @return its exit code and outputs, whatever the exit code
     * @throws CommandFailedException if it cannot be started or runs past {@code timeout} (then it
     *         is killed, with its descendants)
     */
    Result run(List<String> argv, Map<String, String> environment, Duration timeout);

    /**
     * Runs commands as child processes of this JVM, which inherit its environment ({@code CIB_file} included).
     *
     * @return the shared, thread-safe local runner
     */
    static CommandRunner local() {
        return ProcessCommandRunner.INSTANCE;
    }

    /**
     * A runner that puts {@code prefix} in front of every command, e.g.
     * {@code [cluster-lab.sh, exec, node2]} or {@code [ssh, host]}.
     *
     * @param prefix the arguments to put first; copied; empty runs commands unchanged
     * @return a runner that delegates to this one
     * @throws NullPointerException if {@code prefix} is null or holds null
     */
    default CommandRunner withPrefix(List<String> prefix) {
        List<String> p = List.copyOf(prefix);
        CommandRunner self = this;
        return (argv, environment, timeout) -> {
            List<String> all = new ArrayList<>(p);
            all.addAll(argv);
            return self.run(all, environment, timeout);
        };
    }
}
