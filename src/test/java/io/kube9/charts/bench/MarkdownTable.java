package io.kube9.charts.bench;

import java.util.ArrayList;
import java.util.List;

/** A results table, rendered as GitHub Markdown (for docs/benchmarks.md and the console alike). */
public final class MarkdownTable {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table '" + title + "' has "
                    + header.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    public String title() {
        return title;
    }

    public int rowCount() {
        return rows.size();
    }

    public String render() {
        StringBuilder out = new StringBuilder("#### ").append(title).append("\n\n");
        line(out, header);
        List<String> rule = new ArrayList<>();
        header.forEach(h -> rule.add("---"));
        line(out, rule);
        rows.forEach(row -> line(out, row));
        return out.append('\n').toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
