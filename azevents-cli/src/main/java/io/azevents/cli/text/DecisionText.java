package io.azevents.cli.text;

import io.azevents.core.ActionOutcome;
import io.azevents.core.AttributeUpdate;
import io.azevents.core.Decision;
import io.azevents.core.PlannedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders decisions and actions as lines an administrator reads (logs and {@code azevents explain}). */
public final class DecisionText {
    private DecisionText() {
    }

    public static String action(PlannedAction a) {
        if (a instanceof PlannedAction.WriteAttributes w) {
            return "set " + w.updates().stream().map(DecisionText::update).collect(Collectors.joining(", "));
        } else if (a instanceof PlannedAction.AcquireClaim c) {
            return "take claim " + c.claim().id() + " until " + c.claim().expiresAt();
        } else if (a instanceof PlannedAction.ReleaseClaim c) {
            return "release claim " + c.claim().id() + " held by " + c.claim().owner();
        } else if (a instanceof PlannedAction.ApproveEvents e) {
            return "approve event(s) " + String.join(", ", e.eventIds());
        }
        return a.toString();
    }

    static String update(AttributeUpdate u) {
        String where = u.node().map(n -> n + " ").orElse("cluster property ");
        return where + u.name() + u.value().map(v -> "=" + v).orElse(" (delete)");
    }

    /** The decision as numbered steps, notes first, wrapped to 80 columns. */
    public static List<String> steps(Decision d) {
        List<String> out = new ArrayList<>();
        for (String n : d.notes()) {
            out.addAll(Text.wrap("- ", n));
        }
        for (String w : d.warnings()) {
            out.addAll(Text.wrap("! ", w));
        }
        int i = 1;
        for (PlannedAction a : d.actions()) {
            out.addAll(Text.wrap(i++ + ". ", action(a)));
            out.addAll(Text.wrap("   because ", a.reason()));
        }
        if (d.actions().isEmpty()) {
            out.add("Nothing to do: no attribute changes, no approval.");
        }
        return out;
    }

    public static String outcome(ActionOutcome o) {
        return o.result() + ": " + action(o.action()) + " (" + o.action().reason() + ")"
                + o.detail().map(x -> " - " + x).orElse("");
    }
}
