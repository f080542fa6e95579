package io.kube9.charts.migration;

import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.repository.index.IndexEntry;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Another place every imported package is written to (for example an OCI registry): checked before the
 * repository's own create-only upload, so that a conflict there changes nothing, and written after it and
 * before the index lists the entry, so that the index never lists a version a channel lacks. Called from
 * several threads at once. A method that throws leaves the entry unindexed (re-running the import retries
 * it): {@code RepositoryConflictException} when the channel holds other bytes, {@code ChartValidationException}
 * when it cannot hold the package, {@code RetriesExhaustedException} when it could not be reached.
 */
public interface PackageChannel {
    /** No other channel: nothing is checked or written, the outcomes carry no channel status. */
    PackageChannel NONE = new PackageChannel() {
        @Override
        public Optional<Outcome> held(IndexEntry entry, Supplier<Optional<byte[]>> provenance) {
            return Optional.of(Outcome.NONE);
        }

        @Override
        public Checked check(SourcePackage pkg) {
            return new Checked() {
                @Override
                public Outcome planned() {
                    return Outcome.NONE;
                }

                @Override
                public Outcome push() {
                    return Outcome.NONE;
                }
            };
        }
    };

    /**
     * Where the channel holds a version (e.g. {@code oci://HOST/PATH/NAME:TAG}) and what was, or would be,
     * done there ({@code UPLOADED}, {@code ALREADY_PUBLISHED}, {@code WOULD_UPLOAD}); both null for {@link #NONE}.
     */
    record Outcome(String reference, PublishReport.Status status) {
        static final Outcome NONE = new Outcome(null, null);
    }

    /**
     * What the channel holds of an entry this repository lists already, or empty when it lacks it (then the
     * importer copies the package from the source again, checked as a new one is, and pushes it).
     *
     * @param provenance this repository's {@code .prov} of the entry, if any (read only when needed)
     */
    Optional<Outcome> held(IndexEntry entry, Supplier<Optional<byte[]>> provenance);

    /** Checks a package without writing anything: what its push would do (also the dry run's answer), and the push. */
    Checked check(SourcePackage pkg);

    /** A checked package: the push it needs, done with what the check found. */
    interface Checked {
        /** What {@link #push} would do. */
        Outcome planned();

        Outcome push();
    }
}
