package io.azevents.imds;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Logs a failure that repeats every cycle at WARNING once, then at DEBUG until it changes or a
 * success ends it (logged at INFO). Failures are compared by a signature that leaves out what varies
 * from one cycle to the next (timings, attempt counts).
 *
 * <p>The OCF monitor runs each cycle in a new JVM, so memory alone would warn every cycle: give a
 * state file (next to the VM-name cache, for example {@code $HA_RSCTMP/azevents-imds-failure}) and
 * the last signature survives between JVMs. Thread-safe.
 */
final class RepeatingFailureLog {
    private final Supplier<Logger> log;
    private final Optional<Path> stateFile;
    private boolean loaded;
    private String last;

    public RepeatingFailureLog(Supplier<Logger> log, Optional<Path> stateFile) {
        this.log = Objects.requireNonNull(log, "log");
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
    }

    /**
     * Logs a failure.
     *
     * @return the level it was logged at
     */
    public synchronized Level failure(String signature, String message) {
        load();
        Level level = signature.equals(last) ? Level.DEBUG : Level.WARNING;
        log.get().log(level, level == Level.DEBUG ? message + " (repeated; logged at WARNING when it began)" : message);
        if (!signature.equals(last)) {
            last = signature;
            save(signature);
        }
        return level;
    }

    /** Ends a run of failures, if there was one. */
    public synchronized void success(String message) {
        load();
        if (last != null) {
            log.get().log(Level.INFO, message);
            last = null;
            save(null);
        }
    }

    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (stateFile.isPresent()) {
            try {
                last = PrivateFiles.read(stateFile.get()).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
            } catch (IOException e) {
                log.get().log(Level.DEBUG, "cannot read " + stateFile.get() + ": " + e);
            }
        }
    }

    private void save(String signature) {
        if (stateFile.isEmpty()) {
            return;
        }
        try {
            if (signature == null) {
                Files.deleteIfExists(stateFile.get());
            } else {
                PrivateFiles.write(stateFile.get(), signature + "\n");
            }
        } catch (IOException e) {
            log.get().log(Level.DEBUG, "cannot write " + stateFile.get() + ": " + e);
        }
    }
}
