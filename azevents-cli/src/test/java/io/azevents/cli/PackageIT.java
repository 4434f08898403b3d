package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Debian package the build makes: its control fields, its files and their modes, its maintainer
 * scripts; and, unpacked with {@code dpkg-deb -x} (never installed here), the agents it carries run.
 * {@code packaging/smoke-install.sh} proves {@code dpkg -i} on a machine CI may change.
 */
class PackageIT {
    private static Path deb;
    private static Path unpacked;

    @BeforeAll
    static void findPackage() throws IOException {
        Cli.requireTools("dpkg-deb");
        Path target = ArchitectureTest.projectRoot().resolve("azevents-cli/target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("azevents_.+_all\\.deb")).toList();
            assertThat(debs).as("one azevents_<version>_all.deb in " + target).hasSize(1);
            deb = debs.get(0);
        }
        unpacked = OcfMetaDataIT.agentHome().resolve("root");
        Cli.Result r = Cli.exec(List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()), Map.of(), 60);
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @AfterAll
    static void cleanUp() {
        if (unpacked != null) {
            OcfMetaDataIT.delete(unpacked.getParent());
        }
    }

    private static String dpkgDeb(String... args) {
        List<String> argv = Stream.concat(Stream.of("dpkg-deb"), Stream.of(args)).toList();
        Cli.Result r = Cli.exec(argv, Map.of(), 60);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    @DisplayName("the control file names the package, a Debian-valid version, the Java runtime and Pacemaker's tools")
    void control() {
        String fields = dpkgDeb("--field", deb.toString(), "Package", "Version", "Architecture", "Depends", "Recommends",
                "Maintainer", "Description");

        assertThat(fields).contains("Package: azevents\n").contains("Architecture: all\n")
                .contains("Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless\n")
                .contains("Recommends: pacemaker-cli-utils\n").contains("Maintainer: ").contains("Description: ");
        String version = dpkgDeb("--field", deb.toString(), "Version").strip();
        assertThat(version).matches("[0-9][A-Za-z0-9.+~]*").doesNotContain("-");
        assertThat(deb.getFileName().toString()).isEqualTo("azevents_" + version + "_all.deb");
    }

    @Test
    @DisplayName("it installs the jar, its class list, both agents and the command, with their modes")
    void contents() {
        String contents = dpkgDeb("--contents", deb.toString());

        assertThat(contents).containsPattern("-rw-r--r-- root/root +\\d+ .* \\./usr/share/azevents/azevents\\.jar\n")
                .containsPattern("-rw-r--r-- root/root +\\d+ .* \\./usr/share/azevents/azevents\\.classlist\n")
                .containsPattern("l[rwx-]{9} root/root +0 .* \\./usr/share/azevents/azevents\\.jsa -> /var/cache/azevents/azevents\\.jsa\n")
                .containsPattern("drwxr-xr-x root/root +0 .* \\./var/cache/azevents/\n")
                .containsPattern("-rwxr-xr-x root/root +\\d+ .* \\./usr/lib/ocf/resource\\.d/azevents/azure-events-az\n")
                .containsPattern("-rwxr-xr-x root/root +\\d+ .* \\./usr/lib/ocf/resource\\.d/azevents/azure-events\n")
                .containsPattern("-rwxr-xr-x root/root +\\d+ .* \\./usr/bin/azevents\n");
    }

    @Test
    @DisplayName("postinst makes the CDS archive, prerm removes it, and a JDK change under /usr/lib/jvm remakes it")
    void maintainerScripts() {
        String info = dpkgDeb("--info", deb.toString());
        assertThat(info).contains("postinst").contains("prerm").contains("triggers");
        assertThat(dpkgDeb("--info", deb.toString(), "triggers")).contains("interest-noawait /usr/lib/jvm");
        assertThat(dpkgDeb("--info", deb.toString(), "postinst")).contains("-Xshare:dump").contains("triggered");
    }

    @Test
    @DisplayName("the packaged files are the built jar and the wrappers of packaging/")
    void sameFiles() throws IOException {
        assertThat(Files.mismatch(unpacked.resolve("usr/share/azevents/azevents.jar"), Cli.jar())).isEqualTo(-1L);
        Path packaging = ArchitectureTest.projectRoot().resolve("packaging");
        for (String agent : OcfMetaDataIT.AGENTS) {
            assertThat(Files.mismatch(unpacked.resolve("usr/lib/ocf/resource.d/azevents").resolve(agent),
                    packaging.resolve("ocf").resolve(agent))).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(unpacked.resolve("usr/bin/azevents"), packaging.resolve("bin/azevents"))).isEqualTo(-1L);
    }

    @Test
    @DisplayName("the jar carries the simulation the demo runs on, not the test kit nor a test framework")
    void noTestKitInTheJar() throws IOException {
        List<String> entries;
        try (ZipFile jar = new ZipFile(Cli.jar().toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries).contains("io/azevents/simulation/InMemoryCluster.class", "io/azevents/simulation/FakeAzure.class");
        assertThat(entries).as("test kit and test framework classes in the agent's jar")
                .noneMatch(e -> e.startsWith("io/azevents/testkit/") || e.startsWith("org/junit/")
                        || e.startsWith("org/assertj/") || e.startsWith("org/opentest4j/"));
    }

    @Test
    @DisplayName("the unpacked azevents command runs, with the archive the shipped class list makes")
    void unpackedCommandRuns() throws IOException {
        Path share = unpacked.resolve("usr/share/azevents");
        Files.delete(share.resolve("azevents.jsa")); // the link points at this machine's /var/cache
        OcfMetaDataIT.dumpArchive(share);

        Cli.Result r = Cli.exec(List.of(unpacked.resolve("usr/bin/azevents").toString(), "--help"),
                Map.of("AZEVENTS_HOME", share.toString(), "AZEVENTS_JAVA", Cli.javaBin()), 120);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ocf AGENT ACTION");
    }
}
