package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A synthesized stack's Terraform JSON, parsed, with lookups by construct path (the
 * {@code //.metadata.path} CDKTF records), e.g. {@code resource("aws_s3_bucket", "chart-bucket/bucket")}.
 */
final class StackJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    StackJson(JsonNode root) {
        this.root = root;
    }

    static StackJson read(Path file) {
        try {
            return new StackJson(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    JsonNode resource(String type, String path) {
        return block(root.path("resource"), type, path).getValue();
    }

    JsonNode data(String type, String path) {
        return block(root.path("data"), type, path).getValue();
    }

    /** The Terraform address of a resource, e.g. {@code aws_s3_bucket.chart-bucket_bucket_1A2B3C4D}. */
    String address(String type, String path) {
        return type + "." + block(root.path("resource"), type, path).getKey();
    }

    /** The interpolation another block uses to refer to a resource's attribute. */
    String ref(String type, String path, String attribute) {
        return "${" + address(type, path) + "." + attribute + "}";
    }

    String dataRef(String type, String path, String attribute) {
        return "${data." + type + "." + block(root.path("data"), type, path).getKey() + "." + attribute + "}";
    }

    /** Every block of a resource type. */
    List<JsonNode> resources(String type) {
        List<JsonNode> all = new ArrayList<>();
        root.path("resource").path(type).elements().forEachRemaining(all::add);
        return all;
    }

    /** The names of the stack's S3 buckets, sorted. */
    List<String> bucketNames() {
        return resources("aws_s3_bucket").stream().map(bucket -> bucket.path("bucket").asText()).sorted().toList();
    }

    /** The statement with {@code sid} in the aws_iam_policy_document at {@code path}. */
    JsonNode statement(String documentPath, String sid) {
        for (JsonNode statement : data("aws_iam_policy_document", documentPath).path("statement")) {
            if (sid.equals(statement.path("sid").asText())) {
                return statement;
            }
        }
        return fail("no statement " + sid + " in policy document " + documentPath);
    }

    /** A statement's conditions as test -> variable -> values. */
    static Map<String, Map<String, List<String>>> conditions(JsonNode statement) {
        Map<String, Map<String, List<String>>> byTest = new TreeMap<>();
        for (JsonNode condition : statement.path("condition")) {
            byTest.computeIfAbsent(condition.path("test").asText(), t -> new TreeMap<>())
                    .put(condition.path("variable").asText(), strings(condition.path("values")));
        }
        return byTest;
    }

    /** A statement's principals as {@code type:identifier}, e.g. {@code Service:cloudfront.amazonaws.com}. */
    static List<String> principals(JsonNode statement) {
        List<String> principals = new ArrayList<>();
        for (JsonNode principal : statement.path("principals")) {
            strings(principal.path("identifiers")).forEach(id -> principals.add(principal.path("type").asText() + ":" + id));
        }
        return principals;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map.Entry<String, JsonNode> block(JsonNode byType, String type, String path) {
        List<Map.Entry<String, JsonNode>> matches = new ArrayList<>();
        byType.path(type).fields().forEachRemaining(entry -> {
            if (entry.getValue().path("//").path("metadata").path("path").asText().endsWith("/" + path)) {
                matches.add(entry);
            }
        });
        assertEquals(1, matches.size(), () -> "expected one " + type + " at construct path */" + path + ", found " + matches.size());
        return matches.get(0);
    }
}
