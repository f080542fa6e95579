package io.kube9.charts.bench;

import java.util.Map;
import java.util.function.Supplier;

/** Times the phases of a flow into a map of phase name to seconds. */
final class PhaseTimer {
    private final Map<String, Double> phases;

    PhaseTimer(Map<String, Double> phases) {
        this.phases = phases;
    }

    <T> T time(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            phases.merge(phase, (System.nanoTime() - start) / 1e9, Double::sum);
        }
    }
}
