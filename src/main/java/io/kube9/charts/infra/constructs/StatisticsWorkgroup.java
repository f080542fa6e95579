package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.athena_workgroup.AthenaWorkgroup;
import com.hashicorp.cdktf.providers.aws.athena_workgroup.AthenaWorkgroupConfiguration;
import com.hashicorp.cdktf.providers.aws.athena_workgroup.AthenaWorkgroupConfigurationResultConfiguration;
import com.hashicorp.cdktf.providers.aws.athena_workgroup.AthenaWorkgroupConfigurationResultConfigurationEncryptionConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import software.constructs.Construct;

/**
 * The Athena workgroup the stats command runs its queries in, with its own results bucket (private, ACLs disabled,
 * SSE-S3, TLS only, results expiring). The workgroup's settings override the client's
 * ({@code enforce_workgroup_configuration}): results always go encrypted to that bucket, and a query that would scan
 * more than {@code bytesScannedCutoffPerQuery} is cancelled, which caps what one query can cost.
 */
public final class StatisticsWorkgroup extends Construct {
    public static final String RESULT_ENCRYPTION = "SSE_S3";

    public record Props(String name, String resultsBucketName, int resultRetentionDays, long bytesScannedCutoffPerQuery) {}

    private final S3Bucket results;
    private final AthenaWorkgroup workgroup;

    public StatisticsWorkgroup(Construct scope, String id, Props props) {
        super(scope, id);
        results = PrivateBucketDefaults.expiringBucket(this, "results-bucket", props.resultsBucketName(), "BucketOwnerEnforced",
                "expire-query-results", "", props.resultRetentionDays());
        PrivateBucketDefaults.tlsOnlyPolicy(this, results);
        workgroup = AthenaWorkgroup.Builder.create(this, "workgroup")
                .name(props.name())
                .description("Download statistics of the chart repository (repository-stats workflow)")
                .state("ENABLED")
                .configuration(AthenaWorkgroupConfiguration.builder()
                        .enforceWorkgroupConfiguration(true)
                        .publishCloudwatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(props.bytesScannedCutoffPerQuery())
                        .resultConfiguration(AthenaWorkgroupConfigurationResultConfiguration.builder()
                                .outputLocation("s3://" + results.getBucket() + "/")
                                .encryptionConfiguration(AthenaWorkgroupConfigurationResultConfigurationEncryptionConfiguration.builder()
                                        .encryptionOption(RESULT_ENCRYPTION).build())
                                .build())
                        .build())
                .build();
    }

    public String name() {
        return workgroup.getName();
    }

    public String arn() {
        return workgroup.getArn();
    }

    public String resultsBucketName() {
        return results.getBucket();
    }

    public String resultsBucketArn() {
        return results.getArn();
    }
}
