package io.kube9.charts.stats;

import io.kube9.charts.repository.support.Progress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * The shared query in Amazon Athena over the Glue table of the logs: started in the workgroup, polled with backoff
 * until it ends (progress on stderr), its result read page by page. A query that runs past the timeout, or a run
 * that is interrupted, stops the query (StopQueryExecution) so it is not billed on; a failed query is reported with
 * Athena's reason.
 */
public final class AthenaEngine implements StatisticsEngine {
    /** Sleeps between polls; tests replace it to record the backoff. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final AthenaClient athena;
    private final AthenaSettings settings;
    private final Progress progress;
    private final Sleeper sleeper;

    public AthenaEngine(AthenaClient athena, AthenaSettings settings, Progress progress) {
        this(athena, settings, progress, duration -> Thread.sleep(duration.toMillis()));
    }

    public AthenaEngine(AthenaClient athena, AthenaSettings settings, Progress progress, Sleeper sleeper) {
        this.athena = athena;
        this.settings = settings;
        this.progress = progress;
        this.sleeper = sleeper;
    }

    @Override
    public Map<LocalDate, DayCounts> count(List<LocalDate> days) {
        String query = StatisticsQuery.forDays(settings.qualifiedTable(), days);
        String id;
        try {
            id = athena.startQueryExecution(b -> b.queryString(query).workGroup(settings.workgroup())
                    .queryExecutionContext(c -> c.database(settings.database()))).queryExecutionId();
        } catch (SdkException e) {
            throw new StatisticsException("Athena refused the query in workgroup " + settings.workgroup() + ": " + e.getMessage(), e);
        }
        progress.line("stats: Athena query " + id + " started in workgroup " + settings.workgroup() + " for " + days.size() + " days");
        awaitSuccess(id);
        return QueryRow.perDay(days, results(id));
    }

    private void awaitSuccess(String id) {
        long started = System.nanoTime();
        Duration wait = settings.firstPoll();
        QueryExecutionState last = null;
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (elapsed.compareTo(settings.timeout()) >= 0) {
                stop(id);
                throw new StatisticsException("Athena query " + id + " did not finish within " + settings.timeout()
                        + "; it was stopped. Re-run later, or give --athena-timeout more time");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                stop(id);
                Thread.currentThread().interrupt();
                throw new StatisticsException("interrupted while Athena query " + id + " ran; it was stopped", e);
            }
            wait = wait.multipliedBy(2).compareTo(settings.maxPoll()) > 0 ? settings.maxPoll() : wait.multipliedBy(2);
            QueryExecutionStatus status = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status();
            QueryExecutionState state = status.state();
            if (state != last) {
                progress.line("stats: Athena query " + id + " " + state + " after " + elapsed.toSeconds() + " s");
                last = state;
            }
            switch (state) {
                case SUCCEEDED -> {
                    return;
                }
                case FAILED, CANCELLED -> throw new StatisticsException("Athena query " + id + " " + state + ": "
                        + reason(status));
                default -> { }
            }
        }
    }

    private static String reason(QueryExecutionStatus status) {
        String reason = status.stateChangeReason();
        if (status.athenaError() != null && status.athenaError().errorMessage() != null
                && (reason == null || !reason.contains(status.athenaError().errorMessage()))) {
            reason = (reason == null ? "" : reason + "; ") + status.athenaError().errorMessage();
        }
        return reason == null ? "no reason given" : reason;
    }

    private void stop(String id) {
        try {
            athena.stopQueryExecution(b -> b.queryExecutionId(id));
            progress.line("stats: Athena query " + id + " stopped");
        } catch (SdkException e) {
            progress.line("stats: could not stop Athena query " + id + " (" + e.getMessage() + "); stop it in the console");
        }
    }

    private List<QueryRow> results(String id) {
        List<QueryRow> rows = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        for (GetQueryResultsResponse page : athena.getQueryResultsPaginator(b -> b.queryExecutionId(id))) {
            for (Row row : page.resultSet().rows()) {
                List<String> values = row.data().stream().map(Datum::varCharValue).toList();
                if (columns.isEmpty()) {
                    for (int i = 0; i < values.size(); i++) {
                        columns.put(values.get(i), i);
                    }
                    continue;
                }
                rows.add(new QueryRow(Integer.parseInt(values.get(columns.get("year"))),
                        Integer.parseInt(values.get(columns.get("month"))), Integer.parseInt(values.get(columns.get("day"))),
                        values.get(columns.get("metric")), nullToEmpty(values.get(columns.get("item"))),
                        Long.parseLong(values.get(columns.get("n")))));
            }
        }
        return rows;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
