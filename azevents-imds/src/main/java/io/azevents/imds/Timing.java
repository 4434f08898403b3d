package io.azevents.imds;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and the sleeper of the retry loop, injectable so that tests do not wait for real.
 * {@link #SYSTEM} is {@link System#nanoTime()} and {@link Thread#sleep(long)}.
 */
interface Timing {
    /** The real thing. */
    Timing SYSTEM = new Timing() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(Math.max(0, d.toMillis()));
        }
    };

    /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The wall clock, for {@code Retry-After} dates. */
    default Instant now() {
        return Instant.now();
    }

    /** Waits for {@code d}. */
    void sleep(Duration d) throws InterruptedException;
}
