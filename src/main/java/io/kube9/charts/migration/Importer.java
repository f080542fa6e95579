package io.kube9.charts.migration;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.IndexChange;
import io.kube9.charts.repository.IndexRead;
import io.kube9.charts.repository.IndexUpdate;
import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.UploadStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.migration.ImportReport.EntryOutcome;
import io.kube9.charts.migration.ImportReport.Status;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryRefresh;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StorageException;
import io.kube9.charts.repository.storage.StoredObject;
import java.time.Instant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies a chart repository into this one: every entry of the source index whose package arrives
 * with the indexed digest is checked against the {@link PackageMirror} (a conflict there changes
 * nothing), uploaded create-only (its {@code .prov} beside it), then written to the mirror, then added
 * to the index with compare-and-swap, keeping every field of the source entry but {@code urls}. Entries
 * this repository already lists with the same digest are skipped unless the mirror lacks them (they are
 * then copied to it), so a re-run writes nothing; a killed run leaves at most unindexed packages (and
 * their mirror copies), which the re-run finds already there and indexes.
 */
public final class Importer {
    /** Helm loads no chart that decompresses to more; a package is no larger than what it decompresses to, give or take gzip's framing. */
    public static final long MAX_PACKAGE_BYTES = ChartArchiveReader.MAX_DECOMPRESSED_CHART_BYTES;
    public static final long MAX_PROVENANCE_BYTES = ChartArchiveReader.MAX_DECOMPRESSED_FILE_BYTES;

    private final SourceRepository source;
    private final ChartRepository repository;
    private final ObjectStore store;
    private final RepositorySettings settings;
    private final PackageMirror mirror;
    private final int parallelism;
    private final Progress progress;
    private final ChartArchiveReader reader = new ChartArchiveReader();

    public Importer(SourceRepository source, ChartRepository repository, PackageMirror mirror, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.source = source;
        this.repository = repository;
        this.store = repository.store();
        this.settings = repository.settings();
        this.mirror = mirror;
        this.parallelism = parallelism;
        this.progress = repository.progress();
    }

    /** An entry of the source index and the chart name it is listed under. */
    private record Work(String listedAs, IndexEntry entry) {}

    /** What became of an entry, and the entry to index when it was imported. */
    private record Done(EntryOutcome outcome, IndexEntry indexed) {}

    public ImportReport run(boolean dryRun) {
        ChartIndex sourceIndex = readSourceIndex();
        // A corrupt index here is refused before anything is written; the read is reused by the index update.
        IndexRead indexed = repository.readIndex();
        List<Work> work = new ArrayList<>();
        sourceIndex.entries().forEach((name, versions) -> versions.forEach(entry -> work.add(new Work(name, entry))));
        progress.line("import: " + work.size() + " entries in " + source.describe() + " into " + store.describe()
                + (dryRun ? " (dry run)" : ""));
        List<Done> done = importAll(work, indexed.index(), dryRun);
        List<EntryOutcome> outcomes = new ArrayList<>(done.stream().map(Done::outcome).toList());
        if (dryRun) {
            return new ImportReport(true, source.describe(), store.describe(), outcomes,
                    labels(outcomes, Status.WOULD_IMPORT), false, 0, false, List.of(), null);
        }
        List<IndexEntry> imported = done.stream().map(Done::indexed).filter(Objects::nonNull).toList();
        IndexUpdate<ChartIndex.Merge> index = imported.isEmpty()
                ? new IndexUpdate<>(false, 0, null, indexed.snapshot())
                : repository.updateIndex(indexed, current -> {
                    ChartIndex.Merge merge = current.merge(imported);
                    return new IndexChange<>(merge.index(), merge.changed(), merge);
                });
        ChartIndex.Merge merge = index.detail();
        List<String> added = merge == null ? List.of()
                : merge.added().stream().map(entry -> entry.name() + " " + entry.version()).toList();
        if (merge != null) {
            markIndexConflicts(outcomes, merge.conflicts());
        }
        progress.line(index.written() ? "index.yaml: added " + added.size() + " entries (attempt " + index.attempts() + ")"
                : "index.yaml: unchanged (it already lists every imported entry)");
        RepositoryRefresh.Outcome refresh = repository.refresh(index.seen(), List.of());
        return new ImportReport(false, source.describe(), store.describe(), outcomes, added, index.written(), index.attempts(),
                refresh.landingPageWritten(), refresh.invalidatedPaths(), refresh.invalidationId().orElse(null));
    }

