package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.config.CdnConfig;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.infra.constructs.ChartBucketPolicy;
import io.kube9.charts.infra.constructs.ChartCdn;
import io.kube9.charts.infra.constructs.LifecycleAccess;
import io.kube9.charts.infra.constructs.PublisherAccess;
import io.kube9.charts.infra.constructs.RepositoryAlarms;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.repository.storage.ObjectHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The infrastructure and the publisher agree on object names: what a publisher writes for its chart, that chart's
 * role allows (and nothing of another chart's), the shared files are the ones it rewrites, and the CDN caches right.
 */
class PublisherContractTest {
    private static final String CHART = "kube9-operator";

    /** The keys the publisher writes for one chart version (a '+' in the version stays literal in the key). */
    private static List<String> writtenKeys(String chart, String version) {
        return List.of(chart + "-" + version + RepositoryLayout.PACKAGE_SUFFIX, chart + "-" + version + RepositoryLayout.PROVENANCE_SUFFIX);
    }

    /** What the publisher (and the lifecycle commands) write, with the headers they write it with. */
    private static final Map<String, ObjectHeaders> PUBLISHED_OBJECTS = Map.of(
            RepositoryLayout.INDEX_KEY, RepositoryLayout.indexHeaders(IndexFormat.YAML),
            RepositoryLayout.LANDING_PAGE_KEY, RepositoryLayout.LANDING_PAGE,
            RepositoryLayout.ARTIFACT_HUB_KEY, RepositoryLayout.ARTIFACT_HUB,
            RepositoryLayout.LIFECYCLE_KEY, RepositoryLayout.LIFECYCLE,
            "kube9-operator-1.0.0+build.7" + RepositoryLayout.PACKAGE_SUFFIX, RepositoryLayout.PACKAGE,
            "kube9-operator-1.0.0+build.7" + RepositoryLayout.PROVENANCE_SUFFIX, RepositoryLayout.PROVENANCE);

    @Test
    void aChartsRoleMayWriteEveryKeyThePublisherWritesForIt() {
        for (String version : List.of("1.0.0", "2.4.0-rc.1+build.7")) {
            for (String key : writtenKeys(CHART, version)) {
                assertTrue(PublisherAccess.chartObjectPatterns(CHART).stream().anyMatch(pattern -> matches(pattern, key)), key);
            }
        }
    }

    @Test
    void eachPatternOfAChartIsNeededAndMatchesNothingOfOtherCharts() {
        for (String pattern : PublisherAccess.chartObjectPatterns(CHART)) {
            assertTrue(writtenKeys(CHART, "1.0.0").stream().anyMatch(key -> matches(pattern, key)), pattern + " is not needed");
            for (String other : List.of("kube9-operatorx", "kube9", "other", "operator")) {
                for (String key : writtenKeys(other, "1.0.0")) {
                    assertFalse(matches(pattern, key), pattern + " also matches " + key);
                }
            }
        }
        // The one overlap IAM patterns cannot avoid, which ConfigValidator refuses across repositories:
        assertTrue(matches(PublisherAccess.chartObjectPatterns("kube9").get(0), "kube9-operator-1.0.0.tgz"));
    }

    /** Every chart's page, as the refresh writes them (RepositoryLayout.CHART_PAGES_PREFIX + name + "/index.html"). */
    private static final String CHART_PAGES = RepositoryLayout.CHART_PAGES_PREFIX + "*/" + RepositoryLayout.LANDING_PAGE_KEY;

    @Test
    void repositoryFilesAreWhatEveryPublishRewritesAndTheLedgerIsOnlyRead() {
        assertEquals(List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY, CHART_PAGES,
                RepositoryLayout.ARTIFACT_HUB_KEY), PublisherAccess.REPOSITORY_FILES);
        assertEquals(List.of(RepositoryLayout.LIFECYCLE_KEY), PublisherAccess.READ_ONLY_FILES);
    }

    @Test
    void theLifecycleRoleWritesTheIndexThePageAndTheLedgerOnly() {
        assertEquals(List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY, CHART_PAGES,
                RepositoryLayout.LIFECYCLE_KEY), LifecycleAccess.WRITTEN_OBJECTS);
        for (String key : writtenKeys(CHART, "1.0.0")) {
            assertFalse(LifecycleAccess.WRITTEN_OBJECTS.stream().anyMatch(pattern -> matches(pattern, key)), key);
        }
    }

    @Test
    void packagesAndProvenanceFilesAreTheWriteOnceObjects() {
        assertTrue(ChartBucketPolicy.WRITE_ONCE_SUFFIXES.stream().anyMatch(RepositoryLayout.PACKAGE_SUFFIX::endsWith));
        assertTrue(ChartBucketPolicy.WRITE_ONCE_SUFFIXES.stream().anyMatch(RepositoryLayout.PROVENANCE_SUFFIX::endsWith));
    }

    @Test
    void onlyObjectsWrittenAsImmutableAreCachedForAYearEverythingElseIsCapped() {
        PUBLISHED_OBJECTS.forEach((key, headers) -> assertEquals(RepositoryLayout.IMMUTABLE.equals(headers.cacheControl()),
                ChartCdn.IMMUTABLE_PATH_PATTERNS.stream().anyMatch(pattern -> matches(pattern, key)), key));
    }

    /**
     * CloudFront keeps a mutable object no longer than the default behaviour's maximum TTL, so whatever fresh and stale
     * time the publisher writes ({@code max-age} + {@code stale-if-error}) must fit in it, or stale-if-error is cut short.
     */
    @Test
    void mutableObjectsFreshAndStaleTimeFitsTheTimeTheEdgeKeepsThem() {
        CdnConfig cdn = ConfigLoader.defaults().cdn();
        long kept = new ChartCdn.Ttls(cdn.chartMaxTtlSeconds(), cdn.indexMaxTtlSeconds()).mutableRetainedSeconds();
        PUBLISHED_OBJECTS.forEach((key, headers) -> {
            if (!RepositoryLayout.IMMUTABLE.equals(headers.cacheControl())) {
                long fresh = directive(headers.cacheControl(), "max-age");
                assertTrue(fresh > 0 && fresh <= cdn.indexMaxTtlSeconds(), key + ": " + headers.cacheControl());
                assertTrue(fresh + directive(headers.cacheControl(), "stale-if-error") <= kept, key + ": " + headers.cacheControl());
            }
        });
        assertEquals(cdn.indexMaxTtlSeconds() + ChartCdn.STALE_IF_ERROR_SECONDS, kept);
    }

    private static long directive(String cacheControl, String name) {
        Matcher value = Pattern.compile("(?:^|[ ,])" + name + "=(\\d+)").matcher(cacheControl);
        return value.find() ? Long.parseLong(value.group(1)) : 0;
    }

    /** Route 53 matches the probe's string within the first 5,120 bytes of the body; the publisher writes either format. */
    @Test
    void everyIndexFormatCarriesTheProbesStringWithinItsFirst5120Bytes() {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ObjectNode chart = JsonNodeFactory.instance.objectNode().put("name", CHART).put("version", "1.0." + i)
                    .put("description", "x".repeat(200));
            entries.add(IndexEntry.forChart(chart, "https://charts.kube9.io/" + CHART + "-1.0." + i + ".tgz", "0".repeat(64),
                    Instant.parse("2026-12-07T00:00:00Z")));
        }
        ChartIndex index = ChartIndex.empty().merge(entries).index();
        for (IndexFormat format : IndexFormat.values()) {
            byte[] body = new IndexCodec().write(index, format);
            assertTrue(body.length > 5120, format + " index is large enough to test the limit");
            String head = new String(Arrays.copyOf(body, 5120), StandardCharsets.UTF_8);
            assertTrue(head.contains(RepositoryAlarms.INDEX_SEARCH_STRING), format + ": " + head.substring(0, 80));
        }
        assertEquals("/" + RepositoryLayout.INDEX_KEY, RepositoryAlarms.INDEX_PATH);
    }

    /** IAM resource wildcards and CloudFront path patterns behave like a glob here: '*' spans any characters, including '/'. */
    private static boolean matches(String pattern, String key) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("*", "**")).matches(Path.of(key));
    }
}
