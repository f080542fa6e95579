package io.kube9.charts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads a bucket's (or a directory's) index.yaml straight from storage (JSON is YAML too) to check what a publish left behind. */
final class RepositoryCheck {
    private static final YAMLMapper YAML = LargeYaml.mapper();

    private RepositoryCheck() {}

    static int countVersions(S3Client s3, String bucket) {
        return countVersions(read(s3, bucket));
    }

    static void requireVersions(S3Client s3, String bucket, int expected, String chart, String version) {
        requireVersions("s3://" + bucket + "/index.yaml", read(s3, bucket), expected, chart, version);
    }

    static void requireVersions(Path repository, int expected, String chart, String version) {
        try {
            Path index = repository.resolve("index.yaml");
            requireVersions(index.toString(), YAML.readTree(Files.readAllBytes(index)), expected, chart, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireVersions(String location, JsonNode index, int expected, String chart, String version) {
        int count = countVersions(index);
        boolean found = false;
        for (JsonNode entry : index.path("entries").path(chart)) {
            found |= entry.path("version").asText().equals(version);
        }
        if (count != expected || !found) {
            throw new IllegalStateException(location + " holds " + count + " versions (expected "
                    + expected + ", including " + chart + " " + version + ")");
        }
    }

    private static int countVersions(JsonNode index) {
        int count = 0;
        for (JsonNode versions : index.path("entries")) {
            count += versions.size();
        }
        return count;
    }

    private static JsonNode read(S3Client s3, String bucket) {
        try {
            return YAML.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key("index.yaml")).asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
