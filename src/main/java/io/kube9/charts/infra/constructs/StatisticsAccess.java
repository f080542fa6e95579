package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;
import static io.kube9.charts.infra.constructs.PolicyStatements.assumeFromWorkflow;
import static io.kube9.charts.infra.constructs.PolicyStatements.condition;
import static io.kube9.charts.infra.constructs.PolicyStatements.deny;
import static io.kube9.charts.infra.constructs.PolicyStatements.invalidateChartCdn;
import static io.kube9.charts.infra.constructs.PolicyStatements.listChartBucket;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import java.util.List;
import java.util.stream.Stream;
import software.constructs.Construct;

/**
 * The role of the daily repository-stats workflow (on main, this project only): it reads the distribution's request
 * logs, keeps its per-day aggregates under the chart bucket's {@link #DAILY_CACHE} (counts only, never expired), runs Athena
 * queries in its workgroup over the Glue table, writes {@link #STATS_OBJECT} and the pages to the chart bucket, and
 * invalidates them. It reads {@code index.yaml} and {@code lifecycle.json} (which versions exist, which are yanked) but
 * can never write a package, a provenance file, the index or the ledger: no Allow covers them and
 * {@link #NEVER_WRITTEN_SID} denies them whatever else is added.
 */
public final class StatisticsAccess extends Construct {
    /** The workflow file in this hosting project, on main. */
    public static final String WORKFLOW = ".github/workflows/repository-stats.yml";
    /** The stats command's per-day counts in the chart bucket (DailyCache), so a runner that keeps nothing reads each day once. */
    public static final String DAILY_CACHE = "stats/daily/*";
    /** What the statistics page and other consumers read: counts only. */
    public static final String STATS_OBJECT = "stats.json";
    /** The pages the stats command refreshes with the new numbers: the landing page and per-chart pages under charts/. */
    public static final List<String> PAGE_OBJECTS = List.of("index.html", "charts/*/index.html");
    /** Read to know which versions exist and which are yanked. */
    public static final List<String> READ_OBJECTS = List.of("index.yaml", "lifecycle.json");
    public static final String NEVER_WRITTEN_SID = "NeverWritePackagesIndexOrLedger";
    public static final List<String> QUERY_ACTIONS = List.of("athena:StartQueryExecution", "athena:GetQueryExecution",
            "athena:GetQueryResults", "athena:StopQueryExecution", "athena:GetWorkGroup");
    public static final List<String> CATALOG_ACTIONS = List.of("glue:GetDatabase", "glue:GetTable", "glue:GetPartitions");

    /**
     * @param subject         the OIDC {@code sub} of jobs on main, e.g. {@code repo:o/r:ref:refs/heads/main}
     * @param jobWorkflowRef  the {@code job_workflow_ref} of {@link #WORKFLOW} on main
     * @param logObjectPrefix the distribution's log folder in the log bucket, {@code AWSLogs/<account>/CloudFront/<id>/}
     * @param glueArns        the Glue catalog, database and table the queries read
     */
    public record Props(String roleName, String subject, String jobWorkflowRef, String oidcProviderArn,
                        String permissionsBoundaryArn, String chartBucketArn, String distributionArn, String logBucketArn,
                        String logObjectPrefix, String resultsBucketArn, String workgroupArn, List<String> glueArns) {}

    private final IamRole role;

    public StatisticsAccess(Construct scope, String id, Props props) {
        super(scope, id);
        role = BoundedGithubRole.create(this, new BoundedGithubRole.Props(props.roleName(),
                "Computes download statistics for " + props.jobWorkflowRef(),
                assumeFromWorkflow("StatsWorkflowOnMain", props.oidcProviderArn(), props.subject(), props.jobWorkflowRef()),
                "repository-stats", permissions(props), props.permissionsBoundaryArn()));
    }

    private static List<DataAwsIamPolicyDocumentStatement> permissions(Props props) {
        String chart = props.chartBucketArn() + "/";
        String logs = props.logBucketArn() + "/";
        return List.of(
                allow("ReadRequestLogs", List.of("s3:GetObject"), List.of(logs + props.logObjectPrefix() + "*")),
                DataAwsIamPolicyDocumentStatement.builder()
                        .sid("ListRequestLogs")
                        .effect("Allow")
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(props.logBucketArn()))
                        .condition(List.of(condition("StringLike", "s3:prefix", List.of(props.logObjectPrefix() + "*"))))
                        .build(),
                // Athena reads the table's objects and writes its results with the caller's own permissions.
                allow("LocateQueriedBuckets", List.of("s3:GetBucketLocation"),
                        List.of(props.logBucketArn(), props.resultsBucketArn())),
                allow("ReadWriteQueryResults", List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload",
                        "s3:ListMultipartUploadParts"), List.of(props.resultsBucketArn() + "/*")),
                allow("ListQueryResults", List.of("s3:ListBucket", "s3:ListBucketMultipartUploads"),
                        List.of(props.resultsBucketArn())),
                allow("RunQueriesInTheStatisticsWorkgroup", QUERY_ACTIONS, List.of(props.workgroupArn())),
                allow("ReadRequestLogTable", CATALOG_ACTIONS, props.glueArns()),
                allow("ReadIndexAndLedger", List.of("s3:GetObject"), READ_OBJECTS.stream().map(chart::concat).toList()),
                allow("ReadWriteStatsAndPages", List.of("s3:GetObject", "s3:PutObject"),
                        Stream.of(Stream.of(STATS_OBJECT, DAILY_CACHE), PAGE_OBJECTS.stream()).flatMap(s -> s).map(chart::concat).toList()),
                listChartBucket(props.chartBucketArn()),
                invalidateChartCdn(props.distributionArn()),
                deny(NEVER_WRITTEN_SID, List.of("s3:PutObject", "s3:DeleteObject"), Stream.concat(
                        ChartBucketPolicy.WRITE_ONCE_SUFFIXES.stream().map(suffix -> chart + "*" + suffix),
                        READ_OBJECTS.stream().map(chart::concat)).toList()));
    }

    /** The Glue catalog, databases and tables of every stack named {@code <namePrefix>*} (with '_'), in any region. */
    static List<String> projectCatalogArns(String account, String namePrefix) {
        String glue = "arn:aws:glue:*:" + account + ":";
        String databases = namePrefix.replace('-', '_') + "*";
        return List.of(glue + "catalog", glue + "database/" + databases, glue + "table/" + databases + "/*");
    }

    /** The Athena workgroups of every stack named {@code <namePrefix>*}, in any region. */
    static String projectWorkgroupArns(String account, String namePrefix) {
        return "arn:aws:athena:*:" + account + ":workgroup/" + namePrefix + "*";
    }

    public String roleArn() {
        return role.getArn();
    }
}
