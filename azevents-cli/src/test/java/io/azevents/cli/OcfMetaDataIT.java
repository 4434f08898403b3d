package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The meta-data of both agents validates against Pacemaker's {@code ra-api-1.dtd}, through the jar
 * and through the OCF wrapper scripts of {@code packaging/ocf/} (with and without a class-data-sharing
 * archive, and with an archive the JVM must refuse: stdout stays clean XML either way).
 */
class OcfMetaDataIT {
    static final String DTD = "/usr/share/resource-agents/ra-api-1.dtd";
    static final List<String> AGENTS = List.of("azure-events-az", "azure-events");
    private static Path home;

    @BeforeAll
    static void install() {
        Cli.requireTools("xmllint", "ocf-tester");
        home = agentHome();
    }

    @AfterAll
    static void cleanUp() {
        delete(home);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"azure-events-az", "azure-events"})
    @DisplayName("ocf AGENT meta-data from the jar is valid ra-api-1.dtd XML naming the agent")
    void jarMetaData(String agent) {
        Cli.Result r = Cli.run(Map.of(), "ocf", agent, "meta-data");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("<?xml").contains("<resource-agent name=\"" + agent + "\"")
                .contains("<action name=\"monitor\"").contains("<action name=\"validate-all\"");
        assertValid(r.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"azure-events-az", "azure-events"})
    @DisplayName("the wrapper script prints exactly the jar's meta-data, and nothing else on stdout")
    void wrapperMetaData(String agent) {
        Cli.Result viaJar = Cli.run(Map.of(), "ocf", agent, "meta-data");

        Cli.Result viaWrapper = wrapper(home, agent, Map.of(), "meta-data");

        assertThat(viaWrapper.exitCode()).as(viaWrapper.toString()).isZero();
        assertThat(viaWrapper.out()).isEqualTo(viaJar.out());
        assertValid(viaWrapper.out());
    }

    @Test
    @DisplayName("the wrappers use a readable CDS archive, and ignore a foreign or broken one silently")
    void classDataSharing() throws IOException {
        Path withCds = agentHome();
        Path other = agentHome();
        try {
            String expected = Cli.run(Map.of(), "ocf", "azure-events-az", "meta-data").out();
            dumpArchive(withCds);
            // -Xshare:on fails instead of falling back: the archive is valid for this JDK and path.
            Cli.Result strict = Cli.exec(List.of(Cli.javaBin(), "-Xshare:on",
                    "-XX:SharedArchiveFile=" + withCds.resolve("azevents.jsa"), "-jar",
                    withCds.resolve("azevents.jar").toString(), "ocf", "azure-events-az", "meta-data"), Map.of(), 120);
            assertThat(strict.exitCode()).as(strict.toString()).isZero();
            assertThat(wrapper(withCds, "azure-events-az", Map.of(), "meta-data").out()).isEqualTo(expected);

            // An archive made for another path (the jar moved, or AZEVENTS_HOME changed): a dynamic one,
            // whose refusal a bare JVM reports on stdout, which would corrupt the meta-data ...
            Cli.Result dynamic = Cli.exec(List.of(Cli.javaBin(), "-XX:ArchiveClassesAtExit=" + other.resolve("azevents.jsa"),
                    "-jar", withCds.resolve("azevents.jar").toString(), "ocf", "azure-events-az", "meta-data"), Map.of(), 120);
            assertThat(dynamic.exitCode()).as(dynamic.toString()).isZero();
            Cli.Result foreign = wrapper(other, "azure-events-az", Map.of(), "meta-data");
            assertThat(foreign.exitCode()).as(foreign.toString()).isZero();
            assertThat(foreign.out()).isEqualTo(expected);
            assertThat(foreign.err()).isEmpty();

            // ... or a truncated one (a JDK update half done, a full disk) changes nothing either.
            Files.write(other.resolve("azevents.jsa"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            Cli.Result broken = wrapper(other, "azure-events", Map.of(), "meta-data");
            assertThat(broken.exitCode()).as(broken.toString()).isZero();
            assertThat(broken.out()).startsWith("<?xml").contains("<resource-agent name=\"azure-events\"");
            assertThat(broken.err()).isEmpty();
        } finally {
            delete(withCds);
            delete(other);
        }
    }

    @Test
    @DisplayName("an OCF parameter full of shell syntax is data, never a command")
    void parametersAreNotInterpolated() {
        Path marker = home.resolve("marker");
        String evil = "Reboot$(touch " + marker + ")`touch " + marker + "`;touch " + marker;

        Cli.Result r = wrapper(home, "azure-events-az", Map.of("OCF_RESKEY_eventTypes", evil,
                "HA_RSCTMP", home.resolve("rsc").toString(), "CIB_file", "/nonexistent/cib.xml"), "validate-all");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("ocf-exit-reason:");
        assertThat(marker).doesNotExist();
    }

    @Test
    @DisplayName("without its jar or its java: a probe answers 7 (not running), stop 0, start and validate-all 5 (not installed)")
    void notInstalled() {
        Path empty = home.resolve("empty");
        Map<String, String> noJar = Map.of("AZEVENTS_HOME", empty.toString());
        Map<String, String> noJava = Map.of("AZEVENTS_JAVA", "/nonexistent/java");

        for (Map<String, String> env : List.of(noJar, noJava)) {
            for (String agent : List.of("azure-events", "azure-events-az")) {
                Cli.Result probe = wrapper(home, agent, env, "monitor");
                assertThat(probe.exitCode()).as(agent + " " + env + " probe: " + probe).isEqualTo(7);
                Cli.Result stop = wrapper(home, agent, env, "stop");
                assertThat(stop.exitCode()).as(agent + " " + env + " stop: " + stop).isZero();
                for (String action : List.of("start", "validate-all", "meta-data")) {
                    Cli.Result r = wrapper(home, agent, env, action);
                    assertThat(r.exitCode()).as(agent + " " + env + " " + action + ": " + r).isEqualTo(5);
                    assertThat(r.err()).as(action).startsWith("ocf-exit-reason:").contains("is missing");
                }
            }
        }
    }

    /** Runs a wrapper script copied into {@code home}, as Pacemaker would. */
    static Cli.Result wrapper(Path home, String agent, Map<String, String> env, String action) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("AZEVENTS_HOME", home.toString());
        all.putIfAbsent("AZEVENTS_JAVA", Cli.javaBin());
        return Cli.exec(List.of(home.resolve("ocf").resolve(agent).toString(), action), all, 120);
    }

    /**
     * A world-readable copy of what the package installs: the jar as {@code azevents.jar}, the class
     * list, and the wrappers under {@code ocf/} (ocf-tester runs meta-data as nobody).
     */
    static Path agentHome() {
        try {
            Path dir = Files.createTempDirectory("azevents-home", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.copy(Cli.jar(), dir.resolve("azevents.jar"));
            Path classList = ArchitectureTest.projectRoot().resolve("azevents-cli/target/azevents.classlist");
            if (Files.exists(classList)) {
                Files.copy(classList, dir.resolve("azevents.classlist"));
            }
            Path ocf = Files.createDirectory(dir.resolve("ocf"));
            for (String agent : AGENTS) {
                Files.copy(ArchitectureTest.projectRoot().resolve("packaging/ocf").resolve(agent), ocf.resolve(agent),
                        StandardCopyOption.COPY_ATTRIBUTES);
                Files.setPosixFilePermissions(ocf.resolve(agent), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            for (Path p : List.of(dir.resolve("azevents.jar"), ocf)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the package's postinst does, for {@code home}'s jar: a static archive from the shipped class list. */
    static void dumpArchive(Path home) {
        assertThat(home.resolve("azevents.classlist")).as("the class list (mvn package)").exists();
        Cli.Result dump = Cli.exec(List.of(Cli.javaBin(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + home.resolve("azevents.classlist"),
                "-XX:SharedArchiveFile=" + home.resolve("azevents.jsa"), "-cp", home.resolve("azevents.jar").toString()),
                Map.of(), 300);
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(home.resolve("azevents.jsa")).isNotEmptyFile();
    }

    static void assertValid(String metaData) {
        try {
            Path file = Files.createTempFile("azevents-meta-data", ".xml");
            try {
                Files.writeString(file, metaData);
                List<String> argv = new ArrayList<>(List.of("xmllint", "--noout", "--dtdvalid", DTD, file.toString()));
                Cli.Result r = Cli.exec(argv, Map.of(), 60);
                assertThat(r.exitCode()).as("xmllint --dtdvalid " + DTD + "\n" + r).isZero();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
