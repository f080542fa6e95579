package io.kube9.charts.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Everything in a repository bucket, read straight from S3 (never through the code under test), and
 * the invariants a repository must satisfy whatever happened to a publish:
 * <ol>
 *   <li>{@code index.yaml} (if present) parses;</li>
 *   <li>every index entry's package exists and has the indexed digest;</li>
 *   <li>no object that existed before has different bytes now ({@link #assertNothingChangedFrom}).</li>
 * </ol>
 * {@link LedgerState} adds the invariants of the lifecycle ledger.
 * Parsing uses plain Jackson YAML (JSON is YAML), independent of the publisher's own codec.
 */
public record RepositoryState(Map<String, byte[]> objects) {
    public static final String INDEX = "index.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One {@code entries.<name>[i]} of the index. */
    public record IndexEntry(String name, String version, String digest, String url) {
        public String key() {
            URI uri = URI.create(url);
            String path = uri.isAbsolute() ? uri.getPath() : url;
            return path.startsWith("/") ? path.substring(1) : path;
        }
    }

    public static RepositoryState read(S3Client s3, String bucket) {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            try {
                objects.put(object.key(), s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray());
            } catch (NoSuchKeyException deletedMeanwhile) {
                // listed, then gone: not part of this snapshot
            }
        }
        return new RepositoryState(Map.copyOf(objects));
    }

    public Optional<byte[]> index() {
        return Optional.ofNullable(objects.get(INDEX));
    }

    /** The index's entries in document order; an absent index has none. Fails if it does not parse. */
    public List<IndexEntry> entries() {
        List<IndexEntry> entries = new ArrayList<>();
        if (index().isEmpty()) {
            return entries;
        }
        JsonNode root;
        try {
            root = YAML.readTree(index().get());
        } catch (IOException e) {
            throw new AssertionError("index.yaml does not parse: " + e.getMessage(), e);
        }
        if (root == null || !"v1".equals(root.path("apiVersion").asText())) {
            throw new AssertionError("index.yaml has no apiVersion v1");
        }
        root.path("entries").fields().forEachRemaining(chart -> chart.getValue().forEach(version -> entries.add(
                new IndexEntry(chart.getKey(), version.path("version").asText(), version.path("digest").asText(),
                        version.path("urls").path(0).asText()))));
        return entries;
    }

    /** Each index entry's digest by "name version". */
    public Map<String, String> digests() {
        return entries().stream().collect(Collectors.toMap(entry -> entry.name() + " " + entry.version(), IndexEntry::digest));
    }

    /** Invariants 1 and 2. */
    public void assertIndexConsistent() {
        for (IndexEntry entry : entries()) {
            byte[] chart = objects.get(entry.key());
            if (chart == null) {
                throw new AssertionError("index entry " + entry.name() + " " + entry.version() + " points at "
                        + entry.key() + ", which is not in the bucket; bucket holds " + objects.keySet());
            }
            if (!sha256(chart).equals(entry.digest())) {
                throw new AssertionError("index entry " + entry.name() + " " + entry.version() + " has digest "
                        + entry.digest() + " but " + entry.key() + " hashes to " + sha256(chart));
            }
        }
    }

    /** Invariant 3: what existed before is byte-for-byte the same (the index itself may change). */
    public void assertNothingChangedFrom(RepositoryState before) {
        before.objects.forEach((key, bytes) -> {
            if (key.equals(INDEX) || isMutableSiteFile(key)) {
                return;
            }
            byte[] now = objects.get(key);
            if (now == null) {
                throw new AssertionError(key + " was in the bucket before and is gone now");
            }
            if (!java.util.Arrays.equals(bytes, now)) {
                throw new AssertionError(key + " changed its bytes");
            }
        });
    }

    public void assertInvariants(RepositoryState before) {
        assertIndexConsistent();
        assertNothingChangedFrom(before);
    }

    private static boolean isMutableSiteFile(String key) {
        return key.equals("index.html") || key.startsWith("charts/") && key.endsWith("/index.html")
                || key.equals("artifacthub-repo.yml") || key.equals(LedgerState.LEDGER);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
