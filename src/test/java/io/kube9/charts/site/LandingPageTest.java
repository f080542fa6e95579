package io.kube9.charts.site;

import static io.kube9.charts.site.SiteFixtures.REPO;
import static io.kube9.charts.site.SiteFixtures.count;
import static io.kube9.charts.site.SiteFixtures.entry;
import static io.kube9.charts.site.SiteFixtures.index;
import static io.kube9.charts.site.SiteFixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.bench.LandingPageSizeBenchmark;
import io.kube9.charts.repository.DownloadCounts;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LandingPageTest {
    private static final RepositorySettings SETTINGS = RepositorySettings.defaults(REPO);

    @Test
    void everyValueFromTheIndexAndTheLedgerIsEscapedForWhereItStands() {
        String html = render(SETTINGS, index(List.of(entry(SETTINGS, "q\"uote", "1.0.0", chart -> chart
                        .put("appVersion", "\"><img src=x onerror=alert(1)>")
                        .put("description", "<script>alert('x')</script> & more </script>")
                        .put("icon", "https://example.com/i.svg?a=1&b=2")))),
                List.of(new YankedVersion("q\"uote", "0.9.0", "<b>broken</b>", "2026-11-01T00:00:00Z")),
                Map.of("q\"uote", "use <i>other</i>"));

        assertTrue(html.contains("&amp;b=2\" alt=\"\" loading=\"lazy\">q\"uote <small>1.0.0</small>"), html);
        assertTrue(html.contains("<p>&lt;script&gt;alert('x')&lt;/script&gt; &amp; more &lt;/script&gt;</p>"), html);
        assertTrue(html.contains("<img src=\"https://example.com/i.svg?a=1&amp;b=2\" alt=\"\""), html);
        assertTrue(html.contains("use &lt;i&gt;other&lt;/i&gt;"), html);
        assertFalse(html.contains("charts/q"), "a name that cannot be a path segment has no page: " + html);
        assertEquals(1, count(html, "<script>"), "only the page's own filter script: " + html);
        assertFalse(html.contains("<img src=x") || html.contains("<b>") || html.contains("<i>"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", " JavaScript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd", "//evil.example/x.svg", "icons/x.svg", "vbscript:x", "http:no-host"})
    void iconsAndLinksThatAreNotHttpUrlsAreDropped(String url) {
        String html = render(SETTINGS, index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> {
            chart.put("icon", url).put("home", url);
            chart.putArray("sources").add(url);
        }))), List.of(), Map.of());

        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains(">Home<") || html.contains(">Source<"), html);
        assertFalse(html.toLowerCase(Locale.ROOT).contains(url.strip().toLowerCase(Locale.ROOT)), html);
    }

    @Test
    void showsIconLinksAndTheInstallCommandsOfTheLatestRelease() {
        RepositorySettings oci = SETTINGS.withOciRepository("oci://public.ecr.aws/kube9/");
        String html = render(oci, index(List.of(
                entry(oci, "demo", "1.0.0", chart -> {}),
                entry(oci, "demo", "1.1.0", chart -> {
                    chart.put("icon", "https://kube9.io/demo.svg").put("home", "https://kube9.io/demo");
                    chart.putArray("sources").add("http://github.com/kube9/demo").add("https://second.example");
                }),
                entry(oci, "demo", "2.0.0-rc.1", chart -> {}))), List.of(), Map.of());

        assertTrue(html.contains("<html lang=\"en\">"), html);
        assertTrue(html.contains("<pre><code>helm repo add kube9 https://charts.kube9.io\nhelm repo update</code></pre>"), html);
        assertTrue(html.contains("<pre><code>helm install demo kube9/demo --version 1.1.0</code></pre>"), html);
        assertTrue(html.contains("<pre><code>helm install demo oci://public.ecr.aws/kube9/demo --version 1.1.0</code></pre>"), html);
        assertTrue(html.contains("<img src=\"https://kube9.io/demo.svg\" alt=\"\" loading=\"lazy\"><a href=\"charts/demo/index.html\">demo</a> <small>1.1.0</small></h2>"), "the newest release, not the newer pre-release: " + html);
        assertFalse(html.contains("2.0.0-rc.1") || html.contains("<table>"), "no versions but the latest: " + html);
        assertEquals(1, count(html, "<h1>"), html);
        assertEquals(1, count(html, "<h2>"), html);
        assertFalse(html.contains("downloads"), "no statistics, no counts: " + html);
        assertTrue(html.contains("<label for=\"filter\">Filter charts</label>"), html);
    }

    @Test
    void withoutAnOciRepositoryThereIsNoOciCommand() {
        String html = render(SETTINGS, index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> {}))), List.of(), Map.of());

        assertFalse(html.contains("oci://"), html);
        assertTrue(html.contains("helm install demo kube9/demo --version 1.0.0"), html);
    }

    @Test
    void namesThatAShellWouldInterpretAreQuotedInTheCommands() {
        String html = render(SETTINGS, index(List.of(entry(SETTINGS, "x$(id)", "1.0.0", chart -> {}))), List.of(), Map.of());

        assertTrue(html.contains("helm install 'x$(id)' 'kube9/x$(id)' --version 1.0.0"), html);
    }

    @Test
    void deprecatedChartsAreMarkedFromTheIndexOrTheLedgerMessage() {
        String html = render(SETTINGS, index(List.of(
                        entry(SETTINGS, "flagged", "1.0.0", chart -> chart.put("deprecated", true)),
                        entry(SETTINGS, "messaged", "1.0.0", chart -> chart.put("deprecated", true)),
                        entry(SETTINGS, "current", "1.0.0", chart -> {}))),
                List.of(), Map.of("messaged", "Use current instead."));

        assertTrue(html.contains("<h2><a href=\"charts/flagged/index.html\">flagged</a> <small>1.0.0</small> <span class=\"badge\">deprecated</span></h2>"), html);
        assertTrue(html.contains("<h2><a href=\"charts/messaged/index.html\">messaged</a> <small>1.0.0</small> <span class=\"badge\">deprecated</span></h2>"), html);
        assertTrue(html.contains("<strong>Deprecated:</strong> Use current instead."), html);
        assertTrue(html.contains("<h2><a href=\"charts/current/index.html\">current</a> <small>1.0.0</small></h2>"), html);
    }

    @Test
    void aChartWhoseEveryVersionIsYankedSaysSoAndLinksToItsPage() {
        String html = render(SETTINGS, index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> {}),
                        entry(SETTINGS, "demo", "1.1.0", chart -> {}))),
                List.of(new YankedVersion("demo", "1.1.0", "breaks upgrades", ""), new YankedVersion("gone", "0.1.0", "", "")),
                Map.of());

        assertTrue(html.contains("helm install demo kube9/demo --version 1.0.0") && !html.contains("--version 1.1.0"), html);
        assertTrue(html.contains("<h2><a href=\"charts/gone/index.html\">gone</a></h2>")
                && html.contains("every version of this chart is yanked"), html);
    }

    @Test
    void downloadsOfTheLast30DaysAreShownWhenThereAreStatistics() {
        ChartIndex index = index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> {}), entry(SETTINGS, "demo", "1.1.0", chart -> {}),
                entry(SETTINGS, "quiet", "1.0.0", chart -> {})));
        DownloadCounts downloads = new DownloadCounts(Map.of("demo", Map.of("1.0.0", 1_200L, "1.1.0", 34L)));

        String html = new String(new LandingPage(SETTINGS).render(new SiteData(index, List.of(), Map.of(), downloads)), StandardCharsets.UTF_8);

        assertTrue(html.contains("<small>1.1.0</small></h2>\n<p>The demo chart</p>\n<p class=\"muted\">1,234 downloads in the last 30 days</p>"), html);
        assertTrue(html.contains("<p class=\"muted\">0 downloads in the last 30 days</p>"), html);
    }

    @Test
    void longTextsAreShortenedSoNoFieldCanSwellThePage() {
        String long_ = "\uD83D\uDE80".repeat(LandingPage.MAX_TEXT_LENGTH * 10);
        String html = render(SETTINGS, index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> chart.put("description", long_)))),
                List.of(new YankedVersion("demo", "0.1.0", long_, "")), Map.of("demo", long_));

        String shortened = "\uD83D\uDE80".repeat(LandingPage.MAX_TEXT_LENGTH - 1) + "\u2026";
        assertEquals(2, count(html, shortened), "description and deprecation message: " + html);
        assertFalse(html.contains(shortened.replace("\u2026", "\uD83D\uDE80")), html);
    }

    @Test
    void anEmptyRepositorySaysSoAndHasNoFilter() {
        String html = render(SETTINGS, index(List.of()), List.of(), Map.of());

        assertTrue(html.contains("No charts are published yet."), html);
        assertFalse(html.contains("<script>") || html.contains("id=\"filter\""), html);
    }

    /** A size bound, not a speed target: the page grows with the charts, not their versions. */
    @Test
    void thePageOf500ChartsOf20VersionsIsUnder256KiBAtMost512BytesAChart() {
        byte[] empty = render(SETTINGS, index(List.of()), List.of(), Map.of()).getBytes(StandardCharsets.UTF_8);
        byte[] page = LandingPageSizeBenchmark.render(500 * 20, 20);
        byte[] oneVersionEach = LandingPageSizeBenchmark.render(500, 1);

        assertTrue(page.length < LandingPageSizeBenchmark.TARGET_BYTES, page.length + " bytes");
        assertTrue(page.length - empty.length <= 500 * 512, (page.length - empty.length) / 500 + " bytes a chart");
        assertTrue(Math.abs(page.length - oneVersionEach.length) < 500 * 64,
                "versions barely count: " + page.length + " vs " + oneVersionEach.length);
    }
}
