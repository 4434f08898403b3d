package io.azevents.pacemaker.internal;

import io.azevents.pacemaker.CommandFailedException;
import io.azevents.pacemaker.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link CommandRunner} on {@link ProcessBuilder}: no shell, stdin closed, stdout and stderr read
 * fully in parallel, the process tree killed on timeout. Thread-safe and stateless.
 */
public final class ProcessCommandRunner implements CommandRunner {
    /** The one instance. */
    public static final ProcessCommandRunner INSTANCE = new ProcessCommandRunner();

    private ProcessCommandRunner() {
    }

    @Override
    public Result run(List<String> argv, Map<String, String> environment, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CommandFailedException(argv, CommandFailedException.NO_EXIT_CODE, e.getMessage(), false, e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new CommandFailedException(argv, CommandFailedException.NO_EXIT_CODE,
                        "no answer within " + timeout.toMillis() + " ms", true, null);
            }
            Result r = new Result(p.exitValue(), out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            return r;
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new CommandFailedException(argv, CommandFailedException.NO_EXIT_CODE, "interrupted", false, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            kill(p);
            throw new CommandFailedException(argv, CommandFailedException.NO_EXIT_CODE,
                    "could not read its output: " + e, false, e);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                f.completeExceptionally(e);
            }
        }, "azevents-cmd-reader");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }
}
