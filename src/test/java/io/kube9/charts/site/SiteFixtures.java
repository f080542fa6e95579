package io.kube9.charts.site;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Index entries and repositories for the landing page tests. */
final class SiteFixtures {
    static final String REPO = "https://charts.kube9.io";

    private SiteFixtures() {}

    /** An entry as the publisher writes it (Chart.yaml metadata, package URL, digest, created), with extra fields. */
    static IndexEntry entry(RepositorySettings settings, String name, String version, Consumer<ObjectNode> chartYaml) {
        ObjectNode chart = JsonNodeFactory.instance.objectNode().put("apiVersion", "v2").put("name", name)
                .put("version", version).put("description", "The " + name + " chart").put("appVersion", "1.0");
        chartYaml.accept(chart);
        return IndexEntry.forChart(chart, settings.packageUrl(name + "-" + version + ".tgz"), "00",
                Instant.parse("2026-11-24T06:00:00Z"));
    }

    /** The entry with its fields changed by {@code edit}. */
    static IndexEntry edited(IndexEntry entry, Consumer<ObjectNode> edit) {
        ObjectNode fields = entry.fields();
        edit.accept(fields);
        return new IndexEntry(fields);
    }

    /** How often {@code part} occurs in {@code text}. */
    static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    static ChartIndex index(List<IndexEntry> entries) {
        return ChartIndex.empty().merge(entries).index();
    }

    static String render(RepositorySettings settings, ChartIndex index, List<YankedVersion> yanked, Map<String, String> messages) {
        return new String(new LandingPage(settings).render(index, yanked, messages), StandardCharsets.UTF_8);
    }

    static String chartPage(RepositorySettings settings, SiteData data, String chart) {
        return new String(new ChartPage(settings).render(data, chart), StandardCharsets.UTF_8);
    }

    static String chartPage(RepositorySettings settings, ChartIndex index, List<YankedVersion> yanked, Map<String, String> messages,
            String chart) {
        return chartPage(settings, new SiteData(index, yanked, messages), chart);
    }

    /**
     * The repository the browser test and the README screenshot show: a chart with many versions, more than a chart page lists in
     * full, each with a change list (a pre-release above its latest release, a yanked one, one with build metadata), a deprecated chart with
     * a message, a chart whose every version is yanked, and an OCI registry. The repository URL is the real
     * one (it is only text on the page: packages and index.yaml are linked relative to the page); icons and
     * links point at {@code baseUrl}, so a browser loading the page from there asks nothing of any other host.
     */
    static Showcase showcase(String baseUrl) {
        RepositorySettings settings = RepositorySettings.defaults(REPO).withOciRepository("oci://public.ecr.aws/kube9");
        List<IndexEntry> entries = new ArrayList<>();
        for (int minor = 0; minor < 20; minor++) {
            for (int patch = 0; patch < 4; patch++) {
                entries.add(operator(settings, baseUrl, "0." + minor + "." + patch,
                        Instant.parse("2025-01-01T10:00:00Z").plusSeconds((minor * 4 + patch) * 86_400L)));
            }
        }
        for (int minor = 0; minor < 12; minor++) {
            for (int patch = 0; patch < 4; patch++) {
                String version = "1." + minor + "." + patch;
                int day = minor * 4 + patch + 1;
                entries.add(operator(settings, baseUrl, version, Instant.parse("2026-01-01T10:00:00.123456789Z").plusSeconds(day * 86_400L)));
            }
        }
        entries.add(operator(settings, baseUrl, "1.12.0+build.7", Instant.parse("2026-06-01T09:30:00.5Z")));
        entries.add(operator(settings, baseUrl, "2.0.0-rc.1", Instant.parse("2026-06-10T08:00:00Z")));
        entries.add(entry(settings, "kube9-dashboard", "0.9.3", chart -> chart.put("deprecated", true)
                .put("description", "Web dashboard for kube9 clusters").put("icon", baseUrl + "/icons/dashboard.svg")));
        entries.add(entry(settings, "kube9-agent", "3.1.0", chart -> chart
                .put("description", "Node agent that ships metrics to kube9").put("home", "javascript:alert(1)")
                .put("icon", "data:image/svg+xml,<svg onload=alert(1)>")));
        List<YankedVersion> yanked = List.of(
                new YankedVersion("kube9-operator", "1.11.2", "CRD upgrade deletes custom resources (#123)", "2026-06-02T12:00:00.987654321Z"),
                new YankedVersion("kube9-legacy", "0.1.0", "superseded by kube9-operator", "2026-05-01T00:00:00Z"));
        return new Showcase(settings, index(entries), yanked, Map.of("kube9-dashboard", "Use the kube9 console instead."));
    }

    private static IndexEntry operator(RepositorySettings settings, String baseUrl, String version, Instant created) {
        ObjectNode chart = JsonNodeFactory.instance.objectNode().put("apiVersion", "v2").put("name", "kube9-operator")
                .put("version", version).put("appVersion", "v0." + version.substring(version.indexOf('.') + 1))
                .put("description", "Kubernetes operator that keeps kube9 clusters observable")
                .put("home", baseUrl + "/operator").put("icon", baseUrl + "/icons/operator.svg");
        chart.putArray("sources").add(baseUrl + "/source/kube9-operator");
        chart.putObject("annotations").put(ChangeLog.ANNOTATION, "- kind: added\n  description: Metrics for " + version
                + "\n- kind: fixed\n  description: Reconcile loop backs off\n  links:\n    - name: Issue\n      url: " + baseUrl + "/issues/1\n");
        return IndexEntry.forChart(chart, settings.packageUrl("kube9-operator-" + version + ".tgz"), "00", created);
    }

    record Showcase(RepositorySettings settings, ChartIndex index, List<YankedVersion> yanked, Map<String, String> messages) {
        String render() {
            return SiteFixtures.render(settings, index, yanked, messages);
        }

        String chartPage(String chart) {
            return SiteFixtures.chartPage(settings, index, yanked, messages, chart);
        }
    }
}
