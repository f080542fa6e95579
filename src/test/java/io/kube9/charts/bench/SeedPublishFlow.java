package io.kube9.charts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The seed's release flow, the way the usual tools do it: fetch index.yaml, {@code helm package},
 * {@code helm repo index --merge}, store the package and the whole rewritten index. On S3 the transfers use the
 * AWS SDK in this JVM (cheaper than starting awscli per transfer, so the comparison is not flattered); on a local
 * directory they are file copies.
 */
final class SeedPublishFlow {
    /** How the flow moves index.yaml and the package in and out of the repository, with each phase's name. */
    private interface Transfers {
        String fetchPhase();

        void fetchIndex(Path to);

        String storePackagePhase();

        void storePackage(Path tgz);

        String storeIndexPhase();

        void storeIndex(Path index);
    }

    private final Transfers transfers;
    private final Path helm;

    private SeedPublishFlow(Transfers transfers, Path helm) {
        this.transfers = transfers;
        this.helm = helm;
    }

    static SeedPublishFlow s3(S3Client s3, String bucket, Path helm) {
        return new SeedPublishFlow(new Transfers() {
            public String fetchPhase() {
                return "GET index.yaml";
            }

            public void fetchIndex(Path to) {
                s3.getObject(b -> b.bucket(bucket).key("index.yaml"), to);
            }

            public String storePackagePhase() {
                return "PUT .tgz";
            }

            public void storePackage(Path tgz) {
                s3.putObject(b -> b.bucket(bucket).key("charts/" + tgz.getFileName()).contentType("application/gzip"),
                        RequestBody.fromFile(tgz));
            }

            public String storeIndexPhase() {
                return "PUT index.yaml";
            }

            public void storeIndex(Path index) {
                s3.putObject(b -> b.bucket(bucket).key("index.yaml").contentType("application/yaml")
                        .cacheControl("public, max-age=300"), RequestBody.fromFile(index));
            }
        }, helm);
    }

    static SeedPublishFlow localDirectory(Path repository, Path helm) {
        return new SeedPublishFlow(new Transfers() {
            public String fetchPhase() {
                return "copy index.yaml out";
            }

            public void fetchIndex(Path to) {
                copy(repository.resolve("index.yaml"), to);
            }

            public String storePackagePhase() {
                return "copy .tgz in";
            }

            public void storePackage(Path tgz) {
                copy(tgz, repository.resolve(tgz.getFileName().toString()));
            }

            public String storeIndexPhase() {
                return "copy index.yaml in";
            }

            public void storeIndex(Path index) {
                copy(index, repository.resolve("index.yaml"));
            }
        }, helm);
    }

    /** Releases the chart; returns the seconds each phase took. */
    Map<String, Double> publish(Path chartSource) {
        Map<String, Double> phases = new LinkedHashMap<>();
        try {
            Path work = Files.createTempDirectory("bench-seed-");
            try {
                Path existing = work.resolve("index.yaml");
                PhaseTimer timer = new PhaseTimer(phases);
                timer.time(transfers.fetchPhase(), () -> {
                    transfers.fetchIndex(existing);
                    return existing;
                });
                Path packages = Files.createDirectory(work.resolve("packages"));
                Path tgz = timer.time("helm package", () -> ChartFixture.helmPackage(helm, chartSource, packages));
                timer.time("helm repo index --merge", () -> MeasuredProcess.run(List.of(helm.toString(), "repo", "index",
                        packages.toString(), "--url", SyntheticRepository.REPOSITORY_URL + "/charts", "--merge",
                        existing.toString()), Map.of(), work));
                timer.time(transfers.storePackagePhase(), () -> {
                    transfers.storePackage(tgz);
                    return tgz;
                });
                timer.time(transfers.storeIndexPhase(), () -> {
                    transfers.storeIndex(packages.resolve("index.yaml"));
                    return packages;
                });
                return phases;
            } finally {
                TempFiles.deleteRecursively(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
