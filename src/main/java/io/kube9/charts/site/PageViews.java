package io.kube9.charts.site;

import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.repository.PackageUrls;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.VersionOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.semver4j.Semver;

/** Chooses and formats what the page shows of an index, the yanked versions and the deprecation messages. */
final class PageViews {
    private final RepositorySettings settings;
    private final int listedPerChart;
    /** Where the charts are also pushed, or null. */
    private final OciRepository oci;

    private PageViews(RepositorySettings settings, int listedPerChart) {
        this.settings = settings;
        this.listedPerChart = listedPerChart;
        this.oci = settings.ociRepository() == null ? null : OciRepository.parse(settings.ociRepository());
    }

    static PageView build(RepositorySettings settings, ChartIndex index, List<YankedVersion> yanked,
            Map<String, String> deprecationMessages) {
        Map<String, List<YankedVersion>> yankedByChart = yanked.stream()
                .collect(Collectors.groupingBy(YankedVersion::chart));
        Set<String> names = new TreeSet<>(index.entries().keySet());
        names.addAll(yankedByChart.keySet());
        PageViews views = new PageViews(settings, LandingPage.listedPerChart(names.size()));
        List<ChartView> charts = new ArrayList<>();
        for (String name : names) {
            charts.add(views.chart(name, index.entries().getOrDefault(name, List.of()),
                    yankedByChart.getOrDefault(name, List.of()), deprecationMessages.get(name)));
        }
        return new PageView(settings.repositoryName(),
                ShellWords.command("helm", "repo", "add", settings.repositoryName(), settings.repositoryUrl()),
                ReleaseDates.utcDate(index.generated()), views.listedPerChart, charts);
    }

    private ChartView chart(String name, List<IndexEntry> versions, List<YankedVersion> yanked, String deprecationMessage) {
        Set<String> yankedVersions = yanked.stream().map(YankedVersion::version).collect(Collectors.toSet());
        List<IndexEntry> installable = versions.stream().filter(entry -> !yankedVersions.contains(entry.version())).toList();
        List<YankedView> yankedViews = VersionOrder.newestFirst(yanked, YankedVersion::version).stream()
                .limit(LandingPage.MAX_YANKED_SHOWN)
                .map(y -> new YankedView(y.version(), shorten(y.reason()), ReleaseDates.utcDate(y.yankedAt())))
                .toList();
        int yankedUnlisted = yanked.size() - yankedViews.size();
        if (installable.isEmpty()) {
            return new ChartView(name, null, "", null, null, deprecationMessage != null, shorten(deprecationMessage),
                    null, null, null, List.of(), List.of(), 0, yankedViews, yankedUnlisted);
        }
        IndexEntry newest = installable.get(0);
        IndexEntry latest = installable.stream().filter(PageViews::isRelease).findFirst().orElse(newest);
        List<VersionView> listed = installable.stream().limit(listedPerChart).map(this::version).toList();
        List<VersionView> shown = listed.subList(0, Math.min(LandingPage.NEWEST_SHOWN, listed.size()));
        List<VersionView> older = listed.subList(shown.size(), listed.size());
        String ociInstall = oci == null ? null
                : ShellWords.command("helm", "install", name, oci.chartUrl(name), "--version", latest.version());
        return new ChartView(name, WebLinks.httpOrNull(latest.text("icon")), shorten(latest.text("description")),
                WebLinks.httpOrNull(latest.text("home")), WebLinks.httpOrNull(latest.fields().path("sources").path(0).asText(null)),
                deprecationMessage != null || "true".equals(newest.text("deprecated")), shorten(deprecationMessage),
                latest.version(), ShellWords.command("helm", "install", name, settings.repositoryName() + "/" + name,
                        "--version", latest.version()),
                ociInstall, List.copyOf(shown), List.copyOf(older), installable.size() - listed.size(), yankedViews, yankedUnlisted);
    }

    private VersionView version(IndexEntry entry) {
        return new VersionView(entry.version(), shorten(entry.text("appVersion")), ReleaseDates.utcDate(entry.created()),
                downloadUrl(entry));
    }

    /**
     * Packages in this repository are linked relative to the page (which sits at the repository root),
     * each path segment percent-encoded as {@link PackageUrls} does, so {@code 1.0.0+b} links as
     * {@code 1.0.0%2Bb}; packages elsewhere by their http(s) URL.
     */
    private String downloadUrl(IndexEntry entry) {
        List<String> urls = entry.urls();
        if (urls.isEmpty()) {
            return null;
        }
        Optional<String> key = settings.keyOf(urls.get(0));
        return key.isPresent() && !key.get().isEmpty()
                ? Arrays.stream(key.get().split("/", -1)).map(PackageUrls::encode).collect(Collectors.joining("/"))
                : WebLinks.httpOrNull(urls.get(0));
    }

    private static boolean isRelease(IndexEntry entry) {
        return VersionOrder.parse(entry.version()).map(Semver::getPreRelease).map(List::isEmpty).orElse(false);
    }

    /** The text ("" for null), cut to {@link LandingPage#MAX_TEXT_LENGTH} code points with an ellipsis, so no field can swell the page. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        if (text.codePointCount(0, text.length()) <= LandingPage.MAX_TEXT_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, LandingPage.MAX_TEXT_LENGTH - 1)).stripTrailing() + "\u2026";
    }
}
