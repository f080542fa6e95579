package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.chart.ChartContent;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.Optional;

/**
 * The re-run decision, made before anything is written: an offered package is compared with the one
 * already published under its key. The same bytes are already published. Other bytes with the same
 * content ({@link ChartContent}: the same files, bytes and modes; only tar headers, time stamps and
 * the gzip header differ, as when {@code helm package} runs again) are already published too: the
 * published package and its digest stay, and a provenance file made for the re-packaged bytes is not
 * uploaded (it signs other bytes). Other content is a changed version and refused.
 */
final class PublishedVersion {
    /**
     * What to publish for an offered package.
     *
     * @param chart              the package to publish: the offered one, or the published one it matches
     * @param repackagedDigest   the offered package's digest when it differed from the published one only in packaging
     * @param provenanceWithheld the offered provenance file was not uploaded because it signs the re-packaged bytes
     * @param publishedPackage   the object under {@code chart}'s package key as the check read it (empty: absent)
     * @param publishedProvenance the object under {@code chart}'s provenance key as the check read it (empty: absent); read,
     *                           and meaningful, only when {@code chart} has a provenance file to publish
     */
    record Offer(ChartArchive chart, Optional<String> repackagedDigest, boolean provenanceWithheld,
            Optional<StoredObject> publishedPackage, Optional<StoredObject> publishedProvenance) {}

    private final ObjectStore store;
    private final ChartArchiveReader reader = new ChartArchiveReader();

    PublishedVersion(ObjectStore store) {
        this.store = store;
    }

    Offer check(ChartArchive offered) {
        Optional<StoredObject> published = store.get(offered.packageKey());
        if (published.isEmpty() || Sha256.hex(published.get().content()).equals(offered.digest())) {
            Optional<StoredObject> publishedProvenance = offered.provenance().isEmpty() ? Optional.empty()
                    : store.get(offered.provenanceKey());
            publishedProvenance.ifPresent(existing ->
                    refuseIfDifferent(offered, offered.provenanceKey(), existing, offered.provenance().get()));
            return new Offer(offered, Optional.empty(), false, published, publishedProvenance);
        }
        byte[] publishedBytes = published.get().content();
        ChartArchive publishedChart;
        try {
            publishedChart = reader.read(store.describe() + "/" + offered.packageKey(), publishedBytes, Optional.empty());
        } catch (ChartValidationException unreadable) {
            throw changed(offered, offered.packageKey(), publishedBytes, offered.content(),
                    " (the published package cannot be read to compare its files: " + unreadable.getMessage() + ")");
        }
        Optional<String> difference = offered.files().firstDifference(publishedChart.files());
        if (difference.isPresent()) {
            throw changed(offered, offered.packageKey(), publishedBytes, offered.content(), ": " + difference.get());
        }
        ChartArchive kept = new ChartArchive(offered.source(), publishedBytes, publishedChart.digest(), publishedChart.metadata(),
                Optional.empty(), publishedChart.files());
        return new Offer(kept, Optional.of(offered.digest()), offered.provenance().isPresent(), published, Optional.empty());
    }

    /** A package or provenance file that is published with other bytes than offered. */
    void refuseIfDifferent(ChartArchive chart, String key, StoredObject existing, byte[] offered) {
        ChartRepository.requireSame(existing, offered, stored -> changed(chart, key, stored.content(), offered, ""));
    }

    RepositoryConflictException changed(ChartArchive chart, String key, byte[] published, byte[] offered, String detail) {
        return new RepositoryConflictException(key + " is already published in " + store.describe() + " with sha256 " + Sha256.hex(published)
                + ", and " + chart.source() + " has different content (sha256 " + Sha256.hex(offered) + ")" + detail
                + ". Published versions are immutable (cached for a year): bump the version in Chart.yaml and publish again."
                + " Nothing was changed");
    }
}
