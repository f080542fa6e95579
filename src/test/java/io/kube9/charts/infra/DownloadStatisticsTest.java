package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.infra.constructs.CloudFrontLogDelivery;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics infrastructure on the synthesized production stack: request logs (standard logging v2, Parquet) into
 * a private bucket only the log delivery writes, the Glue table projecting every hour of every day, the Athena
 * workgroup and its results bucket; and the stack without it ({@code statistics.enabled: false}).
 */
class DownloadStatisticsTest {
    private static final String LOG_BUCKET = "statistics/request-logs";
    private static final String RESULTS = "statistics/queries";

    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson disabled;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        disabled = Synthesized.chartHostingStack(dir, "statistics:\n  enabled: false\n");
    }

    private static String account() {
        return production.dataRef("aws_caller_identity", "statistics/account", "account_id");
    }

    private static String distributionId() {
        return production.ref("aws_cloudfront_distribution", "cdn/distribution", "id");
    }

    @Test
    void CKV_AWS_53_to_56_CKV_AWS_19_CKV2_AWS_65_logAndResultsBucketsArePrivateEncryptedWithoutAcls() {
        for (String bucket : List.of(LOG_BUCKET, RESULTS)) {
            String id = production.ref("aws_s3_bucket", bucket + (bucket.equals(RESULTS) ? "/results-bucket" : "/bucket"), "id");
            JsonNode block = production.resource("aws_s3_bucket_public_access_block", bucket + "/public-access-block");
            List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
                    .forEach(flag -> assertTrue(block.path(flag).asBoolean(), bucket + " " + flag));
            assertEquals(id, block.path("bucket").asText());
            assertEquals("BucketOwnerEnforced", production.resource("aws_s3_bucket_ownership_controls", bucket + "/ownership")
                    .path("rule").path("object_ownership").asText());
            assertEquals("AES256", production.resource("aws_s3_bucket_server_side_encryption_configuration", bucket + "/encryption")
                    .path("rule").get(0).path("apply_server_side_encryption_by_default").path("sse_algorithm").asText());
        }
        assertEquals("kube9-charts-production-request-logs",
                production.resource("aws_s3_bucket", LOG_BUCKET + "/bucket").path("bucket").asText());
        assertEquals("kube9-charts-production-query-results",
                production.resource("aws_s3_bucket", RESULTS + "/results-bucket").path("bucket").asText());
    }

    @Test
    void S3_5_logAndResultsBucketsDenyRequestsWithoutTls() {
        for (String bucket : List.of(LOG_BUCKET, RESULTS)) {
            String arn = production.ref("aws_s3_bucket", bucket + (bucket.equals(RESULTS) ? "/results-bucket" : "/bucket"), "arn");
            JsonNode tls = production.statement(bucket + "/policy-document", "DenyInsecureTransport");
            assertEquals("Deny", tls.path("effect").asText());
            assertEquals(List.of(arn, arn + "/*"), strings(tls.path("resources")));
            assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))), conditions(tls));
        }
    }

    /** CKV_AWS_70: the only other principal is the log delivery service, for this account and this delivery source. */
    @Test
    void onlyThisAccountsLogDeliveryWritesAndOnlyUnderAwsLogs() {
        String arn = production.ref("aws_s3_bucket", LOG_BUCKET + "/bucket", "arn");
        String source = "arn:aws:logs:us-east-1:" + account() + ":delivery-source:kube9-charts-production-cloudfront";
        JsonNode document = production.data("aws_iam_policy_document", LOG_BUCKET + "/policy-document");
        List<String> allowSids = new ArrayList<>();
        document.path("statement").forEach(s -> {
            if (s.path("effect").asText().equals("Allow")) {
                allowSids.add(s.path("sid").asText());
                assertEquals(List.of("Service:delivery.logs.amazonaws.com"), principals(s));
            }
        });
        assertEquals(List.of("AWSLogDeliveryWrite", "AWSLogDeliveryAclCheck"), allowSids);

        JsonNode write = production.statement(LOG_BUCKET + "/policy-document", "AWSLogDeliveryWrite");
        assertEquals(List.of("s3:PutObject"), strings(write.path("actions")));
        assertEquals(List.of(arn + "/AWSLogs/" + account() + "/*"), strings(write.path("resources")));
        assertEquals(Map.of(
                "StringEquals", Map.of("s3:x-amz-acl", List.of("bucket-owner-full-control"), "aws:SourceAccount", List.of(account())),
                "ArnLike", Map.of("aws:SourceArn", List.of(source))), conditions(write));
        JsonNode check = production.statement(LOG_BUCKET + "/policy-document", "AWSLogDeliveryAclCheck");
        assertEquals(List.of("s3:GetBucketAcl", "s3:ListBucket"), strings(check.path("actions")));
        assertEquals(List.of(arn), strings(check.path("resources")));
        assertEquals(Map.of("StringEquals", Map.of("aws:SourceAccount", List.of(account())),
                "ArnLike", Map.of("aws:SourceArn", List.of(source))), conditions(check));
        assertEquals(production.resource("aws_cloudwatch_log_delivery_source", "statistics/log-delivery/source").path("name").asText(),
                source.substring(source.lastIndexOf(':') + 1));
    }

    /** CKV2_AWS_61, CKV_AWS_300: logs expire (the stats cache beside them does not); results expire; stale uploads aborted. */
    @Test
    void requestLogsExpireAfterTheConfiguredDaysResultsAfterAWeek() {
        JsonNode logs = production.resource("aws_s3_bucket_lifecycle_configuration", LOG_BUCKET + "/lifecycle").path("rule");
        assertEquals(1, logs.size());
        assertEquals("AWSLogs/", logs.get(0).path("filter").path("prefix").asText());
        assertEquals(400, logs.get(0).path("expiration").path("days").asInt());
        assertEquals(7, logs.get(0).path("abort_incomplete_multipart_upload").path("days_after_initiation").asInt());
        JsonNode results = production.resource("aws_s3_bucket_lifecycle_configuration", RESULTS + "/lifecycle").path("rule");
        assertEquals("", results.get(0).path("filter").path("prefix").asText());
        assertEquals(7, results.get(0).path("expiration").path("days").asInt());

        StackJson shorter = Synthesized.chartHostingStack(dir, "statistics:\n  logRetentionDays: 30\n  queryResultRetentionDays: 1\n");
        assertEquals(30, shorter.resource("aws_s3_bucket_lifecycle_configuration", LOG_BUCKET + "/lifecycle")
                .path("rule").get(0).path("expiration").path("days").asInt());
        assertEquals(1, shorter.resource("aws_s3_bucket_lifecycle_configuration", RESULTS + "/lifecycle")
                .path("rule").get(0).path("expiration").path("days").asInt());
    }

    @Test
    void distributionsAccessLogsAreDeliveredAsParquetWithOnlyTheFieldsTheStatisticsNeed() {
        JsonNode source = production.resource("aws_cloudwatch_log_delivery_source", "statistics/log-delivery/source");
        assertEquals("ACCESS_LOGS", source.path("log_type").asText());
        assertEquals(production.ref("aws_cloudfront_distribution", "cdn/distribution", "arn"), source.path("resource_arn").asText());
        JsonNode destination = production.resource("aws_cloudwatch_log_delivery_destination", "statistics/log-delivery/destination");
        assertEquals("parquet", destination.path("output_format").asText());
        assertEquals(production.ref("aws_s3_bucket", LOG_BUCKET + "/bucket", "arn"),
                destination.path("delivery_destination_configuration").get(0).path("destination_resource_arn").asText());
        JsonNode delivery = production.resource("aws_cloudwatch_log_delivery", "statistics/log-delivery/delivery");
        assertEquals(production.ref("aws_cloudwatch_log_delivery_source", "statistics/log-delivery/source", "name"),
                delivery.path("delivery_source_name").asText());
        assertEquals(production.ref("aws_cloudwatch_log_delivery_destination", "statistics/log-delivery/destination", "arn"),
                delivery.path("delivery_destination_arn").asText());
        assertEquals(List.of("date", "time", "cs-method", "cs-uri-stem", "sc-status", "sc-bytes", "cs(User-Agent)", "c-ip"),
                strings(delivery.path("record_fields")));
        JsonNode s3 = delivery.path("s3_delivery_configuration").get(0);
        assertEquals("{DistributionId}/{yyyy}/{MM}/{dd}/{HH}", s3.path("suffix_path").asText());
        assertFalse(s3.path("enable_hive_compatible_path").asBoolean());
        for (JsonNode resource : List.of(source, destination, delivery)) {
            assertEquals("aws.us_east_1", resource.path("provider").asText());
        }
        String policy = production.address("aws_s3_bucket_policy", LOG_BUCKET + "/policy");
        assertEquals(List.of(policy), strings(destination.path("depends_on")));
        assertEquals(List.of(policy), strings(delivery.path("depends_on")));
    }

    @Test
    void noCookiesQueryStringsRefererOrForwardedAddressesAreLogged() {
        List<String> fields = strings(production.resource("aws_cloudwatch_log_delivery", "statistics/log-delivery/delivery")
                .path("record_fields"));
        for (String never : List.of("cs(Cookie)", "cs-uri-query", "cs(Referer)", "x-forwarded-for", "c-port", "x-edge-request-id")) {
            assertFalse(fields.contains(never), never);
        }
    }

    /**
     * The delivery writes {DistributionId}/{yyyy}/{MM}/{dd}/{HH}; the projection must produce the same folder for every
     * hour of every day, with integer partitions the stats command's predicate compares (year, month, day, hour).
     */
    @Test
    void partitionProjectionCoversEveryHourOfEveryDayExactlyWhereTheDeliveryWrites() {
        JsonNode table = production.resource("aws_glue_catalog_table", "statistics/log-table/table");
        JsonNode p = table.path("parameters");
        assertEquals("true", p.path("projection.enabled").asText());
        List<String> keys = new ArrayList<>();
        table.path("partition_keys").forEach(key -> {
            keys.add(key.path("name").asText());
            assertEquals("int", key.path("type").asText(), key.toString());
        });
        assertEquals(List.of("year", "month", "day", "hour"), keys);
        assertEquals(IntStream.range(0, 24).mapToObj(h -> String.format("%02d", h)).toList(), projected(p, "hour"));
        assertEquals(IntStream.rangeClosed(1, 12).mapToObj(m -> String.format("%02d", m)).toList(), projected(p, "month"));
        assertEquals(IntStream.rangeClosed(1, 31).mapToObj(d -> String.format("%02d", d)).toList(), projected(p, "day"));
        List<String> years = projected(p, "year");
        assertTrue(years.contains("2025") && years.contains("2026") && years.get(years.size() - 1).compareTo("2999") > 0,
                "years do not run out: " + years.get(0) + ".." + years.get(years.size() - 1));

        String location = "s3://" + production.ref("aws_s3_bucket", LOG_BUCKET + "/bucket", "bucket") + "/AWSLogs/" + account()
                + "/CloudFront/" + distributionId() + "/";
        assertEquals(location, table.path("storage_descriptor").path("location").asText());
        // "$${" is how Terraform JSON writes a literal "${": Athena receives ${year}/${month}/${day}/${hour}.
        assertEquals(location + "$${year}/$${month}/$${day}/$${hour}/", p.path("storage.location.template").asText());

        for (String hour : projected(p, "hour")) {
            LocalDateTime at = LocalDate.of(2026, 12, 31).atTime(Integer.parseInt(hour), 59);
            String delivered = CloudFrontLogDelivery.SUFFIX_PATH.replace("{DistributionId}", "E2EXAMPLE")
                    .replace("{yyyy}", "%04d".formatted(at.getYear())).replace("{MM}", "%02d".formatted(at.getMonthValue()))
                    .replace("{dd}", "%02d".formatted(at.getDayOfMonth())).replace("{HH}", "%02d".formatted(at.getHour()));
            String projected = "E2EXAMPLE/" + pad(p, "year", at.getYear()) + "/" + pad(p, "month", at.getMonthValue()) + "/"
                    + pad(p, "day", at.getDayOfMonth()) + "/" + hour;
            assertEquals(delivered, projected);
        }
    }

    /** Every value an integer projection gives a partition, as Athena writes it into the location. */
    private static List<String> projected(JsonNode parameters, String partition) {
        assertEquals("integer", parameters.path("projection." + partition + ".type").asText(), partition);
        String[] range = parameters.path("projection." + partition + ".range").asText().split(",");
        return IntStream.rangeClosed(Integer.parseInt(range[0]), Integer.parseInt(range[1]))
                .mapToObj(value -> pad(parameters, partition, value)).toList();
    }

    private static String pad(JsonNode parameters, String partition, int value) {
        return String.format("%0" + parameters.path("projection." + partition + ".digits").asInt() + "d", value);
    }

    @Test
    void tableHasTheAthenaParquetColumnsOfTheDeliveredFieldsAsStrings() {
        JsonNode table = production.resource("aws_glue_catalog_table", "statistics/log-table/table");
        assertEquals("cloudfront_logs", table.path("name").asText());
        assertEquals(production.ref("aws_glue_catalog_database", "statistics/log-table/database", "name"),
                table.path("database_name").asText());
        assertEquals("kube9_charts_production",
                production.resource("aws_glue_catalog_database", "statistics/log-table/database").path("name").asText());
        assertEquals("EXTERNAL_TABLE", table.path("table_type").asText());
        JsonNode storage = table.path("storage_descriptor");
        List<String> columns = new ArrayList<>();
        storage.path("columns").forEach(c -> {
            columns.add(c.path("name").asText());
            assertEquals("string", c.path("type").asText());
        });
        assertEquals(List.of("date", "time", "cs_method", "cs_uri_stem", "sc_status", "sc_bytes", "cs_user_agent", "c_ip"), columns);
        List<String> partitions = new ArrayList<>();
        table.path("partition_keys").forEach(k -> partitions.add(k.path("name").asText() + " " + k.path("type").asText()));
        assertEquals(List.of("year int", "month int", "day int", "hour int"), partitions);
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                storage.path("ser_de_info").path("serialization_library").asText());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", storage.path("input_format").asText());
    }

    @Test
    void workgroupEnforcesEncryptedResultsInItsBucketAndABytesScannedCutoff() {
        JsonNode workgroup = production.resource("aws_athena_workgroup", RESULTS + "/workgroup");
        assertEquals("kube9-charts-production-stats", workgroup.path("name").asText());
        JsonNode configuration = workgroup.path("configuration");
        assertTrue(configuration.path("enforce_workgroup_configuration").asBoolean());
        assertEquals(10_737_418_240L, configuration.path("bytes_scanned_cutoff_per_query").asLong());
        JsonNode result = configuration.path("result_configuration");
        assertEquals("s3://" + production.ref("aws_s3_bucket", RESULTS + "/results-bucket", "bucket") + "/",
                result.path("output_location").asText());
        assertEquals("SSE_S3", result.path("encryption_configuration").path("encryption_option").asText());

        StackJson smaller = Synthesized.chartHostingStack(dir, "statistics:\n  bytesScannedCutoffPerQuery: 104857600\n");
        assertEquals(104_857_600L, smaller.resource("aws_athena_workgroup", RESULTS + "/workgroup")
                .path("configuration").path("bytes_scanned_cutoff_per_query").asLong());
    }

    /** CloudFront.5 and CKV_AWS_86 recognise only the legacy logging_config: it stays, to its own bucket. */
    @Test
    void legacyAccessLogsStayBesideTheV2DeliveryInAnotherBucket() {
        String legacyBucket = production.ref("aws_s3_bucket", "access-logs/bucket", "bucket_domain_name");
        JsonNode logging = production.resource("aws_cloudfront_distribution", "cdn/distribution").path("logging_config");
        assertEquals(legacyBucket, logging.path("bucket").asText());
        assertFalse(logging.path("include_cookies").asBoolean());
        assertNotEquals(production.ref("aws_s3_bucket", "access-logs/bucket", "arn"),
                production.resource("aws_cloudwatch_log_delivery_destination", "statistics/log-delivery/destination")
                        .path("delivery_destination_configuration").get(0).path("destination_resource_arn").asText());
        assertEquals(disabled.ref("aws_s3_bucket", "access-logs/bucket", "bucket_domain_name"),
                disabled.resource("aws_cloudfront_distribution", "cdn/distribution").path("logging_config").path("bucket").asText());
    }

    @Test
    void disabledStatisticsCreateNoLogDeliveryTableWorkgroupRoleOrOutputs() {
        for (String type : List.of("aws_cloudwatch_log_delivery", "aws_cloudwatch_log_delivery_source",
                "aws_cloudwatch_log_delivery_destination", "aws_glue_catalog_database", "aws_glue_catalog_table",
                "aws_athena_workgroup")) {
            assertTrue(disabled.resources(type).isEmpty(), type);
            assertEquals(1, production.resources(type).size(), type);
        }
        assertEquals(List.of("kube9-charts-production", "kube9-charts-production-logs", "kube9-charts-production-replica"),
                disabled.bucketNames());
        assertEquals(List.of("kube9-charts-production", "kube9-charts-production-logs", "kube9-charts-production-query-results",
                "kube9-charts-production-replica", "kube9-charts-production-request-logs"), production.bucketNames());
        TreeSet<String> statsOutputs = new TreeSet<>();
        production.root().path("output").fieldNames().forEachRemaining(name -> {
            if (name.startsWith("stats_")) {
                statsOutputs.add(name);
            }
        });
        assertEquals(new TreeSet<>(List.of("stats_athena_workgroup", "stats_glue_database", "stats_glue_table",
                "stats_log_bucket_name", "stats_log_prefix", "stats_query_results_bucket_name", "stats_role_arn")), statsOutputs);
        disabled.root().path("output").fieldNames().forEachRemaining(name -> assertFalse(name.startsWith("stats_"), name));
    }

    @Test
    void outputsNameWhatTheStatsCommandUses() {
        JsonNode outputs = production.root().path("output");
        assertEquals(production.ref("aws_s3_bucket", LOG_BUCKET + "/bucket", "bucket"),
                outputs.path("stats_log_bucket_name").path("value").asText());
        assertEquals("AWSLogs/" + account() + "/CloudFront/" + distributionId() + "/", outputs.path("stats_log_prefix").path("value").asText());
        assertEquals(production.ref("aws_glue_catalog_database", "statistics/log-table/database", "name"),
                outputs.path("stats_glue_database").path("value").asText());
        assertEquals(production.ref("aws_glue_catalog_table", "statistics/log-table/table", "name"),
                outputs.path("stats_glue_table").path("value").asText());
        assertEquals(production.ref("aws_athena_workgroup", RESULTS + "/workgroup", "name"),
                outputs.path("stats_athena_workgroup").path("value").asText());
        assertEquals(production.ref("aws_iam_role", "statistics/access/role", "arn"), outputs.path("stats_role_arn").path("value").asText());
    }
}
