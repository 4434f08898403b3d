package io.azevents.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {
    private final CommandRunner runner = CommandRunner.local();

    @Test
    @DisplayName("arguments reach the program as they are: no shell")
    void noShell() {
        CommandRunner.Result r = runner.run(List.of("echo", "a; rm -rf /tmp/x", "$HOME", "`id`"), Map.of(),
                Duration.ofSeconds(5));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("a; rm -rf /tmp/x $HOME `id`\n");
    }

    @Test
    @DisplayName("exit code, stdout, stderr and added environment come through")
    void result() {
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo out; echo \"$CIB_file\" >&2; exit 3"),
                Map.of("CIB_file", "/x.xml"), Duration.ofSeconds(5));
        assertThat(r).isEqualTo(new CommandRunner.Result(3, "out\n", "/x.xml\n"));
    }

    @Test
    @DisplayName("a command past its timeout is killed and reported")
    void timeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(List.of("sleep", "30"), Map.of(), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.commandLine()).containsExactly("sleep", "30");
                    assertThat(e.getMessage()).contains("sleep 30 timed out");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("a program that does not exist is an error, not a crash")
    void missingProgram() {
        assertThatThrownBy(() -> runner.run(List.of("/nonexistent/prog"), Map.of(), Duration.ofSeconds(1)))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("/nonexistent/prog");
    }

    @Test
    @DisplayName("a prefix goes in front of every command")
    void prefix() {
        CommandRunner.Result r = runner.withPrefix(List.of("env", "A=1")).run(List.of("sh", "-c", "echo $A"),
                Map.of(), Duration.ofSeconds(5));
        assertThat(r.stdout()).isEqualTo("1\n");
    }
}
