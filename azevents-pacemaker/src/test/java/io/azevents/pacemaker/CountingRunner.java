package io.azevents.pacemaker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps a runner and records every command it runs, to count the processes a store spawns. */
final class CountingRunner implements CommandRunner {
    private final CommandRunner delegate;
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();

    CountingRunner(CommandRunner delegate) {
        this.delegate = delegate;
    }

    @Override
    public Result run(List<String> argv, Map<String, String> environment, Duration timeout) {
        commands.add(List.copyOf(argv));
        return delegate.run(argv, environment, timeout);
    }

    int count() {
        return commands.size();
    }

    List<List<String>> commands() {
        return List.copyOf(commands);
    }

    void reset() {
        commands.clear();
    }
}
