package io.kube9.charts.reliability;

import java.util.List;
import java.util.function.Function;

/**
 * A lifecycle command of the reliability tests, run as the CLI would be, and the writes it makes, in
 * their order (the fault proxy matches them by method and path suffix).
 */
enum LifecycleStep {
    YANK("yank", List.of("yank", "base", "1.0.0", "--reason", "pulled back by a reliability test"),
            harness -> harness.yanker().yank("base", "1.0.0", "pulled back by a reliability test", false).summary(),
            "/lifecycle.json", "/index.yaml"),
    UNYANK("unyank", List.of("unyank", "base", "1.0.0"),
            harness -> harness.yanker().unyank("base", "1.0.0", false).summary(), "/index.yaml", "/lifecycle.json"),
    DEPRECATE("deprecate", List.of("deprecate", "base", "--message", "deprecated by a reliability test"),
            harness -> harness.deprecator().deprecate("base", "deprecated by a reliability test", false).summary(),
            "/lifecycle.json", "/index.yaml"),
    UNDO("deprecate --undo", List.of("deprecate", "base", "--undo"),
            harness -> harness.deprecator().undo("base", false).summary(), "/index.yaml", "/lifecycle.json");

    final String label;
    final List<String> arguments;
    final Function<PublisherHarness, String> run;
    final String firstWrite;
    final String secondWrite;

    LifecycleStep(String label, List<String> arguments, Function<PublisherHarness, String> run, String firstWrite,
            String secondWrite) {
        this.label = label;
        this.arguments = arguments;
        this.run = run;
        this.firstWrite = firstWrite;
        this.secondWrite = secondWrite;
    }

    /** The command that brings a fresh repository (base 1.0.0 published) to the state this one starts from. */
    LifecycleStep precondition() {
        return this == UNYANK ? YANK : this == UNDO ? DEPRECATE : null;
    }

    /** The command has fully taken effect in the state (read directly from the bucket). */
    void assertCompleted(RepositoryState state) {
        boolean yanked = LedgerState.yankedEntries(state).containsKey("base 1.0.0");
        boolean indexed = LedgerState.indexedEntries(state).containsKey("base 1.0.0");
        boolean marked = indexed && LedgerState.isMarked(LedgerState.indexedEntries(state).get("base 1.0.0"));
        boolean recorded = deprecationRecorded(state);
        boolean done = switch (this) {
            case YANK -> yanked && !indexed;
            case UNYANK -> indexed && !yanked;
            case DEPRECATE -> marked && recorded;
            case UNDO -> indexed && !marked && !recorded;
        };
        if (!done) {
            throw new AssertionError(label + " has not taken effect: indexed " + indexed + ", yanked " + yanked + ", marked " + marked
                    + ", deprecation recorded " + recorded);
        }
    }

    static boolean deprecationRecorded(RepositoryState state) {
        return LedgerState.deprecatedCharts(state).contains("base");
    }
}
