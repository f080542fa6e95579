package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * CloudFront standard logging (v2) of one distribution to an S3 bucket as Parquet: a CloudWatch Logs delivery source
 * ({@code ACCESS_LOGS} of the distribution), an S3 delivery destination and the delivery joining them, all in us-east-1
 * (where CloudFront's log deliveries are managed). The delivery writes only {@link #RECORD_FIELDS} to
 * {@code AWSLogs/<account>/CloudFront/<distribution id>/<yyyy>/<MM>/<dd>/<HH>/} (UTC). The CDKTF bindings lack these
 * resources, so they are {@link PlainTerraformResource}s.
 */
public final class CloudFrontLogDelivery extends Construct {
    /**
     * What the statistics need and nothing more (docs/infrastructure.md, "Logging and statistics"): no cookies, no
     * query strings, no referer, no edge location.
     */
    public static final List<String> RECORD_FIELDS = List.of("date", "time", "cs-method", "cs-uri-stem", "sc-status",
            "sc-bytes", "cs(User-Agent)", "c-ip");
    /** After {@code AWSLogs/<account>/CloudFront/}: one folder per distribution, then the UTC hour the requests were made in. */
    public static final String SUFFIX_PATH = "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}";
    public static final String OUTPUT_FORMAT = "parquet";

    /**
     * @param name           of the delivery source, destination and delivery (unique per account and region)
     * @param afterBucketPolicy the log bucket's policy, which must allow the delivery before it is created
     */
    public record Props(String name, String distributionArn, String bucketArn, ITerraformDependable afterBucketPolicy,
                        TerraformProvider usEast1) {}

    private final TerraformResource delivery;

    public CloudFrontLogDelivery(Construct scope, String id, Props props) {
        super(scope, id);
        TerraformResource source = PlainTerraformResource.create(this, "source", "aws_cloudwatch_log_delivery_source",
                props.usEast1(), Map.of("name", props.name(), "log_type", "ACCESS_LOGS", "resource_arn", props.distributionArn()),
                List.of());
        TerraformResource destination = PlainTerraformResource.create(this, "destination",
                "aws_cloudwatch_log_delivery_destination", props.usEast1(), Map.of(
                        "name", props.name(),
                        "output_format", OUTPUT_FORMAT,
                        "delivery_destination_configuration", List.of(Map.of("destination_resource_arn", props.bucketArn()))),
                List.of(props.afterBucketPolicy()));
        delivery = PlainTerraformResource.create(this, "delivery", "aws_cloudwatch_log_delivery", props.usEast1(), Map.of(
                        "delivery_source_name", source.getStringAttribute("name"),
                        "delivery_destination_arn", destination.getStringAttribute("arn"),
                        "record_fields", RECORD_FIELDS,
                        "s3_delivery_configuration", List.of(Map.of("suffix_path", SUFFIX_PATH, "enable_hive_compatible_path", false))),
                List.of(props.afterBucketPolicy()));
    }

    /** The delivery source ARN pattern in {@code account} a bucket policy names in {@code aws:SourceArn}. */
    public static String deliverySourceArn(String account, String name) {
        return "arn:aws:logs:us-east-1:" + account + ":delivery-source:" + name;
    }

    public String deliveryId() {
        return delivery.getStringAttribute("id");
    }
}
