package io.kube9.charts.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.kube9.charts.testing.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A recorded FAKE of the Amazon Athena API (real Athena cannot be reached from here), over real HTTP on a random
 * loopback port with Athena's JSON 1.1 protocol: StartQueryExecution, GetQueryExecution (answering the states a test
 * scripts, then SUCCEEDED, or FAILED with a reason), GetQueryResults (paged, a header row first, as Athena pages) and
 * StopQueryExecution. The results are those of the received query run in DuckDB, with the Glue table replaced by the
 * test's Parquet logs laid out as Hive partitions: what the shared SQL gives there is what the fake answers.
 */
final class RecordedAthenaFake implements AutoCloseable {
    static final String TABLE = "\"kube9_charts_logs\".\"cloudfront_logs\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_ROWS = 4;

    /** A request the fake answered: its operation (X-Amz-Target without the service) and JSON body. */
    record Call(String operation, JsonNode body) {}

    private final Path hivePartitions;
    private final LoopbackHttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Deque<String> states = new ArrayDeque<>();
    private String failureReason;
    private boolean refuseStart;
    private List<List<String>> result;

    RecordedAthenaFake(Path hivePartitions) {
        this.hivePartitions = hivePartitions;
        this.server = LoopbackHttpServer.start(this::handle);
    }

    URI endpoint() {
        return server.url();
    }

    /** The states GetQueryExecution answers before SUCCEEDED (or before FAILED, after {@link #failWith}). */
    RecordedAthenaFake states(String... scripted) {
        states.addAll(List.of(scripted));
        return this;
    }

    RecordedAthenaFake failWith(String reason) {
        failureReason = reason;
        return this;
    }

    RecordedAthenaFake neverFinish() {
        states.add("RUNNING-FOREVER");
        return this;
    }

    RecordedAthenaFake refuseStart() {
        refuseStart = true;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String operation) {
        return calls().stream().filter(call -> call.operation().equals(operation)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        calls.add(new Call(operation, body));
        ObjectNode answer = JSON.createObjectNode();
        int status = 200;
        switch (operation) {
            case "StartQueryExecution" -> {
                if (refuseStart) {
                    status = 400;
                    answer.put("__type", "InvalidRequestException").put("Message", "WorkGroup kube9-charts-stats is disabled.");
                } else {
                    result = run(body.path("QueryString").asText());
                    answer.put("QueryExecutionId", "q-1");
                }
            }
            case "GetQueryExecution" -> {
                String state = states.isEmpty() ? (failureReason == null ? "SUCCEEDED" : "FAILED")
                        : states.peek().equals("RUNNING-FOREVER") ? "RUNNING" : states.pop();
                ObjectNode statusNode = answer.putObject("QueryExecution").put("QueryExecutionId", "q-1").putObject("Status");
                statusNode.put("State", state);
                if (state.equals("FAILED")) {
                    statusNode.put("StateChangeReason", failureReason);
                }
            }
            case "GetQueryResults" -> page(answer, body.path("NextToken").asText("0"));
            case "StopQueryExecution" -> { }
            default -> {
                status = 400;
                answer.put("__type", "UnknownOperationException");
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        LoopbackHttpServer.respond(exchange, status, JSON.writeValueAsBytes(answer));
    }

    /** Rows from {@code token} (a row offset; the first page starts with the header row, as Athena's does). */
    private void page(ObjectNode answer, String token) {
        int from = Integer.parseInt(token.isEmpty() ? "0" : token);
        ArrayNode rows = answer.putObject("ResultSet").putArray("Rows");
        for (List<String> row : result.subList(from, Math.min(result.size(), from + PAGE_ROWS))) {
            ArrayNode data = rows.addObject().putArray("Data");
            row.forEach(value -> data.addObject().put("VarCharValue", value));
        }
        if (from + PAGE_ROWS < result.size()) {
            answer.put("NextToken", String.valueOf(from + PAGE_ROWS));
        }
    }

    private List<List<String>> run(String query) {
        if (!query.contains(TABLE)) {
            throw new IllegalStateException("the query does not read " + TABLE + ": " + query);
        }
        String logs = "read_parquet('" + hivePartitions + "/*/*/*/*/*.parquet', hive_partitioning = true, union_by_name = true)";
        List<List<String>> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(query.replace(TABLE, logs))) {
            int columns = result.getMetaData().getColumnCount();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                header.add(result.getMetaData().getColumnLabel(i));
            }
            rows.add(header);
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Override
    public void close() {
        server.close();
    }
}
