package io.kube9.charts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A reproducible repository index of a given number of chart versions with the metadata real charts
 * carry (descriptions, maintainers, dependencies, Artifact Hub annotations, keywords, home, sources,
 * icon), in Helm's index format. It is the benchmark's input: each side renders it with its own tool.
 */
public final class SyntheticRepository {
    public static final String REPOSITORY_URL = "https://charts.kube9.io";
    static final int VERSIONS_PER_CHART = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORDS = List.of("kubernetes", "operator", "controller", "ingress", "gateway",
            "metrics", "prometheus", "logging", "storage", "backup", "database", "cache", "queue", "stream",
            "service", "mesh", "certificate", "secret", "policy", "autoscaling", "dashboard", "tracing", "proxy",
            "registry", "pipeline", "scheduler", "webhook", "observability", "replication", "cluster");
    private static final List<String> DEPENDENCIES = List.of("postgresql", "redis", "common", "minio", "kafka",
            "zookeeper", "mariadb", "memcached", "rabbitmq", "etcd");
    private static final List<String> PEOPLE = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing",
            "Barbara Liskov", "Edsger Dijkstra", "Frances Allen", "Ken Thompson", "Radia Perlman");
    private static final Instant FIRST_RELEASE = Instant.parse("2021-03-01T09:15:30.123456789Z");

    private SyntheticRepository() {}

    /** The index with {@code versions} chart versions, as Helm index JSON (UTF-8). */
    public static byte[] indexJson(int versions) {
        try {
            return JSON.writeValueAsBytes(index(versions));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode index(int versions) {
        return index(versions, VERSIONS_PER_CHART);
    }

    /** The index with {@code versions} chart versions, {@code versionsPerChart} to a chart (the last chart may have fewer). */
    public static ObjectNode index(int versions, int versionsPerChart) {
        Random random = new Random(versions);
        ObjectNode index = JSON.createObjectNode().put("apiVersion", "v1")
                .put("generated", FIRST_RELEASE.plus(900, ChronoUnit.DAYS).toString());
        ObjectNode entries = index.putObject("entries");
        int charts = (versions + versionsPerChart - 1) / versionsPerChart;
        for (int chart = 0; chart < charts; chart++) {
            String name = chartName(chart);
            ArrayNode list = entries.putArray(name);
            int count = Math.min(versionsPerChart, versions - chart * versionsPerChart);
            for (int v = count - 1; v >= 0; v--) {
                list.add(version(random, name, v));
            }
        }
        return index;
    }

    /** The chart name used for chart number {@code chart}: searchable by {@code "kube9"}. */
    public static String chartName(int chart) {
        return "kube9-" + WORDS.get(chart % WORDS.size()) + "-" + chart;
    }

    private static ObjectNode version(Random random, String name, int ordinal) {
        String version = (1 + ordinal / 20) + "." + (ordinal / 5 % 4) + "." + (ordinal % 5);
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode annotations = entry.putObject("annotations");
        annotations.put("artifacthub.io/changes", "- kind: fixed\n  description: " + sentence(random, 4) + "\n");
        annotations.put("artifacthub.io/images", "- name: " + name + "\n  image: ghcr.io/kube9/" + name + ":"
                + version + "\n");
        annotations.put("artifacthub.io/license", "Apache-2.0");
        annotations.put("category", random.nextBoolean() ? "Infrastructure" : "Monitoring");
        entry.put("apiVersion", "v2");
        entry.put("appVersion", (2 + ordinal / 10) + "." + (ordinal % 10) + ".0");
        entry.put("created", FIRST_RELEASE.plus(ordinal * 7L, ChronoUnit.DAYS)
                .plusSeconds(random.nextInt(86_400)).toString());
        ArrayNode dependencies = entry.putArray("dependencies");
        int dependencyCount = random.nextInt(3);
        for (int d = 0; d < dependencyCount; d++) {
            String dependency = DEPENDENCIES.get(random.nextInt(DEPENDENCIES.size()));
            ObjectNode dep = dependencies.addObject().put("name", dependency)
                    .put("version", (10 + random.nextInt(9)) + ".x.x")
                    .put("repository", "oci://registry-1.docker.io/bitnamicharts");
            if (!dependency.equals("common")) {
                dep.put("condition", dependency + ".enabled");
            }
            dep.putArray("tags").add("bitnami-" + dependency);
        }
        if (dependencyCount == 0) {
            entry.remove("dependencies");
        }
        entry.put("description", sentence(random, 5 + random.nextInt(8)));
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        entry.put("digest", HexFormat.of().formatHex(digest));
        entry.put("home", "https://kube9.io/charts/" + name);
        entry.put("icon", "https://kube9.io/icons/" + name + ".svg");
        ArrayNode keywords = entry.putArray("keywords");
        for (int k = 0, keywordCount = 2 + random.nextInt(3); k < keywordCount; k++) {
            keywords.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        entry.put("kubeVersion", ">=1.25.0-0");
        ArrayNode maintainers = entry.putArray("maintainers");
        for (int m = 0, maintainerCount = 1 + random.nextInt(2); m < maintainerCount; m++) {
            String person = PEOPLE.get(random.nextInt(PEOPLE.size()));
            String handle = person.toLowerCase(java.util.Locale.ROOT).replace(' ', '.');
            maintainers.addObject().put("name", person).put("email", handle + "@kube9.io")
                    .put("url", "https://github.com/" + handle.replace(".", ""));
        }
        entry.put("name", name);
        entry.putArray("sources").add("https://github.com/kube9/charts/tree/main/charts/" + name);
        entry.put("type", "application");
        entry.putArray("urls").add("charts/" + name + "-" + version + ".tgz");
        entry.put("version", version);
        return entry;
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder("A");
        for (int w = 0; w < words; w++) {
            text.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.append('.').toString();
    }
}
