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

    private CibFiles() {
    }

    /** A fresh copy of the 3-node CIB in {@code dir}. */
    static Path copy(Path dir) {
        try (InputStream in = CibFiles.class.getResourceAsStream(THREE_NODES)) {
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

    /** A store on {@code file} that runs on {@code node}. */
    static CrmClusterAttributeStore store(Path file, String node, CommandRunner runner) {
        return CrmClusterAttributeStore.builder().cibFile(file).localNodeName(node).runner(runner).build();
    }
}
