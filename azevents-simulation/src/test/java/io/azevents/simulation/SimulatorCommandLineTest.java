package io.azevents.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimulatorCommandLineTest {
    @Test
    @DisplayName("the simulator runs from the command line, says where it listens and takes commands")
    void run() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = SimulatorMain.run(new String[] {"--bind", "127.0.0.1", "--port", "0", "--vm", "node1",
                        "--event", "Reboot"},
                new ByteArrayInputStream("schedule Freeze node1 node2\nlist\nquit\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(text).containsPattern("listening on http://127\\.0\\.0\\.1:\\d+")
                .contains("Reboot Scheduled [node1]", "Freeze Scheduled [node1, node2]", "incarnation 3");
    }

    @Test
    @DisplayName("an unknown option prints the usage and exits 2")
    void badOption() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SimulatorMain.run(new String[] {"--proxy"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --proxy", "usage:");
    }
}
