package io.azevents.imds;

import io.azevents.core.Names;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The VM name, read from IMDS once and kept in memory and, if a file is given, in that file
 * (owner-only, 0600) so that the next JVM need not ask again. The file's content is validated with
 * {@link Names#isNodeName} on every read: a damaged or tampered file is ignored and rewritten.
 * Thread-safe.
 */
final class VmNameCache {
    private final Optional<Path> file;
    private String name;

    public VmNameCache(Optional<Path> file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The cached name, from memory or the file; empty if none or the file holds no valid name. */
    public synchronized Optional<String> get() {
        if (name == null && file.isPresent()) {
            try {
                Optional<String> text = PrivateFiles.read(file.get()).map(String::trim);
                if (text.isPresent() && Names.isNodeName(text.get())) {
                    name = text.get();
                } else if (text.isPresent()) {
                    Logs.imds().log(Level.WARNING, "ignoring the VM name cache {0}: it holds {1}, not a VM name",
                            file.get(), Names.quote(text.get()));
                }
            } catch (IOException e) {
                Logs.imds().log(Level.WARNING, "cannot read the VM name cache {0}: {1}", file.get(), e.toString());
            }
        }
        return Optional.ofNullable(name);
    }

    /** Remembers {@code vmName}; a file that cannot be written is logged, not fatal. */
    public synchronized void put(String vmName) {
        if (!Names.isNodeName(vmName)) {
            throw new IllegalArgumentException("not a VM name: " + Names.quote(vmName));
        }
        name = vmName;
        if (file.isPresent()) {
            try {
                PrivateFiles.write(file.get(), vmName + "\n");
            } catch (IOException e) {
                Logs.imds().log(Level.WARNING, "cannot write the VM name cache {0}: {1}", file.get(), e.toString());
            }
        }
    }

    /** Forgets the name in memory, so that the next {@link #get()} reads the file again. */
    public synchronized void forget() {
        name = null;
    }
}
