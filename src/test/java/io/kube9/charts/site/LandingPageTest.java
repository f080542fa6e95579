package io.kube9.charts.site;

import static io.kube9.charts.site.SiteFixtures.REPO;
import static io.kube9.charts.site.SiteFixtures.edited;
import static io.kube9.charts.site.SiteFixtures.entry;
import static io.kube9.charts.site.SiteFixtures.index;
import static io.kube9.charts.site.SiteFixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.bench.LandingPageSizeBenchmark;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.IndexEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

        assertTrue(html.contains("<section class=\"chart\" id=\"q&#34;uote\">"), html);
        assertTrue(html.contains("<p class=\"description\">&lt;script&gt;alert('x')&lt;/script&gt; &amp; more &lt;/script&gt;</p>"), html);
        assertTrue(html.contains("<td>\"&gt;&lt;img src=x onerror=alert(1)&gt;</td>"), html);
        assertTrue(html.contains("<img src=\"https://example.com/i.svg?a=1&amp;b=2\" alt=\"\""), html);
        assertTrue(html.contains("&lt;b&gt;broken&lt;/b&gt;") && html.contains("use &lt;i&gt;other&lt;/i&gt;"), html);
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
        assertTrue(html.contains("<img src=\"https://kube9.io/demo.svg\" alt=\"\""), html);
        assertTrue(html.contains("<a href=\"https://kube9.io/demo\">Home</a> <a href=\"http://github.com/kube9/demo\">Source</a>"), html);
        assertTrue(html.contains("Latest: <strong>1.1.0</strong>"), "the newest release, not the newer pre-release: " + html);
        assertEquals(1, count(html, "<h1>"), html);
        assertEquals(1, count(html, "<h2>"), html);
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
    void yankedVersionsAreNotInstallableAndTheirChartSaysWhy() {
        String html = render(SETTINGS, index(List.of(
                        entry(SETTINGS, "demo", "1.0.0", chart -> {}),
                        entry(SETTINGS, "demo", "1.1.0", chart -> {}))),
                List.of(new YankedVersion("demo", "1.1.0", "breaks upgrades", "2026-11-30T23:59:59.999999999-02:00"),
                        new YankedVersion("gone", "0.1.0", "", "")),
                Map.of());

        assertFalse(html.contains(">1.1.0</a>") || html.contains("--version 1.1.0"), html);
        assertTrue(html.contains("helm install demo kube9/demo --version 1.0.0"), html);
        assertTrue(html.contains("<li>1.1.0 on 2026-12-01: breaks upgrades</li>"), "the UTC date: " + html);
        assertTrue(html.contains("<h2>gone</h2>") && html.contains("every version of this chart is yanked"), html);
    }

    @Test
    void deprecatedChartsAreMarkedFromTheIndexOrTheLedgerMessage() {
        String html = render(SETTINGS, index(List.of(
                        entry(SETTINGS, "flagged", "1.0.0", chart -> chart.put("deprecated", true)),
                        entry(SETTINGS, "messaged", "1.0.0", chart -> chart.put("deprecated", true)),
                        entry(SETTINGS, "current", "1.0.0", chart -> {}))),
                List.of(), Map.of("messaged", "Use current instead."));

        assertTrue(html.contains("<h2>flagged <span class=\"badge\">deprecated</span></h2>"), html);
        assertTrue(html.contains("<h2>messaged <span class=\"badge\">deprecated</span></h2>"), html);
        assertTrue(html.contains("<strong>Deprecated:</strong> Use current instead."), html);
        assertTrue(html.contains("<h2>current</h2>"), html);
    }

    @Test
    void datesAreUtcDatesAndPackagesLinkWithTheirKeyEncoded() {
        String html = render(SETTINGS, index(List.of(
                entry(SETTINGS, "demo", "1.0.0+build.7", chart -> {}),
                edited(entry(SETTINGS, "demo", "0.9.0", chart -> {}), fields -> {
                    fields.put("created", "2026-03-01T01:02:03.123456789+05:00");
                    fields.putArray("urls").add("https://github.com/kube9/releases/demo-0.9.0.tgz");
                }))).generatedAt(Instant.parse("2026-11-25T02:30:00Z")), List.of(), Map.of());

        assertTrue(html.contains("<a href=\"demo-1.0.0%2Bbuild.7.tgz\">1.0.0+build.7</a>"), html);
        assertTrue(html.contains("<a href=\"https://github.com/kube9/releases/demo-0.9.0.tgz\">0.9.0</a></td><td>1.0</td><td>2026-02-28</td>"), html);
        assertTrue(html.contains("Updated 2026-11-25 (UTC)."), html);
    }

    @Test
    void eachChartListsItsNewestVersionsAndPointsToTheIndexForTheRest() {
        List<IndexEntry> entries = new ArrayList<>();
        for (int patch = 0; patch < 100; patch++) {
            entries.add(entry(SETTINGS, "demo", "1.0." + patch, chart -> {}));
        }
        String html = render(SETTINGS, index(entries), List.of(), Map.of());

        int listed = LandingPage.MAX_LISTED_PER_CHART;
        assertEquals(listed, count(html, "<tr><td><a href="), html);
        assertTrue(html.contains(">1.0.99</a>") && html.contains(">1.0." + (100 - listed) + "</a>"), html);
        assertFalse(html.contains(">1.0." + (99 - listed) + "</a>"), html);
        assertTrue(html.contains("<details><summary>" + (listed - LandingPage.NEWEST_SHOWN) + " older versions</summary>"), html);
        assertTrue(html.contains((100 - listed) + " more in <a href=\"index.yaml\">index.yaml</a>"), html);
        assertTrue(html.contains("A chart lists its " + listed + " newest versions at most"), html);
    }

    @Test
    void manyChartsListFewerVersionsEachButNeverFewerThanTheMinimum() {
        assertEquals(LandingPage.MAX_LISTED_PER_CHART, LandingPage.listedPerChart(1));
        assertEquals(LandingPage.MAX_LISTED_PER_CHART, LandingPage.listedPerChart(20));
        assertEquals(LandingPage.PAGE_LISTING_BUDGET / 100, LandingPage.listedPerChart(100));
        assertEquals(LandingPage.MIN_LISTED_PER_CHART, LandingPage.listedPerChart(1_000));
    }

    @Test
    void longTextsAreShortenedSoNoFieldCanSwellThePage() {
        String long_ = "\uD83D\uDE80".repeat(LandingPage.MAX_TEXT_LENGTH * 10);
        String html = render(SETTINGS, index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> chart.put("description", long_)))),
                List.of(new YankedVersion("demo", "0.1.0", long_, "")), Map.of("demo", long_));

        String shortened = "\uD83D\uDE80".repeat(LandingPage.MAX_TEXT_LENGTH - 1) + "\u2026";
        assertEquals(3, count(html, shortened), html);
        assertFalse(html.contains(shortened.replace("\u2026", "\uD83D\uDE80")), html);
    }

    @Test
    void anEmptyRepositorySaysSoAndHasNoFilter() {
        String html = render(SETTINGS, index(List.of()), List.of(), Map.of());

        assertTrue(html.contains("No charts are published yet."), html);
        assertFalse(html.contains("<script>") || html.contains("id=\"filter\""), html);
    }

    /** A size bound, not a speed target: the page of a 10k-version repository stays within 256 KiB. */
    @ParameterizedTest
    @ValueSource(ints = {50, 1_000, 10_000})
    void thePageOfTenThousandVersionsIsAtMost256KiB(int versionsPerChart) {
        byte[] page = LandingPageSizeBenchmark.render(10_000, versionsPerChart);

        assertTrue(page.length <= LandingPageSizeBenchmark.TARGET_BYTES, page.length + " bytes with " + versionsPerChart + " versions per chart");
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
