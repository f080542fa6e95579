package io.kube9.charts.verification;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.support.BoundedRead;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.LifecycleAudit;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.repository.index.IndexFormatException;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a live repository: every index entry's package exists with the indexed digest, every
 * package is indexed (or yanked, see {@link LifecycleAudit}), every object has its headers; optionally that
 * the public URL serves the same, and that an OCI repository holds every indexed version with the same bytes.
 */
public final class Verifier {
    /** How long an edge may serve an index that is no longer the bucket's: fresh for max-age, then stale while it revalidates. */
    static final Duration SERVED_STALE_AT_MOST = Duration.ofSeconds(RepositoryLayout.MUTABLE_MAX_AGE_SECONDS
            + RepositoryLayout.STALE_WHILE_REVALIDATE_SECONDS);

    private final ObjectStore store;
    private final RepositorySettings settings;
    private final Progress progress;
    private final IndexCodec codec = new IndexCodec();
    private final PackageMirror mirror;
    private final Clock clock;

    public Verifier(ChartRepository repository) {
        this(repository, PackageMirror.NONE);
    }

    /** @param mirror also check this mirror (an OCI repository) against the index */
    public Verifier(ChartRepository repository, PackageMirror mirror) {
        this.store = repository.store();
        this.settings = repository.settings();
        this.progress = repository.progress();
        this.mirror = mirror;
        this.clock = repository.clock();
    }

    public VerifyReport verify(Optional<URI> publicUrl) {
        List<String> problems = new ArrayList<>();
        Optional<StoredObject> indexObject = store.get(RepositoryLayout.INDEX_KEY);
        if (indexObject.isEmpty()) {
            problems.add(RepositoryLayout.INDEX_KEY + " is missing: publish a chart, or run `reindex` to rebuild it from the packages");
            return new VerifyReport(store.describe(), 0, 0, problems, Optional.of(ChartIndex.empty()));
        }
        ChartIndex index;
        try {
            index = codec.read(indexObject.get().content());
        } catch (IndexFormatException e) {
            problems.add(RepositoryLayout.INDEX_KEY + " cannot be read as a Helm index: " + e.getMessage() + "; run `reindex`");
            return new VerifyReport(store.describe(), 0, 0, problems, Optional.empty());
        }
        checkHeaders(problems, RepositoryLayout.INDEX_KEY, indexObject.get().info().headers(),
                RepositoryLayout.indexHeaders(IndexFormat.of(indexObject.get().content())));
        LifecycleAudit lifecycle = LifecycleAudit.of(store, settings, index);
        problems.addAll(lifecycle.problems());
        lifecycle.ledgerHeaders().ifPresent(headers ->
                checkHeaders(problems, RepositoryLayout.LIFECYCLE_KEY, headers, RepositoryLayout.LIFECYCLE));
        Set<String> indexedKeys = new HashSet<>();
        for (IndexEntry entry : index.allEntries()) {
            checkEntry(problems, entry).ifPresent(indexedKeys::add);
        }
        List<String> keys = store.list();
        Set<String> listed = new HashSet<>(keys);
        int packages = 0;
        for (String key : keys) {
            if (key.endsWith(RepositoryLayout.PACKAGE_SUFFIX)) {
                packages++;
                if (!indexedKeys.contains(key) && !lifecycle.yankedPackages().contains(key)) {
                    problems.add(key + " is in the bucket but not in the index: run `publish` with it again, or `reindex`");
                }
            } else if (key.endsWith(RepositoryLayout.PROVENANCE_SUFFIX)) {
                String packageKey = key.substring(0, key.length() - ".prov".length());
                if (!listed.contains(packageKey)) {
                    problems.add(key + " has no package " + packageKey + " beside it");
                }
                store.head(key).ifPresent(info -> checkHeaders(problems, key, info.headers(), RepositoryLayout.PROVENANCE));
            }
        }
        if (settings.landingPage()) {
            store.head(RepositoryLayout.LANDING_PAGE_KEY).ifPresentOrElse(
                    info -> checkHeaders(problems, RepositoryLayout.LANDING_PAGE_KEY, info.headers(), RepositoryLayout.LANDING_PAGE),
                    () -> problems.add(RepositoryLayout.LANDING_PAGE_KEY + " is missing: the next publish or reindex writes it"));
        }
        progress.line("verify: " + index.allEntries().size() + " index entries, " + packages + " packages in " + store.describe());
        publicUrl.ifPresent(url -> new PublicRepositoryCheck(url, problems).check(index, indexObject.get().info().lastModified()));
        problems.addAll(mirror.verify(index.allEntries(), entry -> entry.urls().stream().findFirst()
                .flatMap(settings::keyOf).map(key -> key + ".prov").filter(listed::contains)
                .flatMap(store::get).map(StoredObject::content)));
        return new VerifyReport(store.describe(), index.allEntries().size(), packages, problems, Optional.of(index));
    }