    private ChartIndex readSourceIndex() {
        String where = source.describe() + (source.describe().endsWith("/") ? "" : "/") + RepositoryLayout.INDEX_KEY;
        return LiveIndex.read(source, where, ". Nothing was imported").index();
    }

    /** Decides in order what needs no download, then downloads and writes the rest, {@code parallelism} at a time. */
    private List<Done> importAll(List<Work> work, ChartIndex current, boolean dryRun) {
        Set<String> seen = new HashSet<>();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "kube9-import");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Done>> futures = new ArrayList<>();
            for (Work item : work) {
                Optional<EntryOutcome> decided = decideWithoutDownload(item, current, seen);
                if (decided.isEmpty()) {
                    futures.add(pool.submit(() -> report(work.size(), finished, copy(item, dryRun))));
                } else if (decided.get().status() == Status.ALREADY_IMPORTED) {
                    futures.add(pool.submit(() -> report(work.size(), finished, fill(item, decided.get(), dryRun))));
                } else {
                    futures.add(CompletableFuture.completedFuture(report(work.size(), finished, new Done(decided.get(), null))));
                }
            }
            List<Done> done = new ArrayList<>();
            for (Future<Done> future : futures) {
                done.add(future.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingException("interrupted while importing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Done report(int total, AtomicInteger finished, Done done) {
        EntryOutcome outcome = done.outcome();
        progress.line("[" + finished.incrementAndGet() + "/" + total + "] " + outcome.name() + " " + outcome.version() + ": "
                + outcome.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (outcome.detail() == null ? "" : " (" + outcome.detail() + ")"));
        return done;
    }

    private Optional<EntryOutcome> decideWithoutDownload(Work item, ChartIndex current, Set<String> seen) {
        IndexEntry entry = item.entry();
        Optional<String> invalid = SourceEntries.problem(item.listedAs(), entry);
        if (invalid.isPresent()) {
            return Optional.of(outcome(entry, Status.INVALID, null, invalid.get() + "; not imported"));
        }
        if (!seen.add(entry.name() + " " + entry.version())) {
            return Optional.of(outcome(entry, Status.DUPLICATE, null, "listed twice in the source index; the first is imported"));
        }
        String url = settings.packageUrl(SourceEntries.packageKey(entry));
        return current.find(entry.name(), entry.version()).map(existing -> existing.digest().equals(entry.digest())
                ? outcome(entry, Status.ALREADY_IMPORTED, url, null)
                : outcome(entry, Status.CONFLICT, url, "this repository lists it with digest " + existing.digest()
                        + ", the source with " + entry.digest() + "; nothing was changed for it"));
    }

    private Done copy(Work item, boolean dryRun) {
        IndexEntry entry = item.entry();
        String key = SourceEntries.packageKey(entry);
        String url = settings.packageUrl(key);
        String location;
        try {
            location = source.locate(entry.urls().get(0));
        } catch (SourceException e) {
            return new Done(outcome(entry, Status.INVALID, url, e.getMessage() + "; not imported"), null);
        }
        try {
            Optional<byte[]> content = source.read(location, MAX_PACKAGE_BYTES);
            if (content.isEmpty()) {
                return new Done(outcome(entry, Status.MISSING, url, "the package is not at " + location + "; not imported"), null);
            }
            String digest = Sha256.hex(content.get());
            if (!digest.equals(entry.digest())) {
                return new Done(outcome(entry, Status.DIGEST_MISMATCH, url, location + " has sha256 " + digest
                        + ", the source index lists " + entry.digest() + "; not imported"), null);
            }
            Optional<byte[]> provenance = source.read(source.provenanceOf(location), MAX_PROVENANCE_BYTES);
            SourcePackage pkg = new SourcePackage(indexedHere(entry, url), key, location, content.get(), provenance);
            boolean packageThere = alreadyStored(pkg, key, pkg.content(), location);
            boolean provenanceThere = provenance.isEmpty()
                    || alreadyStored(pkg, key + ".prov", provenance.get(), source.provenanceOf(location));
            String detail = packageThere ? "the package was already stored here" : null;
            PackageMirror.Plan plan = mirror.plan(mirror.url() == null ? List.of() : List.of(archive(pkg)), createdOf(entry),
                    PackageMirror.ConflictAdvice.IMPORT);
            if (dryRun) {
                return new Done(mirrored(new EntryOutcome(entry.name(), entry.version(), entry.digest(), Status.WOULD_IMPORT, url,
                        provenance.isPresent(), detail), plan.planned().get(key)), null);
            }
            if (!packageThere) {
                upload(pkg, key, pkg.content(), RepositoryLayout.PACKAGE, location);
            }
            if (!provenanceThere) {
                upload(pkg, key + ".prov", provenance.get(), RepositoryLayout.PROVENANCE, source.provenanceOf(location));
            }
            UploadStatus pushed = plan.planned().get(key) == UploadStatus.ALREADY_PUBLISHED ? UploadStatus.ALREADY_PUBLISHED
                    : plan.push().get().get(key);
            return new Done(mirrored(new EntryOutcome(entry.name(), entry.version(), entry.digest(), Status.IMPORTED, url,
                    provenance.isPresent(), detail), pushed), pkg.entry());
        } catch (SourceException e) {
            return new Done(outcome(entry, e.transientFailure() ? Status.UNREACHABLE : Status.MISSING, url, e.getMessage()), null);
        } catch (RepositoryConflictException e) {
            return new Done(outcome(entry, Status.CONFLICT, url, e.getMessage()), null);
        } catch (ChartValidationException e) {
            return new Done(outcome(entry, Status.INVALID, url, e.getMessage() + "; not imported"), null);
        } catch (RetriesExhaustedException | StorageException e) {
            return new Done(outcome(entry, Status.UNREACHABLE, url, e.getMessage()), null);
        }
    }

    /**
     * An entry this repository lists already: nothing to do unless the mirror lacks it (an import without
     * that mirror copied it); then its package is copied from the source again, checked as a new one is
     * (the stored copy compared too), and pushed there.
     */
    private Done fill(Work item, EntryOutcome indexed, boolean dryRun) {
        String provenanceKey = SourceEntries.packageKey(item.entry()) + ".prov";
        boolean held;
        try {
            held = mirror.holds(item.entry(), () -> store.get(provenanceKey).map(StoredObject::content));
        } catch (RepositoryConflictException e) {
            return new Done(indexed.withStatus(Status.CONFLICT, e.getMessage()), null);
        } catch (RetriesExhaustedException | StorageException e) {
            return new Done(indexed.withStatus(Status.UNREACHABLE, e.getMessage()), null);
        }
        if (held) {
            return new Done(mirrored(indexed, UploadStatus.ALREADY_PUBLISHED), null);
        }
        EntryOutcome copied = copy(item, dryRun).outcome();
        boolean pushed = copied.status() == Status.IMPORTED || copied.status() == Status.WOULD_IMPORT;
        return new Done(pushed ? indexed.withOci(copied.oci(), copied.ociStatus())
                : copied.withStatus(copied.status(), "indexed here already, but not pushed: " + copied.detail()), null);
    }

    /** The outcome with the mirror's reference and {@code status}; without a mirror, neither. */
    private EntryOutcome mirrored(EntryOutcome outcome, UploadStatus status) {
        return mirror.url() == null ? outcome : outcome.withOci(mirror.reference(outcome.name(), outcome.version()), status);
    }

    /**
     * The package as the mirror gets it: its Chart.yaml names the copy (an OCI tag), so it must be the version the
     * entry lists. The {@code .prov} goes with it as the source has it.
     */
    private ChartArchive archive(SourcePackage pkg) {
        ChartArchive chart = reader.read(pkg.location(), pkg.content(), Optional.empty());
        IndexEntry entry = pkg.entry();
        if (!chart.name().equals(entry.name()) || !chart.version().equals(entry.version())) {
            throw new ChartValidationException(pkg.location(), "Chart.yaml", "names " + chart.name() + " " + chart.version()
                    + ", but the source index lists the package as " + entry.name() + " " + entry.version()
                    + ", so its OCI tag would name another version",
                    "Fix the source index (helm repo index), or import without --oci-repository");
        }
        return chart.withProvenance(pkg.provenance());
    }

    /**
     * The entry's {@code created}, the time the mirror's copy is stamped with (the release's time, what {@code helm push}
     * would have written then), so a version's copy is the same whichever run pushes it; the time of the import when it
     * has none (an index Helm itself would refuse).
     */
    private Instant createdOf(IndexEntry entry) {
        try {
            return OffsetDateTime.parse(entry.created()).toInstant();
        } catch (DateTimeParseException e) {
            return repository.clock().instant();
        }
    }

    /** The source entry as this repository indexes it: every field kept, {@code urls} pointing at the package here. */
    private static IndexEntry indexedHere(IndexEntry entry, String url) {
        ObjectNode fields = entry.fields();
        fields.putArray("urls").add(url);
        return new IndexEntry(fields);
    }

    /** True when the key already holds these bytes (a killed run's upload); other bytes are a conflict. */
    private boolean alreadyStored(SourcePackage pkg, String key, byte[] content, String from) {
        Optional<StoredObject> existing = store.get(key);
        existing.ifPresent(object -> ChartRepository.requireSame(object, content, stored -> conflict(pkg, key, stored, content, from)));
        return existing.isPresent();
    }

    /** Create-only upload of a key {@link #alreadyStored} has just read absent; another run's upload must be the same bytes. */
    private void upload(SourcePackage pkg, String key, byte[] content, ObjectHeaders headers, String from) {
        repository.putOnce(key, content, headers, Optional.empty(), stored -> conflict(pkg, key, stored, content, from));
    }

    private RepositoryConflictException conflict(SourcePackage pkg, String key, StoredObject stored, byte[] offered, String from) {
        return new RepositoryConflictException(key + " is already in " + store.describe() + " with sha256 " + Sha256.hex(stored.content())
                + ", but " + from + " has sha256 " + Sha256.hex(offered) + ". A stored package never changes, so nothing was changed for "
                + pkg.entry().name() + " " + pkg.entry().version() + ": find out which one is right (`verify`)");
    }

    /** Entries another run indexed with other digests while this one copied: reported, their entries left as they are. */
    private static void markIndexConflicts(List<EntryOutcome> outcomes, List<ChartIndex.Conflict> conflicts) {
        Map<String, ChartIndex.Conflict> byVersion = new HashMap<>();
        conflicts.forEach(conflict -> byVersion.put(conflict.offered().name() + " " + conflict.offered().version(), conflict));
        outcomes.replaceAll(outcome -> {
            ChartIndex.Conflict conflict = outcome.status() == Status.IMPORTED ? byVersion.get(outcome.name() + " " + outcome.version()) : null;
            return conflict == null ? outcome : outcome.withStatus(Status.CONFLICT, "while it was copied, this repository's index"
                    + " gained it with digest " + conflict.indexed().digest() + "; its entry was left as it is");
        });
    }

    private static EntryOutcome outcome(IndexEntry entry, Status status, String url, String detail) {
        return new EntryOutcome(entry.name(), entry.version(), entry.digest(), status, url, null, detail);
    }

    private static List<String> labels(List<EntryOutcome> outcomes, Status status) {
        return outcomes.stream().filter(o -> o.status() == status).map(o -> o.name() + " " + o.version()).toList();
    }
}
