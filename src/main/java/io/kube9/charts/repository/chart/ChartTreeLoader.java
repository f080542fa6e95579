package io.kube9.charts.repository.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads a chart package the way Helm's {@code LoadFiles} does (Helm 3.17 pkg/chart/loader/load.go,
 * Helm 4.1 pkg/chart/v2/loader/load.go), recursively: a chart's own Chart.yaml (several are applied in
 * order), requirements.yaml over it, values.yaml and the lock files checked; under {@code charts/}
 * every directory is a subchart and every {@code .tgz} a packaged one, except names starting with
 * {@code _} or {@code .} and {@code .prov} files; each subchart must load and validate too. The files
 * stream through once ({@link ChartTarReader}); nested archives are read when they are met, with the
 * same {@link ArchiveLimits} for the whole tree. Every message names the file inside the package, e.g.
 * {@code parent/charts/db/Chart.yaml} or {@code parent/charts/db-1.0.0.tgz!/db/Chart.yaml}.
 */
final class ChartTreeLoader {
    private static final Set<String> KEPT = Set.of("Chart.yaml", "values.yaml", "Chart.lock", "requirements.yaml", "requirements.lock");
    private static final String CHARTS = "charts/";
    private static final String FIX_YAML = "Fix the YAML syntax (try `helm lint`) and re-package the chart";

    /** A loaded chart: its validated metadata (index form) and its subcharts. */
    record LoadedChart(ObjectNode metadata, List<LoadedChart> subcharts) {
        String name() {
            return metadata.path("name").asText();
        }
    }

    private final String source;
    private final ArchiveLimits limits = new ArchiveLimits();

    ChartTreeLoader(String source) {
        this.source = source;
    }

    /** Loads the package; every file of it (not of nested archives) is also handed to {@code files}. */
    LoadedChart loadPackage(byte[] tgz, Consumer<ChartTarReader.File> files) {
        return load(tgz, "", 0, files);
    }

    private LoadedChart load(byte[] tgz, String label, int depth, Consumer<ChartTarReader.File> files) {
        Archive archive = new Archive(label, depth);
        new ChartTarReader(source, label, limits).read(tgz, archive::keeps, file -> {
            files.accept(file);
            archive.add(file);
        });
        if (archive.root == null) {
            throw new ChartValidationException(source, label.isEmpty() ? "archive" : label, "holds no files (Helm: no files in chart archive)",
                    "Publish the .tgz written by `helm package`, or pass the chart directory");
        }
        return archive.root.finish();
    }

    /** One archive being read: the tree of charts its files belong to. */
    private final class Archive {
        private final String label;
        private final int depth;
        private Chart root;

        Archive(String label, int depth) {
            this.label = label;
            this.depth = depth;
        }

        /** Whether the file's bytes are needed: a chart file that is parsed, or a nested chart archive. */
        boolean keeps(String name, String path) {
            if (root == null) {
                root = new Chart((label.isEmpty() ? "" : label + "!/") + ChartTarReader.topComponent(name) + "/", depth, label.isEmpty());
            }
            Place place = place(path, false);
            return place != null && (place.nestedArchive() || KEPT.contains(place.rest()));
        }

        void add(ChartTarReader.File file) {
            Place place = place(file.path(), true);
            if (place == null) {
                return;
            }
            if (place.nestedArchive()) {
                String nested = place.chart().directory + CHARTS + place.rest();
                if (place.chart().depth + 1 > ArchiveLimits.MAX_DEPTH) {
                    throw tooDeep(nested);
                }
                place.chart().subcharts.add(load(file.content(), nested, place.chart().depth + 1, ignored -> {}));
            } else {
                place.chart().read(place.rest(), file.content());
            }
        }

