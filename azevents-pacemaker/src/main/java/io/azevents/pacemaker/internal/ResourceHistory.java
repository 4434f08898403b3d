package io.azevents.pacemaker.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code lrm_resource}'s operation history, read for one thing only: how many of its operations
 * are in flight on the node (op-status -1, recorded when {@code record-pending} is on). Whether the
 * resource is active is Pacemaker's to say ({@link PacemakerStatus}), not derived here. Not
 * thread-safe; one instance per resource while reading.
 */
final class ResourceHistory {
    /** Pacemaker's op-status for an operation that is still running (record-pending). */
    static final int PENDING = -1;

    record Op(String operation, long callId, int rc, int opStatus, long interval) {
    }

    private final String id;
    private final List<Op> ops = new ArrayList<>();

    ResourceHistory(String id) {
        this.id = id;
    }

    void add(Op op) {
        ops.add(op);
    }

    /** The resource's id as the history records it (a clone instance may carry {@code :N}). */
    String id() {
        return id;
    }

    /** Non-recurring operations in flight (start, stop, promote, demote, migrations, probes). */
    int pending() {
        return (int) ops.stream().filter(o -> o.interval() == 0 && o.opStatus() == PENDING).count();
    }
}
