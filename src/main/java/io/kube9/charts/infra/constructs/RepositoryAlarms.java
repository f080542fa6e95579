package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.condition;
import static io.kube9.charts.infra.constructs.PolicyStatements.service;

import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.providers.aws.cloudfront_monitoring_subscription.CloudfrontMonitoringSubscription;
import com.hashicorp.cdktf.providers.aws.cloudfront_monitoring_subscription.CloudfrontMonitoringSubscriptionMonitoringSubscription;
import com.hashicorp.cdktf.providers.aws.cloudfront_monitoring_subscription.CloudfrontMonitoringSubscriptionMonitoringSubscriptionRealtimeMetricsSubscriptionConfig;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic_policy.SnsTopicPolicy;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import io.kube9.charts.config.AlertsConfig;
import io.kube9.charts.config.AlertsConfig.ErrorRateAlarm;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * What tells an operator the repository is failing, all in us-east-1 (where CloudFront and Route 53 publish their
 * metrics): an SNS topic with the configured email subscriptions, alarms on the distribution's {@code 5xxErrorRate} and
 * on a surge of its {@code 4xxErrorRate}, and a Route 53 probe fetching {@code https://<name>/index.yaml} from several
 * regions, with an alarm on its {@code HealthCheckStatus}. Only this stack's alarms may publish to the topic.
 * <p>
 * The topic is not encrypted: CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key (its key policy
 * does not admit CloudWatch and cannot be changed), a customer-managed key costs more than everything here together,
 * and the messages hold alarm names and metric values only.
 */
public final class RepositoryAlarms extends Construct {
    /** What every index.yaml holds within the probe's first 5,120 bytes, in YAML ({@code apiVersion: v1}) and JSON. */
    public static final String INDEX_SEARCH_STRING = "apiVersion";
    public static final String INDEX_PATH = "/index.yaml";
    /**
     * Route 53's minimum of three checking regions, on three continents: a checker per region fetches index.yaml every
     * interval, so fewer regions mean fewer billed CloudFront requests (about 260,000 a month at 30 seconds).
     */
    public static final List<String> PROBE_REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-1");
    private static final String CLOUDFRONT_NAMESPACE = "AWS/CloudFront";

    /**
     * @param name         prefix of the topic, the alarms and the probe (the stack name); the topic admits alarms named so
     * @param probedDomain the name the probe fetches index.yaml from
     * @param provider     the us-east-1 provider
     */
    public record Props(String name, String account, String distributionId, String probedDomain, AlertsConfig alerts,
                        TerraformProvider provider) {}

    private final SnsTopic topic;
    private final Route53HealthCheck probe;

    public RepositoryAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        topic = SnsTopic.Builder.create(this, "topic")
                .name(props.name() + "-alerts")
                .displayName("kube9 chart repository alerts")
                .build();
        String alarms = "arn:aws:cloudwatch:us-east-1:" + props.account() + ":alarm:" + props.name() + "-*";
        DataAwsIamPolicyDocument policy = DataAwsIamPolicyDocument.Builder.create(this, "topic-policy-document")
                .statement(List.of(DataAwsIamPolicyDocumentStatement.builder()
                        .sid("ThisStacksAlarmsPublish")
                        .effect("Allow")
                        .principals(List.of(service("cloudwatch.amazonaws.com")))
                        .actions(List.of("sns:Publish"))
                        .resources(List.of(topic.getArn()))
                        .condition(List.of(condition("ArnLike", "aws:SourceArn", alarms),
                                condition("StringEquals", "aws:SourceAccount", props.account())))
                        .build()))
                .build();
        SnsTopicPolicy.Builder.create(this, "topic-policy").arn(topic.getArn()).policy(policy.getJson()).build();
        List<String> emails = props.alerts().emails();
        for (int i = 0; i < emails.size(); i++) {
            SnsTopicSubscription.Builder.create(this, "email-" + i)
                    .topicArn(topic.getArn()).protocol("email").endpoint(emails.get(i)).build();
        }

        Map<String, String> distribution = Map.of("DistributionId", props.distributionId(), "Region", "Global");
        errorRateAlarm("server-errors", props.name() + "-5xx-error-rate", "5xxErrorRate", props.alerts().serverErrors(),
                distribution, "Requests answered 5xx: the buckets fail or CloudFront cannot reach them (docs/operations.md)");
        errorRateAlarm("client-errors", props.name() + "-4xx-error-rate", "4xxErrorRate", props.alerts().clientErrors(),
                distribution, "Surge of 4xx answers: missing packages, a broken index or a refused origin (docs/operations.md)");

        probe = Route53HealthCheck.Builder.create(this, "index-probe")
                .type("HTTPS_STR_MATCH")
                .fqdn(props.probedDomain())
                .port(443)
                .enableSni(true)
                .resourcePath(INDEX_PATH)
                .searchString(INDEX_SEARCH_STRING)
                .requestInterval(props.alerts().healthCheckIntervalSeconds())
                .regions(PROBE_REGIONS)
                .failureThreshold(props.alerts().healthCheckFailureThreshold())
                .tags(Map.of("Name", props.name() + "-index-probe"))
                .build();
        CloudwatchMetricAlarm.Builder.create(this, "index-probe-alarm")
                .alarmName(props.name() + "-index-probe")
                .alarmDescription("https://" + props.probedDomain() + INDEX_PATH + " does not answer with an index (docs/operations.md)")
                .namespace("AWS/Route53")
                .metricName("HealthCheckStatus")
                .dimensions(Map.of("HealthCheckId", probe.getId()))
                .statistic("Minimum")
                .period(60)
                .evaluationPeriods(props.alerts().healthCheckEvaluationPeriods())
                .threshold(1)
                .comparisonOperator("LessThanThreshold")
                // No data means the checkers stopped reporting: treat it as down.
                .treatMissingData("breaching")
                .alarmActions(List.of(topic.getArn()))
                .okActions(List.of(topic.getArn()))
                .build();
        if (props.alerts().additionalMetrics()) {
            CloudfrontMonitoringSubscription.Builder.create(this, "additional-metrics")
                    .distributionId(props.distributionId())
                    .monitoringSubscription(CloudfrontMonitoringSubscriptionMonitoringSubscription.builder()
                            .realtimeMetricsSubscriptionConfig(
                                    CloudfrontMonitoringSubscriptionMonitoringSubscriptionRealtimeMetricsSubscriptionConfig.builder()
                                            .realtimeMetricsSubscriptionStatus("Enabled").build())
                            .build())
                    .build();
        }
        AwsProviders.assign(this, props.provider());
    }

    private void errorRateAlarm(String id, String name, String metric, ErrorRateAlarm alarm, Map<String, String> dimensions,
                                String description) {
        CloudwatchMetricAlarm.Builder.create(this, id)
                .alarmName(name)
                .alarmDescription(description)
                .namespace(CLOUDFRONT_NAMESPACE)
                .metricName(metric)
                .dimensions(dimensions)
                .statistic("Average")
                .period(alarm.periodSeconds())
                .evaluationPeriods(alarm.evaluationPeriods())
                .threshold(alarm.thresholdPercent())
                .comparisonOperator("GreaterThanThreshold")
                // No requests, no data: nothing failed.
                .treatMissingData("notBreaching")
                .alarmActions(List.of(topic.getArn()))
                .okActions(List.of(topic.getArn()))
                .build();
    }

    public String topicArn() {
        return topic.getArn();
    }

    public String healthCheckId() {
        return probe.getId();
    }
}
