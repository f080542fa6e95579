package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alarms, the index.yaml probe and their SNS topic, on the synthesized production stack and configured variants. */
class RepositoryAlarmsTest {
    private static final String ALARM = "aws_cloudwatch_metric_alarm";
    private static final String US_EAST_1 = "aws.us_east_1";

    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson configured;
    private static StackJson live;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        configured = Synthesized.chartHostingStack(dir, """
                alerts:
                  emails: [ops@kube9.io, oncall@kube9.io]
                  serverErrorRatePercent: 2
                  serverErrorPeriodSeconds: 60
                  serverErrorEvaluationPeriods: 5
                  clientErrorRatePercent: 60
                  clientErrorPeriodSeconds: 3600
                  clientErrorEvaluationPeriods: 1
                  healthCheckIntervalSeconds: 10
                  healthCheckFailureThreshold: 5
                  healthCheckEvaluationPeriods: 4
                  additionalMetrics: true
                """);
        live = Synthesized.chartHostingStack(dir, CutoverStagesTest.LIVE_WITH_STAGING);
    }

    private static JsonNode distributionDimensions(StackJson stack) {
        return JsonNodeFactory.instance.objectNode()
                .put("DistributionId", stack.ref("aws_cloudfront_distribution", "cdn/distribution", "id"))
                .put("Region", "Global");
    }

    @Test
    void serverErrorAlarmWatchesTheDistributions5xxRateWithTheDefaults() {
        JsonNode alarm = production.resource(ALARM, "alerts/server-errors");
        assertErrorRateAlarm(production, alarm, "kube9-charts-production-5xx-error-rate", "5xxErrorRate", 5, 300, 2);
    }

    @Test
    void clientErrorAlarmWatchesASurgeOfThe4xxRate() {
        JsonNode alarm = production.resource(ALARM, "alerts/client-errors");
        assertErrorRateAlarm(production, alarm, "kube9-charts-production-4xx-error-rate", "4xxErrorRate", 40, 900, 2);
    }

    @Test
    void thresholdsPeriodsAndEvaluationPeriodsComeFromConfiguration() {
        assertErrorRateAlarm(configured, configured.resource(ALARM, "alerts/server-errors"),
                "kube9-charts-production-5xx-error-rate", "5xxErrorRate", 2, 60, 5);
        assertErrorRateAlarm(configured, configured.resource(ALARM, "alerts/client-errors"),
                "kube9-charts-production-4xx-error-rate", "4xxErrorRate", 60, 3600, 1);
        JsonNode probe = configured.resource("aws_route53_health_check", "alerts/index-probe");
        assertEquals(10, probe.path("request_interval").asInt());
        assertEquals(5, probe.path("failure_threshold").asInt());
        assertEquals(4, configured.resource(ALARM, "alerts/index-probe-alarm").path("evaluation_periods").asInt());
    }

    private static void assertErrorRateAlarm(StackJson stack, JsonNode alarm, String name, String metric, int threshold, int period,
                                             int evaluationPeriods) {
        assertEquals(name, alarm.path("alarm_name").asText());
        assertEquals("AWS/CloudFront", alarm.path("namespace").asText());
        assertEquals(metric, alarm.path("metric_name").asText());
        assertEquals(distributionDimensions(stack), alarm.path("dimensions"));
        assertEquals("Average", alarm.path("statistic").asText());
        assertEquals("GreaterThanThreshold", alarm.path("comparison_operator").asText());
        assertEquals(threshold, alarm.path("threshold").asInt());
        assertEquals(period, alarm.path("period").asInt());
        assertEquals(evaluationPeriods, alarm.path("evaluation_periods").asInt());
        assertEquals("notBreaching", alarm.path("treat_missing_data").asText(), "no requests is no failure");
        assertNotifiesTheTopic(stack, alarm);
    }

    private static void assertNotifiesTheTopic(StackJson stack, JsonNode alarm) {
        String topic = stack.ref("aws_sns_topic", "alerts/topic", "arn");
        assertEquals(List.of(topic), strings(alarm.path("alarm_actions")));
        assertEquals(List.of(topic), strings(alarm.path("ok_actions")));
        assertEquals(US_EAST_1, alarm.path("provider").asText(), "CloudFront and Route 53 publish their metrics in us-east-1");
    }

    /** Stage parallel: the legacy distribution holds charts.kube9.io, so the probe fetches what this distribution serves. */
    @Test
    void probeFetchesIndexYamlOverHttpsAndLooksForApiVersion() {
        JsonNode probe = production.resource("aws_route53_health_check", "alerts/index-probe");
        assertEquals("HTTPS_STR_MATCH", probe.path("type").asText());
        assertEquals(production.ref("aws_cloudfront_distribution", "cdn/distribution", "domain_name"), probe.path("fqdn").asText());
        assertEquals(443, probe.path("port").asInt());
        assertEquals("/index.yaml", probe.path("resource_path").asText());
        assertEquals("apiVersion", probe.path("search_string").asText());
        assertTrue(probe.path("enable_sni").asBoolean());
        assertEquals(30, probe.path("request_interval").asInt());
        assertEquals(3, probe.path("failure_threshold").asInt());
        assertEquals(List.of("us-east-1", "eu-west-1", "ap-southeast-1"), strings(probe.path("regions")));
    }

    @Test
    void probeFetchesTheRepositoryNameOnceThisStackHoldsIt() {
        assertEquals("charts.kube9.io", live.resource("aws_route53_health_check", "alerts/index-probe").path("fqdn").asText());
        StackJson owned = Synthesized.chartHostingStack(dir, "cutover: null\n");
        assertEquals("charts.kube9.io", owned.resource("aws_route53_health_check", "alerts/index-probe").path("fqdn").asText());
    }

    @Test
    void probeAlarmFiresWhenTheHealthCheckReportsDownOrNothing() {
        JsonNode alarm = production.resource(ALARM, "alerts/index-probe-alarm");
        assertEquals("kube9-charts-production-index-probe", alarm.path("alarm_name").asText());
        assertEquals("AWS/Route53", alarm.path("namespace").asText());
        assertEquals("HealthCheckStatus", alarm.path("metric_name").asText());
        assertEquals(Map.of("HealthCheckId", production.ref("aws_route53_health_check", "alerts/index-probe", "id")),
                Map.of("HealthCheckId", alarm.path("dimensions").path("HealthCheckId").asText()));
        assertEquals(1, alarm.path("dimensions").size());
        assertEquals("Minimum", alarm.path("statistic").asText());
        assertEquals(60, alarm.path("period").asInt());
        assertEquals(2, alarm.path("evaluation_periods").asInt());
        assertEquals("LessThanThreshold", alarm.path("comparison_operator").asText());
        assertEquals(1, alarm.path("threshold").asInt());
        assertEquals("breaching", alarm.path("treat_missing_data").asText());
        assertNotifiesTheTopic(production, alarm);
    }

    @Test
    void onlyThisStacksAlarmsMayPublishToTheTopic() {
        JsonNode topic = production.resource("aws_sns_topic", "alerts/topic");
        assertEquals("kube9-charts-production-alerts", topic.path("name").asText());
        assertEquals(US_EAST_1, topic.path("provider").asText());
        JsonNode policy = production.resource("aws_sns_topic_policy", "alerts/topic-policy");
        assertEquals(production.ref("aws_sns_topic", "alerts/topic", "arn"), policy.path("arn").asText());
        assertEquals(production.dataRef("aws_iam_policy_document", "alerts/topic-policy-document", "json"), policy.path("policy").asText());
        JsonNode document = production.data("aws_iam_policy_document", "alerts/topic-policy-document");
        assertEquals(1, document.path("statement").size());
        JsonNode publish = production.statement("alerts/topic-policy-document", "ThisStacksAlarmsPublish");
        assertEquals("Allow", publish.path("effect").asText());
        assertEquals(List.of("Service:cloudwatch.amazonaws.com"), principals(publish));
        assertEquals(List.of("sns:Publish"), strings(publish.path("actions")));
        assertEquals(List.of(production.ref("aws_sns_topic", "alerts/topic", "arn")), strings(publish.path("resources")));
        String account = production.dataRef("aws_caller_identity", "iam-account", "account_id");
        assertEquals(Map.of(
                "ArnLike", Map.of("aws:SourceArn", List.of("arn:aws:cloudwatch:us-east-1:" + account + ":alarm:kube9-charts-production-*")),
                "StringEquals", Map.of("aws:SourceAccount", List.of(account))), conditions(publish));
        List<String> alarmNames = new ArrayList<>();
        production.resources(ALARM).forEach(alarm -> alarmNames.add(alarm.path("alarm_name").asText()));
        alarmNames.forEach(name -> assertTrue(name.startsWith("kube9-charts-production-"), name));
        assertEquals(3, alarmNames.size());
    }

    @Test
    void noSubscriptionByDefaultOneEmailSubscriptionPerConfiguredAddress() {
        assertTrue(production.resources("aws_sns_topic_subscription").isEmpty());
        List<String> endpoints = new ArrayList<>();
        for (JsonNode subscription : configured.resources("aws_sns_topic_subscription")) {
            assertEquals("email", subscription.path("protocol").asText());
            assertEquals(configured.ref("aws_sns_topic", "alerts/topic", "arn"), subscription.path("topic_arn").asText());
            assertEquals(US_EAST_1, subscription.path("provider").asText());
            endpoints.add(subscription.path("endpoint").asText());
        }
        assertEquals(List.of("ops@kube9.io", "oncall@kube9.io"), endpoints);
    }

    /** Billed per distribution per month, so off unless configured. */
    @Test
    void additionalMetricsAreOffByDefaultAndSubscribedWhenConfigured() {
        assertTrue(production.resources("aws_cloudfront_monitoring_subscription").isEmpty());
        JsonNode subscription = configured.resource("aws_cloudfront_monitoring_subscription", "alerts/additional-metrics");
        assertEquals(configured.ref("aws_cloudfront_distribution", "cdn/distribution", "id"), subscription.path("distribution_id").asText());
        assertEquals("Enabled", subscription.path("monitoring_subscription").path("realtime_metrics_subscription_config")
                .path("realtime_metrics_subscription_status").asText());
    }

    @Test
    void outputsNameTheTopicAndTheProbe() {
        JsonNode outputs = production.root().path("output");
        assertEquals(production.ref("aws_sns_topic", "alerts/topic", "arn"), outputs.path("alerts_topic_arn").path("value").asText());
        assertEquals(production.ref("aws_route53_health_check", "alerts/index-probe", "id"),
                outputs.path("index_probe_health_check_id").path("value").asText());
    }
}