        /**
         * Which chart a file belongs to and its path in that chart (Helm's grouping under charts/), or
         * null when Helm ignores the file. With {@code create}, the subcharts met are added to the tree.
         */
        private Place place(String path, boolean create) {
            Chart chart = root;
            String rest = path;
            while (rest.startsWith(CHARTS) && !rest.endsWith(".prov")) {
                String name = rest.substring(CHARTS.length());
                int slash = name.indexOf('/');
                String group = slash < 0 ? name : name.substring(0, slash);
                if (group.startsWith("_") || group.startsWith(".")) {
                    return null;
                }
                if (group.endsWith(".tgz")) {
                    // Helm takes the group's first file as the archive; the group's later files are ignored
                    if (chart.archiveGroups.contains(group)) {
                        return null;
                    }
                    if (create) {
                        chart.archiveGroups.add(group);
                    }
                    if (slash >= 0) {
                        throw new ChartValidationException(source, chart.directory + rest, "is inside charts/" + group
                                + ", which Helm reads as a packaged subchart (Helm: error unpacking subchart tar: expected "
                                + group + ", got " + name + ")", "Rename the directory so it does not end in .tgz, and re-package the chart");
                    }
                    return new Place(chart, group, true);
                }
                Chart sub = chart.directories.get(group);
                if (sub == null) {
                    sub = new Chart(chart.directory + CHARTS + group + "/", chart.depth + 1, false);
                    if (create) {
                        if (sub.depth > ArchiveLimits.MAX_DEPTH) {
                            throw tooDeep(chart.directory + CHARTS + group);
                        }
                        chart.directories.put(group, sub);
                    }
                }
                if (slash < 0) {
                    // a file right in charts/: Helm skips it, but the subchart it names must still load
                    if (create && sub.bareFile == null) {
                        sub.bareFile = chart.directory + rest;
                    }
                    return null;
                }
                chart = sub;
                rest = name.substring(slash + 1);
            }
            return new Place(chart, rest, false);
        }
    }

    private record Place(Chart chart, String rest, boolean nestedArchive) {}

    /** One chart of the tree while its files are read. */
    private final class Chart {
        final String directory;
        final int depth;
        /** The package's own chart, the one published and installed (not a subchart). */
        final boolean published;
        final Map<String, Chart> directories = new LinkedHashMap<>();
        final Set<String> archiveGroups = new java.util.HashSet<>();
        final List<LoadedChart> subcharts = new ArrayList<>();
        final List<ObjectNode> chartYamls = new ArrayList<>();
        final List<ObjectNode> requirements = new ArrayList<>();
        boolean metadataCreated;
        /** A file named like this subchart right in charts/, e.g. charts/README.md. */
        String bareFile;

        Chart(String directory, int depth, boolean published) {
            this.directory = directory;
            this.depth = depth;
            this.published = published;
        }

        void read(String path, byte[] content) {
            switch (path) {
                case "Chart.yaml" -> {
                    Object yaml = parse(path, content, true);
                    if (published && chartYamls.isEmpty()) {
                        // Helm 4 first reads only apiVersion from the chart's Chart.yaml, every other field untyped
                        decode(path, yaml, HelmYamlTypes.CHART_API_VERSION);
                    }
                    chartYamls.add(metadata(path, yaml));
                    metadataCreated = true;
                }
                case "requirements.yaml" -> {
                    requirements.add(metadata(path, parse(path, content, false)));
                    metadataCreated = true;
                }
                case "requirements.lock", "Chart.lock" -> {
                    decode(path, parse(path, content, false), HelmYamlTypes.LOCK);
                    metadataCreated |= path.equals("requirements.lock");
                }
                case "values.yaml" -> checkValues(content);
                default -> { }
            }
        }

        private Object parse(String path, byte[] content, boolean chartYaml) {
            Object yaml;
            try {
                // Stricter than Helm on purpose: a key given twice in Chart.yaml would publish one of two values
                yaml = GoYaml.firstDocument(content, chartYaml);
            } catch (GoYaml.Problem e) {
                throw new ChartValidationException(source, directory + path, "is not valid YAML (" + e.getMessage() + ")", FIX_YAML);
            }
            if (chartYaml && !(yaml instanceof Map)) {
                throw new ChartValidationException(source, directory + path, "is not a YAML mapping of chart fields"
                        + (yaml == null ? " (it is empty)" : ""),
                        "Write Chart.yaml as `apiVersion: v2`, `name: ...`, `version: ...` and re-package the chart");
            }
            return yaml;
        }

        private ObjectNode metadata(String path, Object yaml) {
            JsonNode decoded = decode(path, yaml, HelmYamlTypes.METADATA);
            return decoded instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        }

