package io.azevents.pacemaker.internal;

import io.azevents.core.ClusterStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises changes to one CIB file. On a live cluster the CIB daemon orders every update; on a
 * file, {@code cibadmin} reads, changes and rewrites it with no lock, so two concurrent writers can
 * both "succeed" (measured: three racing {@code cibadmin --create} of one id all exit 0). This lock
 * (a JVM lock plus an advisory lock on {@code <file>.lock}) restores the live cluster's behaviour for
 * every store in every process that uses it; tools run by hand are not covered. Thread-safe.
 */
public final class CibFileLock {
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private CibFileLock() {
    }

    /** Runs {@code action} holding the lock of {@code cibFile}. */
    public static <T> T with(Path cibFile, Supplier<T> action) {
        Path file = cibFile.toAbsolutePath().normalize();
        ReentrantLock lock = LOCKS.computeIfAbsent(file, k -> new ReentrantLock());
        lock.lock();
        try (FileChannel ch = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new ClusterStoreException("cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
