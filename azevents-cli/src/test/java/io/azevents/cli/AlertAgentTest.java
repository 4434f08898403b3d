package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pacemaker alert agent {@code packaging/alerts/azevents-alert}, run as Pacemaker runs it: an
 * empty environment but for the {@code CRM_alert_*} variables and the alert's instance attributes.
 * {@code logger} and {@code curl} are stand-ins on the PATH that record their arguments and input.
 */
class AlertAgentTest {
    private static final String ID = "445b007d-d545-4216-9554-09749e12c60f";
    @TempDir
    Path dir;
    Path bin;
    Path out;

    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        out = dir.resolve("alerts.log");
        stub("logger", "printf '%s\\n' \"$*\" >> \"" + dir.resolve("syslog") + "\"");
        stub("curl", "printf '%s\\n' \"$@\" > \"" + dir.resolve("curl.args") + "\"; cat > \"" + dir.resolve("curl.stdin") + "\"");
    }

    private void stub(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int alert(String kind, String node, String name, String value, String recipient) throws Exception {
        Path script = ArchitectureTest.projectRoot().resolve("packaging/alerts/azevents-alert");
        ProcessBuilder pb = new ProcessBuilder(script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout").toFile());
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("PATH", bin + ":/usr/bin:/bin");
        e.put("CRM_alert_kind", kind);
        e.put("CRM_alert_node", node);
        e.put("CRM_alert_attribute_name", name);
        e.put("CRM_alert_attribute_value", value);
        e.put("CRM_alert_recipient", recipient);
        e.put("CRM_alert_timestamp", "03:50:39.123");
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    @Test
    @DisplayName("a drain and a return, as the agent publishes them, come out as exactly these lines, in order")
    void drainAndRestore() throws Exception {
        String[] values = {"drain " + ID + " Reboot 2026-11-22T04:05:38Z", "empty " + ID, "approved " + ID, "back " + ID};
        for (String v : values) {
            assertThat(alert("attribute", "node1", "azevents-notice", v, out.toString())).isZero();
        }

        List<String> expected = List.of(
                "azevents: node1 is drained for Azure event " + ID + " (Reboot) due at 2026-11-22T04:05:38Z",
                "azevents: node1 is empty: nothing runs there for Azure event " + ID,
                "azevents: node1 asked Azure to start event " + ID + " now",
                "azevents: node1 is back after Azure event " + ID);
        assertThat(lines(out)).containsExactlyElementsOf(expected);
        assertThat(lines(dir.resolve("syslog"))).containsExactlyElementsOf(
                expected.stream().map(l -> "-t azevents-alert -p daemon.notice -- " + l).toList());
    }

    @Test
    @DisplayName("the agent's own attributes read as one line each when Pacemaker reports them")
    void agentAttributes() throws Exception {
        alert("attribute", "node1", "azure-events-az_curNodeState", "STOPPING", out.toString());
        alert("attribute", "node1", "azure-events-az_pendingEventIDs", ID, out.toString());
        alert("attribute", "node1", "#health-azure", "-1000000", out.toString());
        alert("attribute", "node1", "#health-azure", "0", out.toString());
        alert("attribute", "node1", "azure-events_curNodeState", "AVAILABLE", out.toString());
        alert("attribute", "node1", "azure-events-az_pendingEventIDs", "", out.toString());

        assertThat(lines(out)).containsExactly(
                "azevents: node1 is draining for a scheduled Azure event (state STOPPING)",
                "azevents: node1 is drained for Azure event(s) " + ID,
                "azevents: node1 is drained for an Azure event (#health-azure=-1000000): its resources move to other nodes",
                "azevents: node1 is healthy again (#health-azure=0): its resources may come back",
                "azevents: node1 is back after its Azure event (state AVAILABLE)");
    }

    @Test
    @DisplayName("other alerts and other attributes say nothing and succeed")
    void ignored() throws Exception {
        assertThat(alert("node", "node1", "", "", out.toString())).isZero();
        assertThat(alert("resource", "node1", "", "", out.toString())).isZero();
        assertThat(alert("attribute", "node1", "master-db", "10", out.toString())).isZero();
        assertThat(alert("attribute", "node1", "azevents-notice", "back " + ID, "")).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("nothing from the alert is ever run: hostile values are reduced to plain characters")
    void hostileValues() throws Exception {
        Path pwned = dir.resolve("pwned");
        int rc = alert("attribute", "node1;touch " + pwned, "azevents-notice",
                "back $(touch " + pwned + ") `touch " + pwned + "` *", out.toString());

        assertThat(rc).isZero();
        assertThat(pwned).doesNotExist();
        assertThat(lines(out)).hasSize(1);
        assertThat(lines(out).get(0)).doesNotContain("$(", "`", ";", "/").startsWith("azevents: node1?touch ");
    }

    @Test
    @DisplayName("an https recipient gets the line as JSON through curl: https only, the URL one argument, data on stdin")
    void webhook() throws Exception {
        String url = "https://hooks.example.com/azevents?token=abc";
        assertThat(alert("attribute", "node1", "azevents-notice", "back " + ID, url)).isZero();

        List<String> args = lines(dir.resolve("curl.args"));
        assertThat(args).contains("--proto", "=https", "--data-binary", "@-").endsWith("--", url);
        String body = Files.readString(dir.resolve("curl.stdin"), StandardCharsets.UTF_8);
        assertThat(body).contains("\"node\":\"node1\"", "\"attribute\":\"azevents-notice\"",
                "\"text\":\"node1 is back after Azure event " + ID + "\"", "\"timestamp\":\"03:50:39.123\"");
        assertThat(lines(dir.resolve("syslog"))).hasSize(1);
    }

    @Test
    @DisplayName("a recipient that is neither https nor an absolute path is not used; http is refused")
    void otherRecipients() throws Exception {
        assertThat(alert("attribute", "node1", "azevents-notice", "back " + ID, "http://hooks.example.com/x")).isZero();
        assertThat(alert("attribute", "node1", "azevents-notice", "back " + ID, "admin@example.com")).isZero();
        assertThat(dir.resolve("curl.args")).doesNotExist();
        assertThat(lines(dir.resolve("syslog"))).hasSize(2);
    }
}
