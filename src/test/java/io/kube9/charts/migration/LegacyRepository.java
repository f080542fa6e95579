package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kube9.charts.publishing.HelmCommand;
import io.kube9.charts.repository.PackageUrls;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A chart repository built the way kube9-operator's release job built charts.kube9.io: one release at
 * a time, the real {@code helm package} of the chart, the bucket's {@code index.yaml} downloaded (or the
 * job's empty one), {@code helm repo index <dir> --url URL --merge index.yaml}, then the {@code .tgz}
 * and the index copied to the bucket root. So the index is YAML written by Helm, with absolute URLs
 * (a literal {@code +} for a build-metadata version) and each release's own {@code created}. The job
 * never signed; one release here gets a {@code .prov} beside it, so that provenance is imported too.
 */
public final class LegacyRepository {
    public static final String CHART = "kube9-operator";
    public static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "2.0.0-rc.1", "2.0.0", "2.0.1+build.5");
    public static final String SIGNED_VERSION = "1.1.0";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path work;
    private final Path bucket;
    private final String url;
    private final HelmCommand helm;

    private LegacyRepository(Path work, String url) {
        this.work = work;
        this.bucket = work.resolve("legacy-bucket");
        this.url = url;
        this.helm = new HelmCommand(TestTools.helm3(), work.resolve("legacy-helm-home"));
    }

    /** Releases {@link #VERSIONS} one at a time; entry URLs start with {@code url}. */
    public static LegacyRepository build(Path work, String url) {
        LegacyRepository repository = new LegacyRepository(work, url);
        try {
            Files.createDirectories(repository.bucket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VERSIONS.forEach(repository::release);
        return repository;
    }

    /** One run of the legacy release job for {@code version}. */
    public void release(String version) {
        try {
            Path chart = writeChart(work.resolve("chart-src-" + version), version);
            Path checkout = Files.createDirectories(work.resolve("release-" + version));
            helm.packageChart(chart, checkout);
            Path index = checkout.resolve("index.yaml");
            if (Files.exists(bucket.resolve("index.yaml"))) {
                Files.copy(bucket.resolve("index.yaml"), index);
            } else {
                Files.writeString(index, "apiVersion: v1\nentries: {}\n");
            }
            helm.run("repo", "index", checkout.toString(), "--url", url, "--merge", index.toString())
                    .assertOk("helm repo index --merge " + version);
            String packageFile = CHART + "-" + version + ".tgz";
            Files.copy(checkout.resolve(packageFile), bucket.resolve(packageFile), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(index, bucket.resolve("index.yaml"), StandardCopyOption.REPLACE_EXISTING);
            if (version.equals(SIGNED_VERSION)) {
                Files.writeString(bucket.resolve(packageFile + ".prov"), "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"
                        + "name: " + CHART + "\nversion: " + version + "\n\n...\nfiles:\n  " + packageFile + ": sha256:"
                        + io.kube9.charts.repository.support.Sha256.hex(Files.readAllBytes(bucket.resolve(packageFile)))
                        + "\n-----BEGIN PGP SIGNATURE-----\n\nwsBcBAEBCgAQBQJnTEST\n-----END PGP SIGNATURE-----\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeChart(Path directory, String version) throws IOException {
        Files.createDirectories(directory.resolve("templates"));
        Files.writeString(directory.resolve("Chart.yaml"), """
                apiVersion: v2
                name: kube9-operator
                version: %s
                appVersion: "%s"
                description: Kubernetes Operator for Kube9 Cluster Management
                keywords:
                  - kubernetes
                  - operator
                home: https://www.kube9.io
                sources:
                  - https://charts.kube9.io
                maintainers:
                  - name: alto9
                    email: charts@kube9.invalid
                annotations:
                  artifacthub.io/license: MIT
                """.formatted(version, version));
        Files.writeString(directory.resolve("values.yaml"), "replicas: 1\n");
        Files.writeString(directory.resolve("templates/configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-kube9
                data:
                  version: {{ .Chart.Version | quote }}
                """);
        return directory;
    }

    /** The bucket as a directory: index.yaml, the packages and the one .prov, as the live job left them. */
    public Path root() {
        return bucket;
    }

    public String url() {
        return url;
    }

    public byte[] file(String name) {
        try {
            return Files.readAllBytes(bucket.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object of the bucket by key. */
    public Map<String, byte[]> objects() {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(bucket)) {
            files.sorted().forEach(file -> objects.put(file.getFileName().toString(), file(file.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** The index's entries, parsed with plain Jackson (independent of the code under test), by "version". */
    public Map<String, JsonNode> entries() {
        return entriesOf(file("index.yaml"));
    }

    /** The entries of any index (JSON is YAML) of {@link #CHART}, by version. */
    public static Map<String, JsonNode> entriesOf(byte[] index) {
        try {
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            YAML.readTree(index).path("entries").path(CHART).forEach(entry -> entries.put(entry.path("version").asText(), entry));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the bucket in {@code target}, to change without touching this one. */
    public Path copyTo(Path target) {
        try {
            Files.createDirectories(target);
            for (Map.Entry<String, byte[]> object : objects().entrySet()) {
                Files.write(target.resolve(object.getKey()), object.getValue());
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads the bucket's objects to a real S3 API bucket (as `aws s3 cp` did: keys are the file names). */
    public void uploadTo(S3Client s3, String bucketName) {
        s3.createBucket(b -> b.bucket(bucketName));
        objects().forEach((key, content) -> s3.putObject(b -> b.bucket(bucketName).key(key), RequestBody.fromBytes(content)));
    }

    /**
     * Every package and .prov of this repository is in {@code objects} with the same bytes, and every
     * entry is in its index with every field of this repository's entry, the same values, only urls
     * pointing at the package's home under {@code repositoryUrl} ('+' as %2B).
     */
    public void assertImported(Map<String, byte[]> objects, String repositoryUrl) {
        objects().forEach((key, content) -> {
            if (!key.equals("index.yaml")) {
                assertArrayEquals(content, objects.get(key), key);
            }
        });
        Map<String, JsonNode> imported = entriesOf(objects.get("index.yaml"));
        assertEquals(new TreeMap<>(entries()).keySet(), new TreeMap<>(imported).keySet());
        entries().forEach((version, entry) -> {
            ObjectNode expected = entry.deepCopy();
            ObjectNode actual = imported.get(version).deepCopy();
            assertEquals(repositoryUrl + "/" + PackageUrls.encode(CHART + "-" + version + ".tgz"),
                    actual.path("urls").path(0).asText(), version);
            assertEquals(1, actual.path("urls").size());
            expected.remove("urls");
            actual.remove("urls");
            assertEquals(expected, actual, version);
        });
    }
}
