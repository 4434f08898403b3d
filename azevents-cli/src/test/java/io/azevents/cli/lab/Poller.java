package io.azevents.cli.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Polls the live cluster from one node about every 200 ms ({@code crm_mon} and {@code cibadmin}),
 * keeping every {@link Snapshot} with its time, until closed.
 */
final class Poller implements AutoCloseable {
    private final Lab lab;
    private final String node;
    private final List<Snapshot> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError = "";

    Poller(Lab lab, String node) {
        this.lab = lab;
        this.node = node;
        this.thread = new Thread(this::loop, "cluster-poller");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Snapshot s = sample(lab, node);
                synchronized (samples) {
                    samples.add(s);
                    samples.notifyAll();
                }
            } catch (RuntimeException e) {
                lastError = e.toString();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static Snapshot sample(Lab lab, String node) {
        Instant begin = Instant.now();
        String mon = lab.execOk(node, "crm_mon", "-1", "--output-as=xml");
        String cib = lab.execOk(node, "cibadmin", "--query");
        return Snapshot.parse(begin, Instant.now(), mon, cib);
    }

    List<Snapshot> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    Optional<Snapshot> latest() {
        synchronized (samples) {
            return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
        }
    }

    /** Waits for a sample, begun at or after {@code after}, that satisfies {@code condition}; returns it. */
    Snapshot await(String what, Duration timeout, Instant after, Predicate<Snapshot> condition) {
        long end = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (samples) {
            while (true) {
                for (; seen < samples.size(); seen++) {
                    Snapshot s = samples.get(seen);
                    if (!s.begin().isBefore(after) && condition.test(s)) {
                        return s;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; last sample: "
                            + (samples.isEmpty() ? "none" : samples.get(samples.size() - 1))
                            + (lastError.isEmpty() ? "" : "; last poll error: " + lastError));
                }
                try {
                    samples.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