        private JsonNode decode(String path, Object yaml, HelmYamlTypes.GoType type) {
            try {
                return HelmYamlTypes.decode(yaml, type);
            } catch (HelmYamlTypes.TypeProblem e) {
                String field = e.field().isEmpty() ? directory + path : directory + path + " " + e.field();
                throw new ChartValidationException(source, field, e.getMessage() + " (Helm: cannot load " + path + ")",
                        "Write " + (e.field().isEmpty() ? path : e.field()) + " in the form Helm expects (quote text values)"
                                + " and re-package the chart");
            }
        }

        private void checkValues(byte[] content) {
            try {
                HelmValues.check(content);
            } catch (GoYaml.Problem e) {
                throw new ChartValidationException(source, directory + "values.yaml", "is not valid YAML (" + e.getMessage() + ")", FIX_YAML);
            } catch (HelmYamlTypes.TypeProblem e) {
                String field = e.field().isEmpty() ? "" : " " + e.field();
                throw new ChartValidationException(source, directory + "values.yaml" + field, e.getMessage() + " (Helm: cannot load values.yaml)",
                        "Fix values.yaml (try `helm lint`) and re-package the chart");
            }
        }

        /** Validates the chart and its subcharts once every file is read; checks the dependencies of the published chart. */
        LoadedChart finish() {
            boolean hasChartYaml = !chartYamls.isEmpty();
            if (!metadataCreated && bareFile != null) {
                throw new ChartValidationException(source, bareFile, "is a file right in charts/, which Helm reads as a subchart"
                        + " without Chart.yaml (Helm: error unpacking subchart: Chart.yaml file is missing)",
                        "Move the file out of charts/ (it holds only subcharts) and re-package the chart");
            }
            if (!metadataCreated || (published && !hasChartYaml)) {
                throw new ChartValidationException(source, directory + "Chart.yaml", "is missing (Helm: Chart.yaml file is missing)",
                        "Put Chart.yaml in " + directory + " and re-package the chart");
            }
            ObjectNode metadata = JsonNodeFactory.instance.objectNode();
            for (ObjectNode chartYaml : chartYamls) {
                metadata = HelmYamlTypes.overlay(metadata, chartYaml, HelmYamlTypes.METADATA);
                if (metadata.path("apiVersion").asText("").isEmpty()) {
                    metadata.put("apiVersion", "v1"); // Helm loads (and `helm repo index` indexes) a chart without apiVersion as v1; Helm 2 packaged such charts
                }
            }
            for (ObjectNode requirement : requirements) {
                metadata = HelmYamlTypes.overlay(metadata, requirement, HelmYamlTypes.METADATA);
            }
            ChartMetadata rules = new ChartMetadata(source, directory + "Chart.yaml");
            ObjectNode validated = published ? rules.validatePublished(metadata) : rules.validate(metadata);
            List<LoadedChart> loaded = new ArrayList<>(subcharts);
            for (Chart directoryChart : directories.values()) {
                loaded.add(directoryChart.finish());
            }
            if (published) {
                checkDependenciesPresent(validated, loaded);
            }
            return new LoadedChart(validated, loaded);
        }

        /** Helm's CheckDependencies, run by helm install, template and package: every dependency is in charts/. */
        private void checkDependenciesPresent(ObjectNode metadata, List<LoadedChart> loaded) {
            for (JsonNode dependency : metadata.path("dependencies")) {
                String name = dependency.path("name").asText("");
                if (loaded.stream().noneMatch(chart -> chart.name().equals(name))) {
                    throw new ChartValidationException(source, directory + "Chart.yaml dependencies", "lists " + name
                            + ", which is not in charts/ (Helm: found in Chart.yaml, but missing in charts/ directory), so helm"
                            + " install and helm template refuse the chart", "Run `helm dependency build` before packaging (or"
                            + " `helm package --dependency-update`), or remove the dependency");
                }
            }
        }
    }

    private ChartValidationException tooDeep(String path) {
        return new ChartValidationException(source, path, "nests subcharts more than " + ArchiveLimits.MAX_DEPTH
                + " levels deep, more than this publisher reads", "Flatten the chart's dependencies and re-package it");
    }
}
