package io.kube9.charts.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.index.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A version's {@code artifacthub.io/changes} annotation as a change list. Artifact Hub's format: a YAML string
 * holding either a list of strings or a list of {@code {kind, description, links: [{name, url}]}}. An annotation
 * that is not YAML or not such a list shows no changes (the page never fails for it); items that are neither form
 * are skipped, unknown kinds are shown without a kind, and links that are not http(s) URLs are dropped.
 */
public final class ChangeLog {
    static final String ANNOTATION = "artifacthub.io/changes";
    /** Changes listed per version; the rest are counted. */
    static final int MAX_CHANGES = 20;
    static final Set<String> KINDS = Set.of("added", "changed", "deprecated", "removed", "fixed", "security");
    private static final int MAX_LINKS = 5;
    private static final ObjectMapper YAML = SafeYaml.mapper(64 * 1024);

    private ChangeLog() {}

    /** One change: its kind ("" when none or unknown), description and http(s) links. */
    public record Change(String kind, String description, List<Link> links) {}

    public record Link(String name, String url) {}

    /** The changes the annotation lists, or none when it is missing or malformed. */
    static List<Change> parse(String annotation) {
        if (annotation == null || annotation.isBlank()) {
            return List.of();
        }
        JsonNode items;
        try {
            items = SafeYaml.readTree(YAML, annotation.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        if (!items.isArray()) {
            return List.of();
        }
        for (JsonNode item : items) {
            if (item.isTextual() && !item.asText().isBlank()) {
                changes.add(new Change("", PageViews.shorten(item.asText()), List.of()));
            } else if (item.isObject() && item.path("description").isTextual()) {
                String kind = item.path("kind").asText("").toLowerCase(Locale.ROOT);
                changes.add(new Change(KINDS.contains(kind) ? kind : "", PageViews.shorten(item.path("description").asText()),
                        links(item.path("links"))));
            }
        }
        return changes;
    }

    private static List<Link> links(JsonNode links) {
        List<Link> result = new ArrayList<>();
        for (JsonNode link : links) {
            String url = WebLinks.httpOrNull(link.path("url").asText(null));
            if (url != null && result.size() < MAX_LINKS) {
                String name = link.path("name").asText("");
                result.add(new Link(PageViews.shorten(name.isBlank() ? url : name), url));
            }
        }
        return result;
    }
}
