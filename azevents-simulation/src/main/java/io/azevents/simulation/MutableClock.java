package io.azevents.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock that tests set and advance. Thread-safe. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** A clock at 2026-01-01T00:00:00Z. */
    public static MutableClock atEpochOfTests() {
        return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
