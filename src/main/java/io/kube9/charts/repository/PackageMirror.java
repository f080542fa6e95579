package io.kube9.charts.repository;

import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.index.IndexEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Another place every published package is also written to, byte for byte (an OCI registry): publish and import
 * write through it after the repository's own create-only upload and before the index lists the version, so the
 * index never lists a version the mirror lacks; verify checks it. Chosen by the command line from the mirror's URL
 * scheme; the commands only know this interface. Methods throw {@link RepositoryConflictException} when the mirror
 * holds other bytes, {@code ChartValidationException} when it cannot hold a package, and
 * {@link RetriesExhaustedException} when it could not be reached.
 */
public interface PackageMirror extends AutoCloseable {
    /** No mirror: nothing is read, written or checked. */
    PackageMirror NONE = new PackageMirror() {
        @Override
        public String url() {
            return null;
        }

        @Override
        public String reference(String chart, String version) {
            return null;
        }

        @Override
        public Plan plan(List<ChartArchive> charts, Instant created, ConflictAdvice advice) {
            return new Plan(Map.of(), () -> Map.of());
        }

        @Override
        public boolean holds(IndexEntry entry, Supplier<Optional<byte[]>> provenance) {
            return true;
        }

        @Override
        public List<String> verify(List<IndexEntry> entries, Function<IndexEntry, Optional<byte[]>> provenance) {
            return List.of();
        }

        @Override
        public void close() {}
    };

    /** What a conflict's message tells the user to do, after saying what the mirror holds. */
    record ConflictAdvice(String otherChart, String otherProvenance) {
        public static final ConflictAdvice PUBLISH = new ConflictAdvice(
                "Published versions are immutable: bump the version in Chart.yaml and publish again",
                "Publish the .prov it was published with");
        public static final ConflictAdvice IMPORT = new ConflictAdvice(
                "The registry holds another build under this tag: find out which one users have; if it is not the source's,"
                        + " delete the tag in the registry and import again",
                "The tag was pushed with another .prov than the source's: find out which one is right; if it is the source's,"
                        + " delete the tag in the registry and import again");
    }

    /**
     * The charts' planned writes, read before anything is written.
     *
     * @param planned by package key: {@link UploadStatus#WOULD_UPLOAD} or {@link UploadStatus#ALREADY_PUBLISHED}
     * @param push    writes what the plan found missing and answers each chart's status by package key
     */
    record Plan(Map<String, UploadStatus> planned, Supplier<Map<String, UploadStatus>> push) {}

    /** The mirror's URL as users give it, e.g. {@code oci://public.ecr.aws/kube9}; null for {@link #NONE}. */
    String url();

    /** Where the mirror holds a chart version, e.g. {@code oci://HOST/PATH/NAME:TAG}; null for {@link #NONE}. */
    String reference(String chart, String version);

    /**
     * Reads every chart's place without writing: refuses (nothing written) when one holds another chart, and plans the
     * writes of the others.
     *
     * @param created the time the copies are stamped with
     */
    Plan plan(List<ChartArchive> charts, Instant created, ConflictAdvice advice);

    /** Whether the mirror holds this entry's package (and {@code provenance}'s bytes, read only when needed). */
    boolean holds(IndexEntry entry, Supplier<Optional<byte[]>> provenance);

    /** The problems of the mirror against the index: versions missing or held with other bytes. */
    List<String> verify(List<IndexEntry> entries, Function<IndexEntry, Optional<byte[]>> provenance);

    @Override
    void close();
}
