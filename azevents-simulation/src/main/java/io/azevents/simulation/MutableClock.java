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

    /**
     * A clock that reads {@code start} until it is set or advanced.
     *
     * @param start the instant it reads at first; not null
     * @throws NullPointerException if {@code start} is null
     */
    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * A clock at 2026-01-01T00:00:00Z, the instant the project's tests start from.
     *
     * @return a new clock reading 2026-01-01T00:00:00Z, independent of any other
     */
    public static MutableClock atEpochOfTests() {
        return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Sets the time: from now on the clock reads {@code instant}, which may be before the current
     * reading (the clock may go backwards, as a wall clock can).
     *
     * @param instant the new reading; not null
     * @throws NullPointerException if {@code instant} is null
     */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    /**
     * Moves the clock on by {@code d}; a negative duration moves it back.
     *
     * @param d how far to move it; not null
     * @throws NullPointerException if {@code d} is null
     * @throws java.time.DateTimeException if the result is outside the range of {@link Instant}
     * @throws ArithmeticException         if the addition overflows
     */
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
