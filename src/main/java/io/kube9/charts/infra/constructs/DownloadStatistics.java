package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import io.kube9.charts.config.StatisticsConfig;
import io.kube9.charts.config.StatisticsNames;
import java.util.List;
import software.constructs.Construct;

/**
 * Everything behind the repository's download statistics: the distribution's request logs delivered as Parquet to a
 * private {@link RequestLogBucket}, the {@link RequestLogTable} over them, the {@link StatisticsWorkgroup} queries run
 * in and, through {@link #workflowRole}, the {@link StatisticsAccess} role of the repository-stats workflow.
 */
public final class DownloadStatistics extends Construct {
    /**
     * @param region the default provider's region, where the buckets, the Glue catalog and the workgroup are
     */
    public record Props(StatisticsNames names, StatisticsConfig settings, String region, String distributionId,
                        String distributionArn, TerraformProvider usEast1) {}

    private final Props props;
    private final String account;
    private final RequestLogBucket logs;
    private final RequestLogTable table;
    private final StatisticsWorkgroup workgroup;

    public DownloadStatistics(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        StatisticsNames names = props.names();
        account = DataAwsCallerIdentity.Builder.create(this, "account").build().getAccountId();
        logs = new RequestLogBucket(this, "request-logs", new RequestLogBucket.Props(names.requestLogBucket(), account,
                CloudFrontLogDelivery.deliverySourceArn(account, names.logDelivery()), props.settings().logRetentionDays()));
        new CloudFrontLogDelivery(this, "log-delivery", new CloudFrontLogDelivery.Props(names.logDelivery(),
                props.distributionArn(), logs.bucketArn(), logs.policy(), props.usEast1()));
        table = new RequestLogTable(this, "log-table", new RequestLogTable.Props(names.glueDatabase(), names.glueTable(),
                "s3://" + logs.bucketName() + "/" + logObjectPrefix()));
        workgroup = new StatisticsWorkgroup(this, "queries", new StatisticsWorkgroup.Props(names.workgroup(),
                names.queryResultsBucket(), props.settings().queryResultRetentionDays(),
                props.settings().bytesScannedCutoffPerQuery()));
    }

    /** {@code AWSLogs/<account>/CloudFront/<distribution id>/}: the delivery's suffix path continues from here. */
    public String logObjectPrefix() {
        return RequestLogBucket.LOG_PREFIX + account + "/CloudFront/" + props.distributionId() + "/";
    }

    /**
     * The role of the repository-stats workflow: {@code subject} and {@code jobWorkflowRef} name its jobs on main.
     */
    public StatisticsAccess workflowRole(String oidcProviderArn, String permissionsBoundaryArn, String subject,
                                         String jobWorkflowRef, String chartBucketArn) {
        String catalog = "arn:aws:glue:" + props.region() + ":" + account + ":catalog";
        return new StatisticsAccess(this, "access", new StatisticsAccess.Props(props.names().roleName(), subject,
                jobWorkflowRef, oidcProviderArn, permissionsBoundaryArn, chartBucketArn, props.distributionArn(),
                logs.bucketArn(), logObjectPrefix(), workgroup.resultsBucketArn(), workgroup.arn(),
                List.of(catalog, table.databaseArn(), table.tableArn())));
    }

    public String logBucketName() {
        return logs.bucketName();
    }

    public String resultsBucketName() {
        return workgroup.resultsBucketName();
    }

    public String glueDatabase() {
        return table.databaseName();
    }

    public String glueTable() {
        return table.tableName();
    }

    public String workgroupName() {
        return workgroup.name();
    }
}
