package io.azevents.pacemaker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Temporary copies of the test CIBs. */
final class CibFiles {
    static final String THREE_NODES = "/three-nodes.cib.xml";
    /** Remote node, guest node and bundle node, none in the nodes section. */
    static final String REMOTE_GUEST = "/remote-guest.cib.xml";
    /** Stonith enabled; one node lost (unclean, offline), one with a failed stop (unclean, online). */
    static final String UNCLEAN = "/unclean.cib.xml";
    /** A resource known from a recurring monitor only, a partial migration, a node shutting down. */
    static final String HISTORY = "/history.cib.xml";
    /** Health-move configuration; node1 already drained, db on node2 and banned from node3. */
    static final String HEALTH = "/health.cib.xml";

    private CibFiles() {
    }

    /** A fresh copy of the 3-node CIB in {@code dir}. */
    static Path copy(Path dir) {
        return copy(dir, THREE_NODES);
    }

    /** A fresh copy of the test CIB {@code resource} in {@code dir}. */
    static Path copy(Path dir, String resource) {
        try (InputStream in = CibFiles.class.getResourceAsStream(resource)) {
            Path file = Files.createTempFile(dir, "cib-", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String resource) {
        try (InputStream in = CibFiles.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a Pacemaker tool on {@code file} and insists it succeeds; returns its output. */
    static String tool(Path file, String... argv) {
        CommandRunner.Result r = CommandRunner.local().run(java.util.List.of(argv),
                java.util.Map.of("CIB_file", file.toString()), java.time.Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    /** A store on {@code file} that runs on {@code node}. */
    static CrmClusterAttributeStore store(Path file, String node, CommandRunner runner) {
        return CrmClusterAttributeStore.builder().cibFile(file).localNodeName(node).runner(runner).build();
    }
}
