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
 * logs (the delivered subset, all {@code string}). Partitions are projected, never crawled or added: the integers
 * {@code year} ({@link #FIRST_YEAR} to {@link #LAST_YEAR}, so the range does not run out), {@code month}, {@code day}
 * and {@code hour} ({@code 00} to {@code 23}), written with the digits of the delivery's suffix path
 * {@code {yyyy}/{MM}/{dd}/{HH}}, as the Athena User Guide's table for v2 Parquet logs has them. A query names the days it
 * reads ({@code WHERE year = 2026 AND month = 12 AND day IN (6, 7)}, the stats command's predicate) and scans only their
 * objects; projection enumerates only the values the predicate allows, so the wide year range costs nothing.
 */
public final class RequestLogTable extends Construct {
    /** The Parquet column of each delivered record field (Athena User Guide, CloudFront v2 Parquet table). */
    public static final Map<String, String> COLUMN_OF_FIELD = columns();
    /** Before the first delivery of any environment; days without objects cost nothing to project. */
    public static final int FIRST_YEAR = 2025;
    public static final int LAST_YEAR = 9999;
    /** Each partition: its projected integer range and digits, in the order of the delivery's folders. */
    public static final Map<String, String[]> PARTITIONS = partitions();

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
                .partitionKeys(PARTITIONS.keySet().stream()
                        .map(name -> GlueCatalogTablePartitionKeys.builder().name(name).type("int").build()).toList())
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

    private static Map<String, String[]> partitions() {
        Map<String, String[]> partitions = new LinkedHashMap<>();
        partitions.put("year", new String[] {FIRST_YEAR + "," + LAST_YEAR, "4"});
        partitions.put("month", new String[] {"1,12", "2"});
        partitions.put("day", new String[] {"1,31", "2"});
        partitions.put("hour", new String[] {"0,23", "2"});
        return Collections.unmodifiableMap(partitions);
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
        PARTITIONS.forEach((name, rangeAndDigits) -> {
            parameters.put("projection." + name + ".type", "integer");
            parameters.put("projection." + name + ".range", rangeAndDigits[0]);
            parameters.put("projection." + name + ".digits", rangeAndDigits[1]);
        });
        parameters.put("storage.location.template", location + PARTITIONS.keySet().stream()
                .map(name -> "$${" + name + "}/").collect(java.util.stream.Collectors.joining()));
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