    /** Checks one entry's package and returns its key when it is in this repository. */
    private Optional<String> checkEntry(List<String> problems, IndexEntry entry) {
        String label = entry.name() + " " + entry.version();
        if (!Sha256.isHex(entry.digest())) {
            problems.add(label + ": digest \"" + entry.digest() + "\" is not lowercase hex SHA-256 (Helm 4.0/4.1 refuse other forms)");
        }
        if (entry.urls().isEmpty()) {
            problems.add(label + ": has no urls");
            return Optional.empty();
        }
        Optional<String> key = settings.keyOf(entry.urls().get(0));
        if (key.isEmpty()) {
            problems.add(label + ": URL " + entry.urls().get(0) + " is outside the repository " + settings.repositoryUrl());
            return Optional.empty();
        }
        Optional<StoredObject> pkg = store.get(key.get());
        if (pkg.isEmpty()) {
            problems.add(label + ": package " + key.get() + " is missing from " + store.describe()
                    + " (helm pull fails): publish it again from the release artifacts");
            return key;
        }
        String digest = Sha256.hex(pkg.get().content());
        if (!digest.equals(entry.digest())) {
            problems.add(label + ": package " + key.get() + " has sha256 " + digest + " but the index says " + entry.digest());
        }
        checkHeaders(problems, key.get(), pkg.get().info().headers(), RepositoryLayout.PACKAGE);
        return key;
    }

    private static void checkHeaders(List<String> problems, String key, ObjectHeaders actual, ObjectHeaders expected) {
        if (!normalized(actual.contentType()).equals(normalized(expected.contentType()))) {
            problems.add(key + ": Content-Type is \"" + actual.contentType() + "\", expected \"" + expected.contentType() + "\"");
        }
        if (!actual.cacheControl().equals(expected.cacheControl())) {
            problems.add(key + ": Cache-Control is \"" + actual.cacheControl() + "\", expected \"" + expected.cacheControl() + "\""
                    + (actual.cacheControl().equals(RepositoryLayout.MUTABLE_BEFORE_STALE_DIRECTIVES)
                            ? " (written before the stale-while-revalidate and stale-if-error directives: run `reindex`, which"
                                    + " rewrites index.yaml, the pages and lifecycle.json with the current headers)" : ""));
        }
    }

    private static String normalized(String contentType) {
        return contentType.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The repository as Helm sees it over HTTP (through the CDN in production). */
    private final class PublicRepositoryCheck {
        private final URI base;
        private final List<String> problems;
        private final HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();

        PublicRepositoryCheck(URI url, List<String> problems) {
            this.base = URI.create(url.toString().endsWith("/") ? url.toString() : url + "/");
            this.problems = problems;
        }

        /** @param written when the bucket's index was written: an edge may serve the one before for the CDN's TTL */
        void check(ChartIndex bucketIndex, Instant written) {
            Optional<byte[]> response = get(base.resolve(RepositoryLayout.INDEX_KEY), false);
            if (response.isEmpty()) {
                return;
            }
            ChartIndex served;
            try {
                served = codec.read(response.get());
            } catch (IndexFormatException e) {
                problems.add(base + RepositoryLayout.INDEX_KEY + ": served index cannot be read: " + e.getMessage());
                return;
            }
            Duration age = Duration.between(written, clock.instant());
            if (!served.entries().equals(bucketIndex.entries())) {
                if (age.compareTo(SERVED_STALE_AT_MOST) <= 0) {
                    progress.line("verify: " + base + RepositoryLayout.INDEX_KEY + " still serves the previous index; the bucket's was"
                            + " written " + age.toSeconds() + " s ago, within the CDN's " + SERVED_STALE_AT_MOST.toSeconds()
                            + " s (max-age and stale-while-revalidate)");
                } else {
                    problems.add(base + RepositoryLayout.INDEX_KEY + " differs from the bucket's index, written " + age.toSeconds()
                            + " s ago: longer than the CDN may serve an old one (" + SERVED_STALE_AT_MOST.toSeconds()
                            + " s). Check that the last publish's invalidation completed, or invalidate /index.yaml");
                }
            }
            for (IndexEntry entry : served.allEntries()) {
                if (!entry.urls().isEmpty()) {
                    get(base.resolve(entry.urls().get(0)), true);
                }
            }
            progress.line("verify: " + served.allEntries().size() + " entries served at " + base);
        }

        /** The body of a GET (read within the index limit while it downloads), or empty for a HEAD that succeeded. */
        private Optional<byte[]> get(URI uri, boolean headOnly) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(headOnly ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody()).build();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        problems.add(uri + ": HTTP " + response.statusCode() + literalPlusHint(uri));
                        return Optional.empty();
                    }
                    return Optional.of(headOnly ? new byte[0] : BoundedRead.readAtMost(body, IndexCodec.MAX_INDEX_BYTES,
                            () -> new PublishingException(uri + " is larger than " + IndexCodec.MAX_INDEX_BYTES
                                    + " bytes, more than any Helm index this tool reads; check what the URL serves")));
                }
            } catch (IOException e) {
                problems.add(uri + ": " + (e.getMessage() == null ? "the connection failed" : e.getMessage()));
                return Optional.empty();
            } catch (PublishingException tooLarge) {
                problems.add(tooLarge.getMessage());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishingException("interrupted while checking " + uri, e);
            }
        }

        /** S3 (and CloudFront before S3) reads a literal + in a path as a space: say what makes such a URL work. */
        private static String literalPlusHint(URI uri) {
            return uri.getRawPath().contains("+") ? " (the URL has a literal +, which S3 reads as a space: the CDN's viewer-request"
                    + " function rewrites it to %2B, so check that it is deployed; `reindex` rewrites the index with %2B URLs)" : "";
        }
    }
}
