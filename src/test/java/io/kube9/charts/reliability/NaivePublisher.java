package io.kube9.charts.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * NEGATIVE CONTROL, test code only: the download-merge-upload publisher of the popular tools
 * (helm-s3 and friends), with no conditional write. Two of these running at once lose entries; the
 * concurrency test proves its loss detector works by catching this one. A pause between reading
 * and writing the index widens the race window so the loss shows up in few trials.
 */
final class NaivePublisher {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final S3Client s3;
    private final String bucket;
    private final Duration readWriteGap;
    private final Object requestLock;

    /** @param requestLock makes each single request atomic, as on real S3 (see AtomicRequestStore) */
    NaivePublisher(S3Client s3, String bucket, Duration readWriteGap, Object requestLock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.readWriteGap = readWriteGap;
        this.requestLock = requestLock;
    }

    void publish(String name, String version, byte[] chart) throws InterruptedException {
        String key = name + "-" + version + ".tgz";
        synchronized (requestLock) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(chart));
        }
        ObjectNode index = readIndex();
        ObjectNode entry = YAML.createObjectNode()
                .put("apiVersion", "v2").put("name", name).put("version", version)
                .put("digest", RepositoryState.sha256(chart)).put("created", Instant.now().toString());
        entry.putArray("urls").add(key);
        ObjectNode entries = index.has("entries") ? (ObjectNode) index.get("entries") : index.putObject("entries");
        (entries.has(name) ? (ArrayNode) entries.get(name) : entries.putArray(name)).add(entry);
        Thread.sleep(readWriteGap.toMillis());
        try {
            byte[] bytes = YAML.writeValueAsBytes(index);
            synchronized (requestLock) {
                s3.putObject(b -> b.bucket(bucket).key(RepositoryState.INDEX), RequestBody.fromBytes(bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode readIndex() {
        try {
            byte[] bytes;
            synchronized (requestLock) {
                bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(RepositoryState.INDEX)).asByteArray();
            }
            return (ObjectNode) YAML.readTree(bytes);
        } catch (NoSuchKeyException absent) {
            return YAML.createObjectNode().put("apiVersion", "v1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
