package io.azevents.cli.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows recorded after each round, printed as an aligned table for failure messages. */
final class Table {
    private final List<String> columns;
    private final List<Map<String, String>> rows = new ArrayList<>();

    Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    void add(Map<String, String> row) {
        if (!row.keySet().containsAll(columns)) {
            throw new IllegalArgumentException("row " + row + " lacks some of " + columns);
        }
        rows.add(new LinkedHashMap<>(row));
    }

    List<Map<String, String>> rows() {
        return rows;
    }

    Map<String, String> last() {
        return rows.get(rows.size() - 1);
    }

    /** The rows as text, one line each, columns aligned. */
    String render() {
        return render(columns, rows);
    }

    static String render(List<String> columns, List<Map<String, String>> rows) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            width[i] = columns.get(i).length();
            for (Map<String, String> r : rows) {
                width[i] = Math.max(width[i], r.getOrDefault(columns.get(i), "").length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, width, columns);
        for (Map<String, String> r : rows) {
            line(b, width, columns.stream().map(c -> r.getOrDefault(c, "")).toList());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, int[] width, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            b.append(String.format("%-" + width[i] + "s", cells.get(i))).append(i + 1 < cells.size() ? " | " : "");
        }
        b.append('\n');
    }
}
