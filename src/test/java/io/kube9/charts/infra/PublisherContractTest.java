package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.infra.constructs.ChartBucketPolicy;
import io.kube9.charts.infra.constructs.ChartCdn;
import io.kube9.charts.infra.constructs.PublisherAccess;
import io.kube9.charts.publishing.RepositoryLayout;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The infrastructure and the publisher agree on object names: what it writes, the role allows and the CDN caches right. */
class PublisherContractTest {
    private static final List<String> WRITTEN_KEYS = List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY,
            RepositoryLayout.ARTIFACT_HUB_KEY, "kube9-operator-1.0.0" + RepositoryLayout.PACKAGE_SUFFIX,
            "kube9-operator-1.0.0" + RepositoryLayout.PROVENANCE_SUFFIX);

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
    void objectsWrittenWithShortCacheControlAreTheOnesTheCdnCaps() {
        assertEquals(List.of(RepositoryLayout.INDEX_KEY, RepositoryLayout.LANDING_PAGE_KEY, RepositoryLayout.ARTIFACT_HUB_KEY),
                ChartCdn.MUTABLE_PATHS);
    }

    /** IAM resource wildcards behave like a glob here: '*' spans any characters, including '/'. */
    private static boolean matches(String pattern, String key) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("*", "**")).matches(Path.of(key));
    }
}
