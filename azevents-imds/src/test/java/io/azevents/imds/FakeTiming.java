package io.azevents.imds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Real time plus whatever the fake sleeps added; records every sleep instead of waiting. */
final class FakeTiming implements Timing {
    private final List<Duration> sleeps = new ArrayList<>();
    private long offsetNanos;

    @Override
    public synchronized long nanoTime() {
        return System.nanoTime() + offsetNanos;
    }

    @Override
    public synchronized Instant now() {
        return Instant.now().plusNanos(offsetNanos);
    }

    @Override
    public synchronized void sleep(Duration d) {
        sleeps.add(d);
        offsetNanos += d.toNanos();
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
