package io.kube9.charts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small but complete chart source directory, and its package made by real {@code helm package}. */
final class ChartFixture {
    private ChartFixture() {}

    static Path source(Path parent, String name, String version) {
        try {
            Path chart = Files.createDirectories(parent.resolve(name + "-" + version).resolve(name));
            Files.writeString(chart.resolve("Chart.yaml"), """
                    apiVersion: v2
                    name: %s
                    version: %s
                    appVersion: "2.4.1"
                    description: A kube9 chart released by the benchmark.
                    type: application
                    kubeVersion: ">=1.25.0-0"
                    home: https://kube9.io
                    sources:
                      - https://github.com/kube9/charts
                    keywords: [kube9, benchmark]
                    maintainers:
                      - name: kube9 maintainers
                        email: charts@kube9.io
                    annotations:
                      artifacthub.io/license: Apache-2.0
                    """.formatted(name, version));
            Files.writeString(chart.resolve("values.yaml"), "replicaCount: 1\nimage:\n  repository: ghcr.io/kube9/app\n");
            Path templates = Files.createDirectories(chart.resolve("templates"));
            Files.writeString(templates.resolve("configmap.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: {{ .Release.Name }}-config
                    data:
                      replicas: "{{ .Values.replicaCount }}"
                    """);
            return chart;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code helm package} and returns the measured run and the .tgz it wrote into {@code destination}. */
    static Path helmPackage(Path helm, Path chartSource, Path destination) {
        MeasuredProcess.run(List.of(helm.toString(), "package", chartSource.toString(), "-d", destination.toString()),
                Map.of(), destination);
        try (var files = Files.list(destination)) {
            String prefix = chartSource.getFileName() + "-";
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".tgz"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("helm package wrote no .tgz into " + destination));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
