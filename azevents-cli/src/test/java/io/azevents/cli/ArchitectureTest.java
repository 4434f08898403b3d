package io.azevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Dependencies point one way: core &lt;- adapters and strategies &lt;- cli, and core &lt;- simulation
 * &lt;- testkit and cli. Checked twice, on each module's POM (every scope) and on its Java sources
 * (imports and fully qualified names), so both a new dependency and a stray import fail the build.
 * The simulation module, which the agent's jar carries for the demo, names no test framework.
 */
class ArchitectureTest {
    private static final String JACKSON = "com.fasterxml.";
    private static final String GUAVA = "com.google.common.";
    private static final String IMDS = "io.azevents.imds";
    private static final String PACEMAKER = "io.azevents.pacemaker";
    private static final String AZ_HEALTH = "io.azevents.azhealth";
    private static final String LEGACY = "io.azevents.legacy";
    private static final String CLI = "io.azevents.cli";
    private static final String SIMULATION = "io.azevents.simulation";
    private static final String TESTKIT = "io.azevents.testkit";
    /** The test frameworks the test kit brings, which the simulation module and the agent's jar do without. */
    private static final List<String> TEST_FRAMEWORKS = List.of("org.junit", "org.assertj", "org.opentest4j");

    /** module -> packages and artifacts it must never reach. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("azevents-core", List.of(JACKSON, GUAVA, IMDS, PACEMAKER, AZ_HEALTH, LEGACY, CLI, SIMULATION, TESTKIT)),
                Arguments.of("azevents-simulation", List.of(JACKSON, GUAVA, IMDS, PACEMAKER, AZ_HEALTH, LEGACY, CLI, TESTKIT)),
                Arguments.of("azevents-az-health", List.of(IMDS, PACEMAKER, LEGACY, CLI, JACKSON)),
                Arguments.of("azevents-legacy-pullstate", List.of(IMDS, PACEMAKER, AZ_HEALTH, CLI, JACKSON)),
                Arguments.of("azevents-imds", List.of(PACEMAKER, AZ_HEALTH, LEGACY, CLI)),
                Arguments.of("azevents-pacemaker", List.of(IMDS, AZ_HEALTH, LEGACY, CLI, JACKSON)),
                Arguments.of("azevents-testkit", List.of(IMDS, PACEMAKER, AZ_HEALTH, LEGACY, CLI)));
    }

    private static final Map<String, String> ARTIFACT_OF = Map.of(
            JACKSON, "com.fasterxml.jackson", GUAVA, "com.google.guava", IMDS, "azevents-imds",
            PACEMAKER, "azevents-pacemaker", AZ_HEALTH, "azevents-az-health", LEGACY, "azevents-legacy-pullstate",
            CLI, "azevents-cli", SIMULATION, "azevents-simulation", TESTKIT, "azevents-testkit");

    static Path projectRoot() {
        String env = System.getenv("AZEVENTS_PROJECT_ROOT");
        Path p = env != null ? Path.of(env) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("azevents-core/pom.xml"))) {
            p = p.getParent();
        }
        assertThat(p).as("project root with azevents-core/pom.xml").isNotNull();
        return p;
    }

    @ParameterizedTest(name = "{0} main code reaches none of {1}")
    @MethodSource("rules")
    @DisplayName("sources never name a forbidden package")
    void sources(String module, List<String> forbidden) throws IOException {
        Path src = projectRoot().resolve(module).resolve("src/main/java");
        assertThat(src).isDirectory();
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    for (String pkg : forbidden) {
                        if (lines.get(i).contains(pkg)) {
                            offences.add(src.relativize(f) + ":" + (i + 1) + " names " + pkg);
                        }
                    }
                }
            }
        }
        assertThat(offences).as("forbidden references in " + module).isEmpty();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the simulation module's main code names no test framework (the agent's jar carries it)")
    void simulationNamesNoTestFramework() throws IOException {
        sources("azevents-simulation", TEST_FRAMEWORKS);
    }

    @ParameterizedTest(name = "{0} main code names neither the simulation nor the test kit")
    @ValueSource(strings = {"azevents-imds", "azevents-pacemaker",
        "azevents-az-health", "azevents-legacy-pullstate"})
    @DisplayName("adapters and strategies ship no simulator: the simulation is for their tests only")
    void productionModulesShipNoSimulation(String module) throws IOException {
        sources(module, List.of(SIMULATION, TESTKIT));
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the simulation module and the CLI declare the test kit and test frameworks at test scope only")
    void testFrameworksOnlyAtTestScope() throws Exception {
        List<String> offences = new ArrayList<>();
        for (String module : List.of("azevents-simulation", "azevents-cli")) {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(projectRoot().resolve(module).resolve("pom.xml").toFile());
            NodeList deps = doc.getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element d = (Element) deps.item(i);
                String coordinates = text(d, "groupId") + ":" + text(d, "artifactId");
                boolean testOnly = coordinates.endsWith(":azevents-testkit")
                        || TEST_FRAMEWORKS.stream().anyMatch(coordinates::startsWith);
                if (testOnly && !text(d, "scope").equals("test")) {
                    offences.add(module + " " + coordinates + " in scope " + text(d, "scope"));
                }
            }
        }
        assertThat(offences).as("test-only dependencies outside test scope").isEmpty();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("only the operator commands name picocli: the OCF agent and its wiring run without a parser")
    void parserStaysInCommands() throws IOException {
        Path cli = projectRoot().resolve("azevents-cli/src/main/java/io/azevents/cli");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cli)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                if (!cli.relativize(f).startsWith("commands") && Files.readString(f).contains("picocli")) {
                    offences.add(cli.relativize(f).toString());
                }
            }
        }
        assertThat(offences).as("files outside io.azevents.cli.commands that name picocli").isEmpty();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the CLI parses no Pacemaker XML: the CIB is read by the Pacemaker adapter alone")
    void noXmlParsingInCli() throws IOException {
        assertThat(cliSourcesNaming("javax.xml", "org.w3c.dom", "org.xml.sax"))
                .as("CLI sources that parse XML").isEmpty();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the CLI names no strategy: each provider says its OCF agent, its attributes and its rules")
    void noStrategyNamesInCli() throws IOException {
        List<String> literals = io.azevents.core.Strategies.discover().names().stream()
                .map(n -> "\"" + n + "\"").toList();
        assertThat(literals).as("strategies found on the test class path").isNotEmpty();
        assertThat(cliSourcesNaming(literals.toArray(String[]::new)))
                .as("CLI sources with a strategy name in a string literal").isEmpty();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the OCF agent's internals stay its own: outside io.azevents.cli.ocf, only its entry OcfMain is named")
    void ocfInternalsStayInOcf() throws IOException {
        Path cli = projectRoot().resolve("azevents-cli/src/main/java/io/azevents/cli");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cli)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                if (cli.relativize(f).startsWith("ocf")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).replace("io.azevents.cli.ocf.OcfMain", "");
                    if (l.contains("io.azevents.cli.ocf")) {
                        offences.add(cli.relativize(f) + ":" + (i + 1));
                    }
                }
            }
        }
        assertThat(offences).as("files outside io.azevents.cli.ocf that reach into it").isEmpty();
    }

    /** {@code file:line names x} for each line of the CLI's main sources that contains one of {@code needles}. */
    private static List<String> cliSourcesNaming(String... needles) throws IOException {
        Path src = projectRoot().resolve("azevents-cli/src/main/java");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    for (String needle : needles) {
                        if (lines.get(i).contains(needle)) {
                            offences.add(src.relativize(f) + ":" + (i + 1) + " names " + needle);
                        }
                    }
                }
            }
        }
        return offences;
    }

    @ParameterizedTest(name = "{0} POM depends on none of {1}")
    @MethodSource("rules")
    @DisplayName("POMs never declare a forbidden dependency, in any scope")
    void poms(String module, List<String> forbidden) throws Exception {
        Path pom = projectRoot().resolve(module).resolve("pom.xml");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList deps = doc.getElementsByTagName("dependency");
        List<String> offences = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String coordinates = text(d, "groupId") + ":" + text(d, "artifactId");
            for (String pkg : forbidden) {
                if (coordinates.contains(ARTIFACT_OF.get(pkg))) {
                    offences.add(coordinates);
                }
            }
        }
        assertThat(offences).as("forbidden dependencies of " + module).isEmpty();
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }
}
