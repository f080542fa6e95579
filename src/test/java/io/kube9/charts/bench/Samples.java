package io.kube9.charts.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure: reported as the median with its spread (min-max). */
public final class Samples {
    private final List<Double> values = new ArrayList<>();

    public Samples add(double value) {
        values.add(value);
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int count() {
        return values.size();
    }

    public double median() {
        return quantile(0.5);
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        List<Double> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    /** Linear-interpolated quantile, q in [0, 1]. */
    public double quantile(double q) {
        List<Double> sorted = sorted();
        double position = q * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (position - lower);
    }

    /** e.g. {@code 1.23 (1.20-1.31)} with the given number format applied to each value. */
    public String format(String numberFormat) {
        if (values.isEmpty()) {
            return "n/a";
        }
        String median = String.format(Locale.ROOT, numberFormat, median());
        if (values.size() == 1) {
            return median;
        }
        return median + " (" + String.format(Locale.ROOT, numberFormat, min()) + "-"
                + String.format(Locale.ROOT, numberFormat, max()) + ")";
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
