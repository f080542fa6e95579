package io.kube9.charts.repository;

import io.kube9.charts.repository.index.ChartIndex;

/**
 * What one attempt of an index update decided: the index after the change ({@code changed} false: the index as it
 * is, nothing to write) and what the caller wants to know about the attempt (e.g. the merge it made).
 */
public record IndexChange<T>(ChartIndex index, boolean changed, T detail) {
    public static <T> IndexChange<T> to(ChartIndex index, T detail) {
        return new IndexChange<>(index, true, detail);
    }

    public static <T> IndexChange<T> none(ChartIndex index, T detail) {
        return new IndexChange<>(index, false, detail);
    }
}
