package io.kube9.charts.stats;

import io.kube9.charts.repository.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The log bucket, through the AWS SDK (DuckDB's httpfs extension cannot be fetched, and would need the keys). */
public final class S3LogStore implements LogStore {
    private final S3Client client;
    private final String bucket;

    public S3LogStore(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    @Override
    public List<String> list(String prefix) {
        try {
            return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).sorted().toList();
        } catch (SdkException e) {
            throw new StorageException("cannot list s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void download(String key, Path target) {
        try {
            Files.deleteIfExists(target);
            client.getObject(b -> b.bucket(bucket).key(key), target);
        } catch (SdkException | java.io.IOException e) {
            throw new StorageException("cannot download s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }



    @Override
    public String describe() {
        return "s3://" + bucket;
    }
}
