package io.kube9.charts.publishing;

import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.util.Optional;

/** Valid chart packages for publishing tests; the same name and version always give the same bytes. */
public final class TestCharts {
    private TestCharts() {}

    public static byte[] packageOf(String name, String version) {
        return ChartArchiveBuilder.chart(name, version).tgz();
    }

    public static ChartArchive archive(String name, String version) {
        return read(name + "-" + version + ".tgz", packageOf(name, version));
    }

    public static ChartArchive read(String source, byte[] content) {
        return new ChartArchiveReader().read(source, content, Optional.empty());
    }
}
