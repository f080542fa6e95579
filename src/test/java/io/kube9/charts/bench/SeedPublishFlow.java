package io.kube9.charts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The seed's release flow, the way the usual tools do it: download index.yaml, {@code helm package},
 * {@code helm repo index --merge}, upload the package and the whole rewritten index. Transfers use the
 * AWS SDK in this JVM (cheaper than starting awscli per transfer, so the comparison is not flattered).
 */
final class SeedPublishFlow {
    private final S3Client s3;
    private final String bucket;
    private final Path helm;

    SeedPublishFlow(S3Client s3, String bucket, Path helm) {
        this.s3 = s3;
        this.bucket = bucket;
        this.helm = helm;
    }

    /** Releases the chart; returns the seconds each phase took. */
    Map<String, Double> publish(Path chartSource) {
        Map<String, Double> phases = new LinkedHashMap<>();
        try {
            Path work = Files.createTempDirectory("bench-seed-");
            try {
                Path existing = work.resolve("index.yaml");
                PhaseTimer timer = new PhaseTimer(phases);
                timer.time("GET index.yaml", () -> s3.getObject(b -> b.bucket(bucket).key("index.yaml"), existing));
                Path packages = Files.createDirectory(work.resolve("packages"));
                Path tgz = timer.time("helm package", () -> ChartFixture.helmPackage(helm, chartSource, packages));
                timer.time("helm repo index --merge", () -> MeasuredProcess.run(List.of(helm.toString(), "repo", "index",
                        packages.toString(), "--url", SyntheticRepository.REPOSITORY_URL + "/charts", "--merge",
                        existing.toString()), Map.of(), work));
                timer.time("PUT .tgz", () -> s3.putObject(b -> b.bucket(bucket).key("charts/" + tgz.getFileName())
                        .contentType("application/gzip"), RequestBody.fromFile(tgz)));
                timer.time("PUT index.yaml", () -> s3.putObject(b -> b.bucket(bucket).key("index.yaml")
                        .contentType("application/yaml").cacheControl("public, max-age=300"),
                        RequestBody.fromFile(packages.resolve("index.yaml"))));
                return phases;
            } finally {
                TempFiles.deleteRecursively(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
