package io.kube9.charts.repository.chart;

import io.kube9.charts.repository.support.PublishingException;

/**
 * A chart that Helm would refuse to load, or that cannot be published as given. The message names
 * the file, the offending field or entry, and what to do about it.
 */
public final class ChartValidationException extends PublishingException {
    private final String file;
    private final String field;

    public ChartValidationException(String file, String field, String problem, String fix) {
        super(file + ": " + field + ": " + problem + ". " + fix);
        this.file = file;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }
}
