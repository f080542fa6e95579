package io.kube9.charts.site;

import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.repository.PackageUrls;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.VersionOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.semver4j.Semver;

/** Chooses and formats what the pages show of an index, the yanked versions, the deprecations and the downloads. */
final class PageViews {
    /** Names that can be a path segment as they are; charts with other names get no page. */
    private static final Pattern PAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern GITHUB_REPOSITORY = Pattern.compile("https://github\\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\\.git)?(?:[/?#].*)?");
    /** Where a chart page sits relative to the landing page's directory, the repository root. */
    private static final String ROOT_FROM_CHART_PAGE = "../../";

    private final RepositorySettings settings;
    private final SiteData data;
    private final Map<String, List<YankedVersion>> yankedByChart;
    /** Where the charts are also pushed, or null. */
    private final OciRepository oci;

    PageViews(RepositorySettings settings, SiteData data) {
        this.settings = settings;
        this.data = data;
        this.yankedByChart = data.yanked().stream().collect(Collectors.groupingBy(YankedVersion::chart));
        this.oci = settings.ociRepository() == null ? null : OciRepository.parse(settings.ociRepository());
    }

    /** Every chart the index or the ledger names, by name. */
    Set<String> chartNames() {
        Set<String> names = new TreeSet<>(data.index().entries().keySet());
        names.addAll(yankedByChart.keySet());
        return names;
    }

    /** The key of the chart's page, or empty when its name cannot be a path segment. */
    static Optional<String> pageKey(String chart) {
        return PAGE_NAME.matcher(chart).matches()
                ? Optional.of(RepositoryLayout.CHART_PAGES_PREFIX + chart + "/" + RepositoryLayout.LANDING_PAGE_KEY)
                : Optional.empty();
    }

    PageView landing() {
        return new PageView(settings.repositoryName(), repoAddCommand(), updated(), !data.downloads().isEmpty(),
                chartNames().stream().map(this::summary).toList());
    }

    ChartPageView chartPage(String name) {
        List<IndexEntry> installable = installable(name);
        List<YankedVersion> yanked = yankedByChart.getOrDefault(name, List.of());
        List<YankedView> yankedViews = VersionOrder.newestFirst(yanked, YankedVersion::version).stream()
                .limit(ChartPage.MAX_YANKED_SHOWN)
                .map(y -> new YankedView(y.version(), shorten(y.reason()), ReleaseDates.utcDate(y.yankedAt())))
                .toList();
        List<VersionView> newest = installable.stream().limit(ChartPage.NEWEST_IN_FULL).map(entry -> version(entry, true)).toList();
        Map<String, List<VersionView>> older = new LinkedHashMap<>();
        installable.stream().skip(ChartPage.NEWEST_IN_FULL).forEach(entry ->
                older.computeIfAbsent(series(entry.version()), series -> new ArrayList<>()).add(version(entry, false)));
        Optional<IndexEntry> latest = latest(installable);
        String reference = settings.repositoryName() + "/" + name;
        String verify = latest.map(entry -> ShellWords.command("helm", "pull", reference, "--version", entry.version(), "--verify"))
                .orElse(null);
        String pull = latest.map(entry -> ShellWords.command("helm", "pull", reference, "--version", entry.version())).orElse(null);
        String attestation = latest.flatMap(entry -> githubRepository(entry).map(repository -> ShellWords.command(
                "gh", "attestation", "verify", name + "-" + entry.version() + RepositoryLayout.PACKAGE_SUFFIX, "--repo", repository)))
                .orElse(null);
        return new ChartPageView(settings.repositoryName(), repoAddCommand(), updated(), summary(name),
                latest.map(entry -> WebLinks.httpOrNull(entry.text("home"))).orElse(null),
                latest.map(entry -> WebLinks.httpOrNull(entry.fields().path("sources").path(0).asText(null))).orElse(null),
                !data.downloads().isEmpty(), newest,
                older.entrySet().stream().map(group -> new VersionGroup(group.getKey(), List.copyOf(group.getValue()))).toList(),
                yankedViews, yanked.size() - yankedViews.size(), verify, pull, attestation);
    }

