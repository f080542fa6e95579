package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.anyone;
import static io.kube9.charts.infra.constructs.PolicyStatements.condition;
import static io.kube9.charts.infra.constructs.PolicyStatements.service;

import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The policy of the chart bucket and of its replica. It needs both the bucket and the distribution (which itself needs the
 * bucket), so the stack creates it after both:
 * <ul>
 *   <li>no request without TLS;</li>
 *   <li>only this distribution, through its Origin Access Control, reads objects and lists the
 *       bucket (listing makes a missing chart a 404 rather than a 403);</li>
 *   <li>chart packages and provenance files are write-once: a PutObject on {@code *.tgz} or
 *       {@code *.prov} without {@code If-None-Match: *} is denied, so nothing can overwrite a
 *       published version, whatever the client does.</li>
 * </ul>
 */
public final class ChartBucketPolicy extends Construct {
    public static final List<String> WRITE_ONCE_SUFFIXES = List.of(".tgz", ".prov");

    /** @param provider the provider of the bucket's region, when it is not the stack's default (the replica's) */
    public record Props(String bucketId, String bucketArn, String distributionArn, Optional<TerraformProvider> provider) {
        public Props(String bucketId, String bucketArn, String distributionArn) {
            this(bucketId, bucketArn, distributionArn, Optional.empty());
        }
    }

    public ChartBucketPolicy(Construct scope, String id, Props props) {
        super(scope, id);
        DataAwsIamPolicyDocument document = DataAwsIamPolicyDocument.Builder.create(this, "document")
                .statement(List.of(
                        PolicyStatements.denyInsecureTransport(props.bucketArn()),
                        allowThisDistribution("AllowCloudFrontReadThroughOac", "s3:GetObject", props.bucketArn() + "/*",
                                props.distributionArn()),
                        allowThisDistribution("AllowCloudFrontListSoMissingIs404", "s3:ListBucket", props.bucketArn(),
                                props.distributionArn()),
                        DataAwsIamPolicyDocumentStatement.builder()
                                .sid("DenyOverwritingChartPackages")
                                .effect("Deny")
                                .principals(List.of(anyone()))
                                .actions(List.of("s3:PutObject"))
                                .resources(WRITE_ONCE_SUFFIXES.stream().map(suffix -> props.bucketArn() + "/*" + suffix).toList())
                                .condition(List.of(condition("Null", "s3:if-none-match", "true")))
                                .build()))
                .build();
        S3BucketPolicy.Builder.create(this, "policy").bucket(props.bucketId()).policy(document.getJson()).build();
        props.provider().ifPresent(region -> AwsProviders.assign(this, region));
    }

    /** CloudFront may do {@code action}, but only on behalf of this distribution (its OAC signs the request). */
    private static DataAwsIamPolicyDocumentStatement allowThisDistribution(String sid, String action, String resource,
                                                                           String distributionArn) {
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid(sid)
                .effect("Allow")
                .principals(List.of(service("cloudfront.amazonaws.com")))
                .actions(List.of(action))
                .resources(List.of(resource))
                .condition(List.of(condition("StringEquals", "AWS:SourceArn", distributionArn)))
                .build();
    }
}
