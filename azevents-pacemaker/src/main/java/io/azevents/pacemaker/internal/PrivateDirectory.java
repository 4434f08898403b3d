package io.azevents.pacemaker.internal;

import io.azevents.core.ClusterStoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory only its owner can enter (0700), for copies of the CIB (which may hold secrets: fencing
 * passwords, resource parameters), whose files are created 0600 before any tool writes to them.
 * {@link #close()} deletes it with everything in it, so a try-with-resources block leaves nothing
 * behind, even on failure. Not thread-safe; one per operation.
 */
public final class PrivateDirectory implements AutoCloseable {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private final Path dir;

    private PrivateDirectory(Path dir) {
        this.dir = dir;
    }

    /** Creates a fresh private directory under {@code base}. */
    public static PrivateDirectory create(Path base) {
        try {
            Files.createDirectories(base);
            Path d = POSIX
                    ? Files.createTempDirectory(base, "azevents-cib-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(base, "azevents-cib-");
            return new PrivateDirectory(d);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ClusterStoreException("cannot create a private directory under " + base + ": " + e.getMessage(), e);
        }
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /** Creates the empty file {@code name} in the directory, readable and writable by its owner only. */
    public Path file(String name) {
        Path f = dir.resolve(name);
        try {
            return POSIX
                    ? Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createFile(f);
        } catch (IOException e) {
            throw new ClusterStoreException("cannot create " + f + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the directory and its files; never throws (a file that cannot be deleted is logged). */
    @Override
    public void close() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.getLogger(PrivateDirectory.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot delete the private directory {0}: {1}", dir, e.getMessage());
        }
    }
}
