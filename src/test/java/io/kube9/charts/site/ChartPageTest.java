package io.kube9.charts.site;

import static io.kube9.charts.site.SiteFixtures.REPO;
import static io.kube9.charts.site.SiteFixtures.count;
import static io.kube9.charts.site.SiteFixtures.chartPage;
import static io.kube9.charts.site.SiteFixtures.edited;
import static io.kube9.charts.site.SiteFixtures.entry;
import static io.kube9.charts.site.SiteFixtures.index;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.bench.LandingPageSizeBenchmark;
import io.kube9.charts.repository.DownloadCounts;
import io.kube9.charts.repository.LifecycleView;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryPages;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartPageTest {
    private static final RepositorySettings SETTINGS = RepositorySettings.defaults(REPO);

    private static String page(IndexEntry... entries) {
        return chartPage(SETTINGS, index(List.of(entries)), List.of(), Map.of(), "demo");
    }

    private static IndexEntry withChanges(String version, String changes) {
        return entry(SETTINGS, "demo", version, chart -> chart.putObject("annotations").put(ChangeLog.ANNOTATION, changes));
    }

    @Test
    void theSiteIsTheLandingPageThenAPagePerChart() {
        ChartIndex index = index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> {}), entry(SETTINGS, "other", "1.0.0", chart -> {}),
                entry(SETTINGS, "bad/../name", "1.0.0", chart -> {})));

        List<RepositoryPages.Page> pages = new SitePages().render(new RepositoryPages.PageData(SETTINGS, index, LifecycleView.EMPTY));

        assertEquals(List.of(RepositoryLayout.LANDING_PAGE_KEY, "charts/demo/index.html", "charts/other/index.html"),
                pages.stream().map(RepositoryPages.Page::key).toList());
    }

    @Test
    void showsTheInstallAndVerifyCommandsOfTheLatestRelease() {
        RepositorySettings oci = SETTINGS.withOciRepository("oci://public.ecr.aws/kube9/");
        String html = chartPage(oci, index(List.of(entry(oci, "demo", "1.0.0", chart -> {}),
                entry(oci, "demo", "1.1.0", chart -> {
                    chart.put("home", "https://kube9.io/demo");
                    chart.putArray("sources").add("https://github.com/alto9/demo-chart.git").add("https://second.example");
                }),
                entry(oci, "demo", "2.0.0-rc.1", chart -> {}))), List.of(), Map.of(), "demo");

        assertTrue(html.contains("<pre><code>helm repo add kube9 https://charts.kube9.io\nhelm install demo kube9/demo --version 1.1.0</code></pre>"), html);
        assertTrue(html.contains("<pre><code>helm install demo oci://public.ecr.aws/kube9/demo --version 1.1.0</code></pre>"), html);
        assertTrue(html.contains("<pre><code>helm pull kube9/demo --version 1.1.0 --verify</code></pre>"), html);
        assertTrue(html.contains("<pre><code>helm pull kube9/demo --version 1.1.0\ngh attestation verify demo-1.1.0.tgz --repo alto9/demo-chart</code></pre>"), html);
        assertTrue(html.contains("<a href=\"https://kube9.io/demo\">Home</a> <a href=\"https://github.com/alto9/demo-chart.git\">Source</a>"), html);
        assertTrue(html.contains("<a href=\"../../\">") && html.contains("<a href=\"../../index.yaml\">"), html);
        assertTrue(html.contains(">2.0.0-rc.1</a>") && html.contains(">1.0.0</a>"), "every installable version: " + html);
        assertEquals(1, count(html, "<h1>"), html);
        assertFalse(html.contains("<script"), "no script at all: " + html);
    }

    @Test
    void withoutAGithubSourceThereIsNoAttestationCommand() {
        String html = page(entry(SETTINGS, "demo", "1.0.0", chart -> chart.putArray("sources").add("https://gitlab.com/a/b")));

        assertFalse(html.contains("gh attestation"), html);
        assertTrue(html.contains("helm pull kube9/demo --version 1.0.0 --verify"), html);
    }

    @Test
    void changesInBothArtifactHubFormsAreListedWithKindsAndHttpLinksOnly() {
        String html = page(
                withChanges("1.0.0", "- Fixed the <b>probe</b>\n- Added a value\n"),
                withChanges("1.1.0", """
                        - kind: security
                          description: Patched CVE-2026-1 <script>alert(1)</script>
                          links:
                            - name: GHSA
                              url: https://github.com/advisories/GHSA-1
                            - name: evil
                              url: javascript:alert(1)
                        - kind: weird
                          description: Unknown kind
                        - kind: added
                        """));

        assertTrue(html.contains("<li>Fixed the &lt;b&gt;probe&lt;/b&gt;</li><li>Added a value</li>"), html);
        assertTrue(html.contains("<li><span class=\"kind\">security:</span> Patched CVE-2026-1 &lt;script&gt;alert(1)&lt;/script&gt;"
                + " <a href=\"https://github.com/advisories/GHSA-1\">GHSA</a></li>"), html);
        assertTrue(html.contains("<li>Unknown kind</li>"), "an unknown kind is shown without one: " + html);
        assertFalse(html.toLowerCase(Locale.ROOT).contains("javascript:") || html.contains(">evil<") || html.contains("<script"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[unclosed", "just text", "{kind: added}", "- [nested]\n- {kind: added}\n", "a: &x 1\nb: *x\n", "- {links: 5}\n", "\t- x"})
    void malformedChangesAreIgnoredWithoutFailingThePage(String changes) {
        String html = page(withChanges("1.0.0", changes));

        assertTrue(html.contains(">1.0.0</a>") && !html.contains("class=\"changes\""), html);
    }

    @Test
    void yankedVersionsAreListedWithTheirReasonsAndAreNotInstallable() {
        String html = chartPage(SETTINGS, index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> {}), entry(SETTINGS, "demo", "1.1.0", chart -> {}))),
                List.of(new YankedVersion("demo", "1.1.0", "breaks <b>upgrades</b>", "2026-11-30T23:59:59.999999999-02:00")), Map.of(), "demo");

        assertFalse(html.contains(">1.1.0</a>") || html.contains("--version 1.1.0"), html);
        assertTrue(html.contains("<li>1.1.0 on 2026-12-01: breaks &lt;b&gt;upgrades&lt;/b&gt;</li>"), "the UTC date: " + html);
    }

    @Test
    void downloadsPerVersionAreShownWhenThereAreStatistics() {
        ChartIndex index = index(List.of(entry(SETTINGS, "demo", "1.0.0", chart -> {}), entry(SETTINGS, "demo", "1.1.0", chart -> {})));
        DownloadCounts downloads = new DownloadCounts(Map.of("demo", Map.of("1.0.0", 1_200L, "1.1.0", 34L)));

        String html = chartPage(SETTINGS, new SiteData(index, List.of(), Map.of(), downloads), "demo");
        String without = chartPage(SETTINGS, new SiteData(index, List.of(), Map.of()), "demo");

        assertTrue(html.contains("<th>Downloads (30 days)</th>") && html.contains("1,234 downloads in the last 30 days"), html);
        assertTrue(html.contains("<td>2026-11-24</td><td>1,200</td>") && html.contains("<td>2026-11-24</td><td>34</td>"), html);
        assertFalse(without.contains("Downloads") || without.contains("downloads in"), without);
    }

    @Test
    void datesAreUtcDatesAndPackagesLinkRelativeToThePageWithTheirKeyEncoded() {
        String html = page(entry(SETTINGS, "demo", "1.0.0+build.7", chart -> {}),
                edited(entry(SETTINGS, "demo", "0.9.0", chart -> {}), fields -> {
                    fields.put("created", "2026-03-01T01:02:03.123456789+05:00");
                    fields.putArray("urls").add("https://github.com/kube9/releases/demo-0.9.0.tgz");
                }));

        assertTrue(html.contains("<a href=\"../../demo-1.0.0%2Bbuild.7.tgz\">1.0.0+build.7</a>"), html);
        assertTrue(html.contains("<a href=\"https://github.com/kube9/releases/demo-0.9.0.tgz\">0.9.0</a></td><td>1.0</td><td>2026-02-28</td>"), html);
    }

    @Test
    void theNewestVersionsAreListedInFullAndTheOthersByMajorMinor() {
        List<IndexEntry> entries = new ArrayList<>();
        for (int minor = 0; minor < 3; minor++) {
            for (int patch = 0; patch < 60; patch++) {
                entries.add(withChanges("1." + minor + "." + patch, "- change " + patch + "\n"));
            }
        }
        String html = chartPage(SETTINGS, index(entries), List.of(), Map.of(), "demo");

        assertEquals(ChartPage.NEWEST_IN_FULL, count(html, "<tr><td><a href="), html);
        assertEquals(ChartPage.NEWEST_IN_FULL, count(html, "<ul class=\"changes\">"), html);
        assertTrue(html.contains("<details><summary>1.1.x: 20 older versions</summary>"), html);
        assertTrue(html.contains("<details><summary>1.0.x: 60 older versions</summary>"), html);
        assertTrue(html.contains("<a href=\"../../demo-1.0.0.tgz\">1.0.0</a>"), html);
    }

    /** A size bound, not a speed target. */
    @Test
    void thePageOfAChartOfTenThousandVersionsIsUnderOneMegabyte() {
        byte[] page = LandingPageSizeBenchmark.renderChartPage(10_000, 10_000);

        assertTrue(page.length < 1_000_000, page.length + " bytes");
        assertTrue(new String(page, java.nio.charset.StandardCharsets.UTF_8).contains(">1.0.0</a>"), "the oldest version is listed");
    }
}
