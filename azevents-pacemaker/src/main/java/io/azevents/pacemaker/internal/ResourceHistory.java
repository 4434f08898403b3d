package io.azevents.pacemaker.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Derives from one {@code lrm_resource}'s operation history whether the resource is active on the
 * node and how many of its operations are in flight. Conservative: a resource counts as active
 * unless its last state-changing operation proves it stopped (a successful stop, or a probe that
 * found it not running or not installed), because an agent deciding "the node is empty" must not
 * be wrong in the other direction. Not thread-safe; one instance per resource while reading.
 */
final class ResourceHistory {
    /** Pacemaker's op-status for an operation that is still running (record-pending). */
    static final int PENDING = -1;
    private static final int OCF_SUCCESS = 0;
    private static final int OCF_NOT_INSTALLED = 5;
    private static final int OCF_NOT_RUNNING = 7;

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

    /** The primitive's id: a clone instance {@code rsc:2} is reported as {@code rsc}. */
    String primitiveId() {
        int colon = id.indexOf(':');
        return colon > 0 ? id.substring(0, colon) : id;
    }

    /** Non-recurring operations in flight (start, stop, promote, demote, migrations, probes). */
    int pending() {
        return (int) ops.stream().filter(o -> o.interval() == 0 && o.opStatus() == PENDING).count();
    }

    boolean active() {
        Optional<Op> last = ops.stream()
                .filter(o -> o.interval() == 0 && stateChanging(o.operation()))
                .max(Comparator.comparingInt((Op o) -> o.opStatus() == PENDING ? 1 : 0)
                        .thenComparingLong(Op::callId));
        if (last.isEmpty()) {
            return false;
        }
        Op op = last.get();
        if (op.opStatus() == PENDING) {
            // a pending stop is still active; a pending start is becoming active; a pending probe proves nothing
            return !op.operation().equals("monitor");
        }
        return switch (op.operation()) {
            case "stop" -> op.rc() != OCF_SUCCESS;
            case "monitor" -> op.rc() != OCF_NOT_RUNNING && op.rc() != OCF_NOT_INSTALLED;
            default -> true; // start, promote, demote, migrate_*: active, and still so if they failed
        };
    }

    private static boolean stateChanging(String operation) {
        return switch (operation) {
            case "start", "stop", "monitor", "promote", "demote", "migrate_to", "migrate_from" -> true;
            default -> false;
        };
    }
}
