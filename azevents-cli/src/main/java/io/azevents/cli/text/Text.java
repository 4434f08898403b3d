package io.azevents.cli.text;

import java.util.ArrayList;
import java.util.List;

/** Wraps text for an 80-column terminal. */
public final class Text {
    static final int WIDTH = 79;

    private Text() {
    }

    /** {@code text} after {@code head} on the first line, continued under it, words kept whole. */
    public static List<String> wrap(String head, String text) {
        String indent = " ".repeat(head.length());
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder(head);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && cur.length() + 1 + word.length() > WIDTH) {
                lines.add(cur.toString());
                cur = new StringBuilder(indent);
                empty = true;
            }
            cur.append(empty ? "" : " ").append(word);
            empty = false;
        }
        lines.add(cur.toString());
        return lines;
    }
}
