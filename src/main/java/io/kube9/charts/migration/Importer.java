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
import io.kube9.charts.repository.chart.ProvenanceFile;
import io.kube9.charts.repository.support.BoundedRead;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
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
    private final PackageMemory memory = PackageMemory.ofHeap();

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

    /**
     * Downloads the package to a temporary file (hashed as it arrives, refused past {@link #MAX_PACKAGE_BYTES}), so a
     * package the source index lists wrongly never takes memory; one that matches its digest is then checked and
     * written within the {@link PackageMemory} budget.
     */
    private Done copy(Work item, boolean dryRun) {
        IndexEntry entry = item.entry();
        String url = settings.packageUrl(SourceEntries.packageKey(entry));
        String location;
        try {
            location = source.locate(entry.urls().get(0));
        } catch (SourceException e) {
            return new Done(outcome(entry, Status.INVALID, url, e.getMessage() + "; not imported"), null);
        }
        Path file = null;
        try {
            file = Files.createTempFile("kube9-import-", ".tgz");
            Optional<String> digest = download(location, file);
            if (digest.isEmpty()) {
                return new Done(outcome(entry, Status.MISSING, url, "the package is not at " + location + "; not imported"), null);
            }
            if (!digest.get().equals(entry.digest())) {
                return new Done(outcome(entry, Status.DIGEST_MISMATCH, url, location + " has sha256 " + digest.get()
                        + ", the source index lists " + entry.digest() + "; not imported"), null);
            }
            Path downloaded = file;
            return memory.within(Files.size(file), () -> store(entry, url, location, readPackage(downloaded), dryRun));
        } catch (SourceException e) {
            return new Done(unread(entry, url, e), null);
        } catch (IOException e) {
            throw new PublishingException("could not write a temporary file for " + entry.name() + " " + entry.version()
                    + " (" + e.getMessage() + "); check the space in " + System.getProperty("java.io.tmpdir"), e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** The package's sha256 once it is in {@code file}, or empty when the source does not have it. */
    private Optional<String> download(String location, Path file) {
        return source.fetch(location, MAX_PACKAGE_BYTES, (in, tooLarge) -> {
            MessageDigest sha256 = Sha256.digest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
                BoundedRead.copyAtMost(in, MAX_PACKAGE_BYTES, out, tooLarge);
            }
            return HexFormat.of().formatHex(sha256.digest());
        });
    }

    private static byte[] readPackage(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A downloaded package with the listed digest: checked as a chart of the listed version, then stored and mirrored. */
    private Done store(IndexEntry entry, String url, String location, byte[] content, boolean dryRun) {
        String key = SourceEntries.packageKey(entry);
        try {
            ChartArchive chart = chartOf(entry, location, content);
            Optional<byte[]> offered = source.read(source.provenanceOf(location), MAX_PROVENANCE_BYTES);
            Optional<String> provenanceProblem = offered.flatMap(prov -> ProvenanceFile.problem(prov, key, entry.digest()));
            Optional<byte[]> provenance = provenanceProblem.isPresent() ? Optional.empty() : offered;
            provenanceProblem.ifPresent(problem -> progress.line("warning: " + entry.name() + " " + entry.version() + ": "
                    + source.provenanceOf(location) + " " + problem + "; the package is imported without it"));
            SourcePackage pkg = new SourcePackage(indexedHere(entry, url), key, location, content, provenance);
            boolean packageThere = alreadyStored(pkg, key, pkg.content(), location);
            boolean provenanceThere = provenance.isEmpty()
                    || alreadyStored(pkg, key + ".prov", provenance.get(), source.provenanceOf(location));
            String detail = Stream.of(packageThere ? "the package was already stored here" : null,
                    provenanceProblem.map(problem -> ".prov left out: it " + problem).orElse(null))
                    .filter(Objects::nonNull).reduce((a, b) -> a + "; " + b).orElse(null);
            PackageMirror.Plan plan = mirror.plan(mirror.url() == null ? List.of() : List.of(chart.withProvenance(provenance)),
                    createdOf(entry), PackageMirror.ConflictAdvice.IMPORT);
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
            return new Done(unread(entry, url, e), null);
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
     * The package as Helm loads it ({@link ChartArchiveReader}: a gzip tar, Chart.yaml valid, no apiVersion read as v1),
     * and its Chart.yaml must name the entry's name and version, compared exactly as strings: its file name, its OCI tag
     * and what {@code helm install} shows all come from Chart.yaml, not from the index.
     */
    private ChartArchive chartOf(IndexEntry entry, String location, byte[] content) {
        ChartArchive chart = reader.read(location, content, Optional.empty());
        String field = !chart.name().equals(entry.name()) ? "name" : !chart.version().equals(entry.version()) ? "version" : null;
        if (field != null) {
            throw new ChartValidationException(location, "Chart.yaml " + field, "names " + chart.name() + " " + chart.version()
                    + ", but the source index lists the package as " + entry.name() + " " + entry.version(),
                    "Fix the source index (helm repo index) or the package");
        }
        return chart;
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

    /** An entry whose package or .prov could not be read: refused (INVALID), unreachable (re-run), or missing. */
    private static EntryOutcome unread(IndexEntry entry, String url, SourceException e) {
        Status status = e.refused() ? Status.INVALID : e.transientFailure() ? Status.UNREACHABLE : Status.MISSING;
        return outcome(entry, status, url, e.getMessage());
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary directory's cleanup removes it
            }
        }
    }

    private static EntryOutcome outcome(IndexEntry entry, Status status, String url, String detail) {
        return new EntryOutcome(entry.name(), entry.version(), entry.digest(), status, url, null, detail);
    }

    private static List<String> labels(List<EntryOutcome> outcomes, Status status) {
        return outcomes.stream().filter(o -> o.status() == status).map(o -> o.name() + " " + o.version()).toList();
    }
}
