package io.kube9.charts.reliability;

import io.kube9.charts.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcomes of a reliability test class as a Markdown table in {@code target/reliability/}, which
 * docs/reliability.md quotes. Cases add rows (from any thread); the class writes the table when it is done.
 */
final class OutcomeTable {
    private final Path file;
    private final String header;
    private final List<String> rows = new ArrayList<>();

    OutcomeTable(String fileName, String... columns) {
        this.file = Path.of("target", "reliability", fileName);
        this.header = row(columns) + "|---".repeat(columns.length) + "|\n";
    }

    synchronized void add(Object... cells) {
        rows.add(row(cells));
    }

    synchronized int size() {
        return rows.size();
    }

    /** The rows in the order they were added, then {@code footer} (empty for none) after a blank line. */
    synchronized void write(String footer) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, header + String.join("", rows) + (footer.isEmpty() ? "" : "\n" + footer));
    }

    /** As {@link #write}, the rows sorted as text first. */
    synchronized void writeSorted(String footer) throws IOException {
        rows.sort(Comparator.naturalOrder());
        write(footer);
    }

    /** A command's output in one cell. */
    static String cell(String output) {
        return output.strip().replace("\n", "<br>");
    }

    /** A failed run as the CLI would end it: its documented exit code (cli.ExitCodes) and the failure's kind. */
    static String failure(RuntimeException e) {
        return "failed with exit " + ExitCodes.of(e) + " (" + e.getClass().getSimpleName() + ")";
    }

    private static String row(Object... cells) {
        return Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