    private ChartView summary(String name) {
        List<IndexEntry> installable = installable(name);
        String deprecationMessage = data.deprecationMessages().get(name);
        String pageUrl = pageKey(name).orElse(null);
        String downloads = formatted(data.downloads().of(name));
        Optional<IndexEntry> latest = latest(installable);
        if (latest.isEmpty()) {
            return new ChartView(name, pageUrl, null, "", deprecationMessage != null, shorten(deprecationMessage),
                    null, null, null, downloads);
        }
        IndexEntry entry = latest.get();
        String ociInstall = oci == null ? null
                : ShellWords.command("helm", "install", name, oci.chartUrl(name), "--version", entry.version());
        return new ChartView(name, pageUrl, WebLinks.httpOrNull(entry.text("icon")), shorten(entry.text("description")),
                deprecationMessage != null || "true".equals(installable.get(0).text("deprecated")), shorten(deprecationMessage),
                entry.version(), ShellWords.command("helm", "install", name, settings.repositoryName() + "/" + name,
                        "--version", entry.version()),
                ociInstall, downloads);
    }

    private List<IndexEntry> installable(String name) {
        Set<String> yanked = yankedByChart.getOrDefault(name, List.of()).stream().map(YankedVersion::version).collect(Collectors.toSet());
        return data.index().entries().getOrDefault(name, List.of()).stream().filter(entry -> !yanked.contains(entry.version())).toList();
    }

    /** The newest release, else the newest pre-release. */
    private static Optional<IndexEntry> latest(List<IndexEntry> installable) {
        return installable.stream().filter(PageViews::isRelease).findFirst().or(() -> installable.stream().findFirst());
    }

    private VersionView version(IndexEntry entry, boolean withChanges) {
        List<ChangeLog.Change> changes = withChanges
                ? ChangeLog.parse(entry.fields().path("annotations").path(ChangeLog.ANNOTATION).asText(null)) : List.of();
        List<ChangeLog.Change> listed = changes.subList(0, Math.min(ChangeLog.MAX_CHANGES, changes.size()));
        return new VersionView(entry.version(), shorten(entry.text("appVersion")), ReleaseDates.utcDate(entry.created()),
                downloadUrl(entry), formatted(data.downloads().of(entry.name(), entry.version())), List.copyOf(listed),
                changes.size() - listed.size());
    }

    /**
     * Packages in this repository are linked relative to the chart page, each path segment percent-encoded as
     * {@link PackageUrls} does, so {@code 1.0.0+b} links as {@code 1.0.0%2Bb}; packages elsewhere by their http(s) URL.
     */
    private String downloadUrl(IndexEntry entry) {
        List<String> urls = entry.urls();
        if (urls.isEmpty()) {
            return null;
        }
        Optional<String> key = settings.keyOf(urls.get(0));
        return key.isPresent() && !key.get().isEmpty()
                ? ROOT_FROM_CHART_PAGE + Arrays.stream(key.get().split("/", -1)).map(PackageUrls::encode).collect(Collectors.joining("/"))
                : WebLinks.httpOrNull(urls.get(0));
    }

    /** owner/name of the chart's first GitHub source, the repository whose release workflow attests its packages. */
    private static Optional<String> githubRepository(IndexEntry entry) {
        for (var source : entry.fields().path("sources")) {
            Matcher matcher = GITHUB_REPOSITORY.matcher(source.asText(""));
            if (matcher.matches()) {
                return Optional.of(matcher.group(1) + "/" + matcher.group(2));
            }
        }
        return Optional.empty();
    }

    private static String series(String version) {
        return VersionOrder.parse(version).map(semver -> semver.getMajor() + "." + semver.getMinor()).orElse("other");
    }

    private String repoAddCommand() {
        return ShellWords.command("helm", "repo", "add", settings.repositoryName(), settings.repositoryUrl());
    }

    private String updated() {
        return ReleaseDates.utcDate(data.index().generated());
    }

    private static String formatted(OptionalLong count) {
        return count.isPresent() ? String.format(Locale.ROOT, "%,d", count.getAsLong()) : "";
    }

    private static boolean isRelease(IndexEntry entry) {
        return VersionOrder.parse(entry.version()).map(Semver::getPreRelease).map(List::isEmpty).orElse(false);
    }

    /** The text ("" for null), cut to {@link LandingPage#MAX_TEXT_LENGTH} code points with an ellipsis, so no field can swell a page. */
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
