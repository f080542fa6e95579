package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.glue_catalog_database.GlueCatalogDatabase;
import com.hashicorp.cdktf.providers.aws.glue_catalog_table.GlueCatalogTable;
import com.hashicorp.cdktf.providers.aws.glue_catalog_table.GlueCatalogTablePartitionKeys;
import com.hashicorp.cdktf.providers.aws.glue_catalog_table.GlueCatalogTableStorageDescriptor;
import com.hashicorp.cdktf.providers.aws.glue_catalog_table.GlueCatalogTableStorageDescriptorColumns;
import com.hashicorp.cdktf.providers.aws.glue_catalog_table.GlueCatalogTableStorageDescriptorSerDeInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The Glue catalog database and table Athena queries the request logs through: the Parquet objects of
 * {@link CloudFrontLogDelivery} under one distribution's folder, with the columns the Athena User Guide gives v2 Parquet
 * logs (the delivered subset, all {@code string}). Partitions are projected, never crawled or added: {@code dt} is the
 * UTC day as {@code yyyy/MM/dd} from {@link #FIRST_DAY} to today ({@code NOW}, so the range never runs out) and
 * {@code hour} is {@code 00} to {@code 23}, exactly the {@code {yyyy}/{MM}/{dd}/{HH}} of the delivery's suffix path.
 * A query names the days it reads ({@code WHERE dt = '2026/12/06'}) and scans only their objects.
 */
public final class RequestLogTable extends Construct {
    /** The Parquet column of each delivered record field (Athena User Guide, CloudFront v2 Parquet table). */
    public static final Map<String, String> COLUMN_OF_FIELD = columns();
    public static final String DAY_PARTITION = "dt";
    public static final String HOUR_PARTITION = "hour";
    public static final String DAY_FORMAT = "yyyy/MM/dd";
    /** Before the first delivery of any environment; days without objects cost nothing to project. */
    public static final String FIRST_DAY = "2025/01/01";

    /** @param location {@code s3://<bucket>/AWSLogs/<account>/CloudFront/<distribution id>/} */
    public record Props(String databaseName, String tableName, String location) {}

    private final GlueCatalogDatabase database;
    private final GlueCatalogTable table;

    public RequestLogTable(Construct scope, String id, Props props) {
        super(scope, id);
        database = GlueCatalogDatabase.Builder.create(this, "database")
                .name(props.databaseName())
                .description("Download statistics: CloudFront request logs of the chart repository")
                .build();
        table = GlueCatalogTable.Builder.create(this, "table")
                .name(props.tableName())
                .databaseName(database.getName())
                .description("CloudFront standard logging v2 (Parquet), partitions projected by UTC day and hour")
                .tableType("EXTERNAL_TABLE")
                .parameters(parameters(props.location()))
                .partitionKeys(List.of(
                        GlueCatalogTablePartitionKeys.builder().name(DAY_PARTITION).type("string").build(),
                        GlueCatalogTablePartitionKeys.builder().name(HOUR_PARTITION).type("string").build()))
                .storageDescriptor(GlueCatalogTableStorageDescriptor.builder()
                        .location(props.location())
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                        .serDeInfo(GlueCatalogTableStorageDescriptorSerDeInfo.builder()
                                .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe").build())
                        .columns(COLUMN_OF_FIELD.values().stream()
                                .map(column -> GlueCatalogTableStorageDescriptorColumns.builder().name(column).type("string").build())
                                .toList())
                        .build())
                .build();
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String field : CloudFrontLogDelivery.RECORD_FIELDS) {
            columns.put(field, field.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("_$", ""));
        }
        return Collections.unmodifiableMap(columns);
    }

    /** Partition projection over the delivery's hourly folders; "$$" keeps Terraform from reading ${...} as its own. */
    private static Map<String, String> parameters(String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        parameters.put("classification", "parquet");
        parameters.put("projection.enabled", "true");
        parameters.put("projection." + DAY_PARTITION + ".type", "date");
        parameters.put("projection." + DAY_PARTITION + ".format", DAY_FORMAT);
        parameters.put("projection." + DAY_PARTITION + ".range", FIRST_DAY + ",NOW");
        parameters.put("projection." + DAY_PARTITION + ".interval", "1");
        parameters.put("projection." + DAY_PARTITION + ".interval.unit", "DAYS");
        parameters.put("projection." + HOUR_PARTITION + ".type", "integer");
        parameters.put("projection." + HOUR_PARTITION + ".range", "0,23");
        parameters.put("projection." + HOUR_PARTITION + ".digits", "2");
        parameters.put("storage.location.template",
                location + "$${" + DAY_PARTITION + "}/$${" + HOUR_PARTITION + "}/");
        return parameters;
    }

    public String databaseName() {
        return database.getName();
    }

    public String databaseArn() {
        return database.getArn();
    }

    public String tableName() {
        return table.getName();
    }

    public String tableArn() {
        return table.getArn();
    }
}
