package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;
import static io.kube9.charts.infra.constructs.PolicyStatements.service;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleDeleteMarkerReplication;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleDestination;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleFilter;
import java.util.List;
import software.constructs.Construct;

/**
 * S3 replication of every object of the chart bucket to its replica in a second region, delete markers included
 * (a removed object is removed from the copy as well), with its own role that can do nothing but replicate from
 * this source to this destination. Both buckets are versioned before the configuration is written. Objects are
 * SSE-S3 encrypted, so no KMS permission is needed. Replication copies what is written after it is configured;
 * objects older than that are copied once with S3 Batch Replication (docs/operations.md).
 */
public final class BucketReplication extends Construct {
    /** On the source bucket. */
    public static final List<String> SOURCE_BUCKET_ACTIONS = List.of("s3:GetReplicationConfiguration", "s3:ListBucket");
    /** On the source bucket's objects. */
    public static final List<String> SOURCE_OBJECT_ACTIONS = List.of("s3:GetObjectVersionForReplication",
            "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging");
    /** On the replica bucket's objects. */
    public static final List<String> REPLICA_OBJECT_ACTIONS = List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags");

    /**
     * The trust names only S3 (AWS's own example for replication roles; whether S3 sends {@code aws:SourceArn} when it
     * assumes the role could not be checked offline, and a condition it does not meet would stop replication
     * silently): what S3 may do with the role is this one source and this one replica, nothing else.
     */
    public record Props(String roleName, ChartBucket source, ChartBucket replica, String permissionsBoundaryArn) {}

    private final IamRole role;

    public BucketReplication(Construct scope, String id, Props props) {
        super(scope, id);
        String source = props.source().bucketArn();
        String replica = props.replica().bucketArn();
        DataAwsIamPolicyDocument trust = DataAwsIamPolicyDocument.Builder.create(this, "trust-policy")
                .statement(List.of(DataAwsIamPolicyDocumentStatement.builder()
                        .sid("S3ReplicatesThisBucket")
                        .effect("Allow")
                        .principals(List.of(service("s3.amazonaws.com")))
                        .actions(List.of("sts:AssumeRole"))
                        .build()))
                .build();
        role = IamRole.Builder.create(this, "role")
                .name(props.roleName())
                .description("S3 replication of " + props.source().bucketName() + " to " + props.replica().bucketName())
                .assumeRolePolicy(trust.getJson())
                .maxSessionDuration(3600)
                .permissionsBoundary(props.permissionsBoundaryArn())
                .build();
        DataAwsIamPolicyDocument permissions = DataAwsIamPolicyDocument.Builder.create(this, "permissions-policy")
                .statement(List.of(
                        allow("ReadSourceReplicationConfiguration", SOURCE_BUCKET_ACTIONS, List.of(source)),
                        allow("ReadSourceObjectVersions", SOURCE_OBJECT_ACTIONS, List.of(source + "/*")),
                        allow("ReplicateToReplica", REPLICA_OBJECT_ACTIONS, List.of(replica + "/*"))))
                .build();
        IamRolePolicy.Builder.create(this, "permissions")
                .name("replicate-chart-bucket")
                .role(role.getId())
                .policy(permissions.getJson())
                .build();
        S3BucketReplicationConfigurationA.Builder.create(this, "configuration")
                .bucket(props.source().bucketId())
                .role(role.getArn())
                .rule(List.of(S3BucketReplicationConfigurationRule.builder()
                        .id("replicate-everything")
                        .status("Enabled")
                        .filter(S3BucketReplicationConfigurationRuleFilter.builder().prefix("").build())
                        .deleteMarkerReplication(S3BucketReplicationConfigurationRuleDeleteMarkerReplication.builder()
                                .status("Enabled").build())
                        .destination(S3BucketReplicationConfigurationRuleDestination.builder()
                                .bucket(replica)
                                .storageClass("STANDARD")
                                .build())
                        .build()))
                .dependsOn(List.of(props.source().versioning(), props.replica().versioning()))
                .build();
    }

    public String roleArn() {
        return role.getArn();
    }
}
