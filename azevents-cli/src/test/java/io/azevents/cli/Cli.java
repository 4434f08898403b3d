package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code azevents.jar} as a user would (a separate JVM, real arguments) and checks
 * for the tools a test needs: a missing tool skips the test, except under {@code CI=true}, where it fails.
 */
final class Cli {
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Path jar() {
        Path jar = ArchitectureTest.projectRoot().resolve("azevents-cli/target/azevents.jar");
        assertThat(jar).as("the packaged jar (run mvn verify)").exists();
        return jar;
    }

    static Result run(Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString()));
        argv.addAll(List.of(args));
        return exec(argv, env, 120);
    }

    static Result exec(List<String> argv, Map<String, String> env, int timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("CIB_file");
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + argv);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a tool (crm, crm_attribute, cibadmin) on {@code cib} and insists it succeeds. */
    static Result tool(Path cib, String... argv) {
        Result r = exec(List.of(argv), Map.of("CIB_file", cib.toString()), 60);
        assertThat(r.exitCode()).as(String.join(" ", argv) + "\n" + r).isZero();
        return r;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Skips (or, under CI=true, fails) unless {@code dir} is writable (root). */
    static void requireWritable(Path dir) {
        io.azevents.testkit.Requirements.requireWritable(dir, "run as root");
    }

    /** Skips (or, under CI=true, fails) unless every tool is on the PATH. */
    static void requireTools(String... tools) {
        io.azevents.testkit.Requirements.requireTools(tools);
    }

    /** Polls {@code condition} every 100 ms for up to {@code millis}; true as soon as it holds. */
    static boolean within(long millis, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
