package io.azevents.pacemaker;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: one 3-node lab for the whole test run, started by the first class that needs it
 * and torn down when the run ends (JUnit closes the root store's resources even after failures; a
 * shutdown hook covers a JVM that is told to stop). Skips, or fails under {@code CI=true}, where
 * the lab cannot run.
 */
final class LiveLab implements BeforeAllCallback {
    static final List<String> NODES = List.of("node1", "node2", "node3");
    private static volatile ClusterLab current;

    @Override
    public void beforeAll(ExtensionContext context) {
        Requirements.requireLab();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(), Running.class);
    }

    /** The running lab; only valid in a class extended with {@link LiveLab}. */
    static ClusterLab lab() {
        ClusterLab lab = current;
        if (lab == null) {
            throw new IllegalStateException("the lab is not up");
        }
        return lab;
    }

    private static final class Running implements ExtensionContext.Store.CloseableResource {
        private final ClusterLab lab = new ClusterLab();
        private final Thread hook = new Thread(lab::down, "cluster-lab-down");

        Running() {
            Runtime.getRuntime().addShutdownHook(hook);
            long start = System.nanoTime();
            lab.up(NODES.size());
            System.out.printf("cluster lab: %d nodes up in %d ms%n", NODES.size(),
                    (System.nanoTime() - start) / 1_000_000);
            current = lab;
        }

        @Override
        public void close() {
            current = null;
            try {
                lab.down();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            }
        }
    }
}
