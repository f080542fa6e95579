package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.infra.constructs.ChartBucketPolicy;
import io.kube9.charts.infra.constructs.ChartCdn;
import io.kube9.charts.infra.constructs.PublisherAccess;
import io.kube9.charts.publishing.RepositoryLayout;
import io.kube9.charts.publishing.index.IndexFormat;
import io.kube9.charts.publishing.storage.ObjectHeaders;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The infrastructure and the publisher agree on object names: what it writes, the role allows and the CDN caches right. */
class PublisherContractTest {
    private static final List<String> WRITTEN_KEYS = List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY,
            RepositoryLayout.ARTIFACT_HUB_KEY, "kube9-operator-1.0.0" + RepositoryLayout.PACKAGE_SUFFIX,
            "kube9-operator-1.0.0" + RepositoryLayout.PROVENANCE_SUFFIX);

    /** What the publisher (and the lifecycle commands) write, with the headers they write it with. */
    private static final Map<String, ObjectHeaders> PUBLISHED_OBJECTS = Map.of(
            RepositoryLayout.INDEX_KEY, RepositoryLayout.indexHeaders(IndexFormat.YAML),
            RepositoryLayout.LANDING_PAGE_KEY, RepositoryLayout.LANDING_PAGE,
            RepositoryLayout.ARTIFACT_HUB_KEY, RepositoryLayout.ARTIFACT_HUB,
            RepositoryLayout.LIFECYCLE_KEY, RepositoryLayout.LIFECYCLE,
            "kube9-operator-1.0.0+build.7" + RepositoryLayout.PACKAGE_SUFFIX, RepositoryLayout.PACKAGE,
            "kube9-operator-1.0.0+build.7" + RepositoryLayout.PROVENANCE_SUFFIX, RepositoryLayout.PROVENANCE);

    @Test
    void publisherRoleMayWriteEveryObjectThePublisherWrites() {
        for (String key : WRITTEN_KEYS) {
            assertTrue(PublisherAccess.PUBLISHED_OBJECT_PATTERNS.stream().anyMatch(pattern -> matches(pattern, key)), key);
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

    /** IAM resource wildcards and CloudFront path patterns behave like a glob here: '*' spans any characters, including '/'. */
    private static boolean matches(String pattern, String key) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("*", "**")).matches(Path.of(key));
    }
}
