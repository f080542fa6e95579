package io.kube9.charts.config;

import java.util.List;

/** Configuration that cannot be used; each problem names the file, the field and the fix. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid configuration: " + problems.get(0);
        }
        return "Invalid configuration (" + problems.size() + " problems):\n  - " + String.join("\n  - ", problems);
    }
}
