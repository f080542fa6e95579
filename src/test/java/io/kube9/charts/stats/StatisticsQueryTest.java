package io.kube9.charts.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one place the two dialects differ: the table expression; the partition predicate is the same text in both. */
class StatisticsQueryTest {
    @Test
    void thePartitionPredicateHasOneTermPerMonthWithItsDays() {
        List<LocalDate> days = LocalDate.of(2026, 12, 30).datesUntil(LocalDate.of(2027, 1, 3)).toList();

        assertEquals("((year = 2026 AND month = 12 AND day IN (30, 31)) OR (year = 2027 AND month = 1 AND day IN (1, 2)))",
                StatisticsQuery.partitionPredicate(days));
    }

    @Test
    void onlyTheTableExpressionDiffersBetweenAthenaAndDuckDb() {
        List<LocalDate> days = List.of(LocalDate.of(2026, 12, 6));
        String athena = StatisticsQuery.forDays(new AthenaSettings("db", "logs", "wg", Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5)).qualifiedTable(), days);
        String duckdb = StatisticsQuery.forDays("read_parquet('x/*.parquet', hive_partitioning = true)", days);

        assertEquals(athena.replace("\"db\".\"logs\"", "read_parquet('x/*.parquet', hive_partitioning = true)"), duckdb);
        assertTrue(athena.contains("FROM \"db\".\"logs\"\n    WHERE ((year = 2026 AND month = 12 AND day IN (6)))"), athena);
        assertFalse(athena.contains("{{"), athena);
        assertThrows(IllegalArgumentException.class, () -> StatisticsQuery.forDays("t", List.of()));
    }

    @Test
    void athenaNamesAreCheckedSoTheQuotingCannotBeEscaped() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AthenaSettings("db\"; --",
                "logs", "wg", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        assertEquals("--athena-database must be letters, digits, '_' or '-', got: db\"; --", refused.getMessage());
    }
}
