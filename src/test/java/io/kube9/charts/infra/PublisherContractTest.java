package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.infra.constructs.ChartBucketPolicy;
import io.kube9.charts.infra.constructs.ChartCdn;
import io.kube9.charts.infra.constructs.LifecycleAccess;
import io.kube9.charts.infra.constructs.PublisherAccess;
import io.kube9.charts.publishing.RepositoryLayout;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void repositoryFilesAreWhatEveryPublishRewritesAndTheLedgerIsOnlyRead() {
        assertEquals(List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY, RepositoryLayout.ARTIFACT_HUB_KEY),
                PublisherAccess.REPOSITORY_FILES);
        assertEquals(List.of(RepositoryLayout.LIFECYCLE_KEY), PublisherAccess.READ_ONLY_FILES);
    }

    @Test
    void theLifecycleRoleWritesTheIndexThePageAndTheLedgerOnly() {
        assertEquals(List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY, RepositoryLayout.LIFECYCLE_KEY),
                LifecycleAccess.WRITTEN_OBJECTS);
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
    void objectsWrittenWithShortCacheControlAreTheOnesTheCdnCaps() {
        assertEquals(List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY, RepositoryLayout.ARTIFACT_HUB_KEY),
                ChartCdn.MUTABLE_PATHS);
    }

    /** IAM resource wildcards behave like a glob here: '*' spans any characters, including '/'. */
    private static boolean matches(String pattern, String key) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("*", "**")).matches(Path.of(key));
    }
}
