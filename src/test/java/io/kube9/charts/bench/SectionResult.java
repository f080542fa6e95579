package io.kube9.charts.bench;

import java.util.ArrayList;
import java.util.List;

/** What one benchmark section produced: its tables, notes on method, and its checks against the targets. */
public final class SectionResult {
    /**
     * A figure measured against the target, e.g. "search at 10k: 3.9x vs >= 3.5x", with the
     * breakdown that shows where the time goes (quoted in the closing note when the target is missed).
     */
    public record TargetCheck(String figure, String target, String measured, boolean met, String whereTheTimeGoes) {}

    private final String heading;
    private final List<MarkdownTable> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<TargetCheck> targets = new ArrayList<>();

    public SectionResult(String heading) {
        this.heading = heading;
    }

    public SectionResult table(MarkdownTable table) {
        tables.add(table);
        return this;
    }

    public SectionResult note(String note) {
        notes.add(note);
        return this;
    }

    public SectionResult target(TargetCheck check) {
        targets.add(check);
        return this;
    }

    public String heading() {
        return heading;
    }

    public List<MarkdownTable> tables() {
        return List.copyOf(tables);
    }

    public List<TargetCheck> targets() {
        return List.copyOf(targets);
    }

    public String render() {
        StringBuilder out = new StringBuilder("### ").append(heading).append("\n\n");
        tables.forEach(table -> out.append(table.render()));
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        if (!notes.isEmpty()) {
            out.append('\n');
        }
        return out.toString();
    }
}
