package io.kube9.charts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexFormatException;
import io.kube9.charts.site.ChartPage;
import io.kube9.charts.site.LandingPage;
import io.kube9.charts.site.SiteData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Section 6: the size of the landing page (index.html) the publisher writes for a 10k-version
 * repository, spread over many charts, over several, and in one chart. A size, not a time: the same in
 * quick and full mode.
 */
public final class LandingPageSizeBenchmark {
    static final String TITLE = "Landing page size at 10k versions (bytes)";
    static final int VERSIONS = 10_000;
    /** 200 charts (the other sections' synthetic repository), 10 charts, one chart. */
    static final List<Integer> VERSIONS_PER_CHART = List.of(SyntheticRepository.VERSIONS_PER_CHART, 1_000, 10_000);
    public static final int TARGET_BYTES = 256 * 1024;
    static final RepositorySettings SETTINGS = RepositorySettings.defaults(SyntheticRepository.REPOSITORY_URL)
            .withOciRepository("oci://public.ecr.aws/kube9");

    public SectionResult run() {
        MarkdownTable table = new MarkdownTable(TITLE, "Charts", "Versions per chart",
                "Bytes", "gzip bytes", "Within 256 KiB");
        int largest = 0;
        for (int perChart : VERSIONS_PER_CHART) {
            byte[] page = render(VERSIONS, perChart);
            int charts = (VERSIONS + perChart - 1) / perChart;
            largest = Math.max(largest, page.length);
            table.row(charts, perChart, page.length, IndexHttpServer.gzip(page).length,
                    page.length <= TARGET_BYTES ? "yes" : "**no**");
        }
        System.out.println("landing page bytes at " + VERSIONS + " versions (largest): " + largest);
        System.out.println("landing page bytes at 1000 charts x 20 versions: " + render(20_000, 20).length
                + "; a chart page: " + renderChartPage(20_000, 20).length);
        System.out.println("landing page bytes at 1 chart x 10000 versions: " + render(10_000, 10_000).length
                + "; its chart page: " + renderChartPage(10_000, 10_000).length);
        return new SectionResult("6. Landing page size").table(table)
                .note("The page `LandingPage` renders for `SyntheticRepository` indexes of " + VERSIONS + " versions (OCI"
                        + " install commands on, no yanked versions). It lists each chart's latest version only; each chart's"
                        + " own page lists its versions. gzip = what CloudFront sends a browser that accepts it.")
                .target(new SectionResult.TargetCheck("Landing page at 10k versions (largest of the rows above)",
                        "<= " + TARGET_BYTES + " bytes (256 KiB)", largest + " bytes", largest <= TARGET_BYTES, ""));
    }

    /** The landing page for a synthetic index of {@code versions} versions, {@code versionsPerChart} to a chart. */
    public static byte[] render(int versions, int versionsPerChart) {
        return new LandingPage(SETTINGS).render(index(versions, versionsPerChart), List.of(), Map.of());
    }

    /** The first chart's page for a synthetic index of {@code versions} versions, {@code versionsPerChart} to a chart. */
    public static byte[] renderChartPage(int versions, int versionsPerChart) {
        return new ChartPage(SETTINGS).render(new SiteData(index(versions, versionsPerChart), List.of(), Map.of()),
                SyntheticRepository.chartName(0));
    }

    private static ChartIndex index(int versions, int versionsPerChart) {
        try {
            byte[] json = new ObjectMapper()
                    .writeValueAsBytes(SyntheticRepository.index(versions, versionsPerChart));
            return new IndexCodec().read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IndexFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
