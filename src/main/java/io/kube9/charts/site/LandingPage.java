package io.kube9.charts.site;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.kube9.charts.repository.LifecycleView;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page a person sees when opening the repository URL in a browser ({@code index.html}): the
 * {@code helm repo add} command, then per chart its icon, description, links, the install command of
 * its latest version (and the {@code oci://} one), deprecated and yanked marks and its newest versions.
 * Rendered by templates under {@code src/main/jte}, compiled to Java at build time; the engine escapes
 * every value for where it stands (element text, attribute, script).
 *
 * <p>The page stays small however large the index grows: each chart lists a bounded number of its
 * newest versions (fewer when there are many charts), and the page points to {@code index.yaml} for
 * the rest.
 */
public final class LandingPage {
    /** Versions in each chart's table; the further listed ones are behind an expander. */
    public static final int NEWEST_SHOWN = 5;
    /** At most this many versions of one chart are listed. */
    public static final int MAX_LISTED_PER_CHART = 30;
    /** Versions listed on the whole page at most, unless that leaves fewer than MIN_LISTED_PER_CHART per chart. */
    public static final int PAGE_LISTING_BUDGET = 600;
    /** At least this many versions of each chart are listed, however many charts there are. */
    public static final int MIN_LISTED_PER_CHART = 3;
    /** Descriptions, app versions, deprecation messages and yank reasons longer than this are shortened with an ellipsis. */
    public static final int MAX_TEXT_LENGTH = 300;
    /** Yanked versions named in a chart's note (newest first); the note counts the rest. */
    public static final int MAX_YANKED_SHOWN = 5;

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final RepositorySettings settings;

    public LandingPage(RepositorySettings settings) {
        this.settings = settings;
    }

    /**
     * @param yanked              versions taken out of the index (the lifecycle ledger); never listed as installable
     * @param deprecationMessages chart name to the message of its deprecation ("" for none): these charts are
     *                            marked deprecated, as are charts whose newest version says {@code deprecated: true}
     */
    public byte[] render(ChartIndex index, List<YankedVersion> yanked, Map<String, String> deprecationMessages) {
        StringOutput output = new StringOutput(64 * 1024);
        TEMPLATES.render("landing.jte", PageViews.build(settings, index, yanked, deprecationMessages), output);
        return output.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The page with the yanked versions and deprecations the lifecycle ledger records. */
    public byte[] render(ChartIndex index, LifecycleView lifecycle) {
        List<YankedVersion> yanked = lifecycle.yanked().entrySet().stream()
                .flatMap(chart -> chart.getValue().stream().map(version ->
                        new YankedVersion(chart.getKey(), version.version(), version.reason(), version.yankedAt().toString())))
                .toList();
        Map<String, String> messages = new LinkedHashMap<>();
        lifecycle.deprecated().forEach((chart, deprecation) -> messages.put(chart, deprecation.message()));
        return render(index, yanked, messages);
    }

    /** How many of its newest versions each chart lists when the page shows {@code charts} charts. */
    public static int listedPerChart(int charts) {
        return Math.max(MIN_LISTED_PER_CHART, Math.min(MAX_LISTED_PER_CHART, PAGE_LISTING_BUDGET / Math.max(1, charts)));
    }
}
