package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of `import`, as a separate OS process, mid-copy and at the index write: the fault proxy holds
 * the request (before S3 applies it, or after) and the test kills the process while it waits. The
 * repository then satisfies its invariants, and re-running the same command completes the import.
 * Outcomes go to {@code target/reliability/import-crashes.md}.
 */
class ImportCrashWithRecordedCloudFrontFakeTest {
    private static final OutcomeTable OUTCOMES = new OutcomeTable("import-crashes.md", "killed while", "the killed run had",
            "re-run reported");
    private static final AtomicInteger CASES = new AtomicInteger();

    @TempDir
    static Path work;
    private static ProxiedRepository services;
    private static LegacySource legacy;

    @BeforeAll
    static void start() {
        services = new ProxiedRepository(FaultProxy.DEFAULT_SLOW_RESPONSE_DELAY);
        legacy = new LegacySource(work);
        S3MockServer.useCredentialsInThisJvm();
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.write("");
        legacy.close();
        services.close();
    }

    /** The held request: the second package upload (others are under way in parallel), or the index write. */
    record KillPoint(String label, Rule rule) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<KillPoint> killPoints() {
        return Stream.of(
                new KillPoint("uploading the second package (before S3 applied it)", Rule.nth("PUT", ".tgz", 2, Fault.HOLD)),
                new KillPoint("uploading the second package (after S3 applied it)", Rule.nth("PUT", ".tgz", 2, Fault.HOLD_AFTER_APPLYING)),
                new KillPoint("writing the index (after S3 applied it)", Rule.once("PUT", "/index.yaml", Fault.HOLD_AFTER_APPLYING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void aKilledImportLeavesAConsistentRepositoryAndTheReRunCompletesIt(KillPoint kill) throws Exception {
        ProxiedRepository.Repository repository = services.create("import-crash-" + CASES.incrementAndGet());
        List<String> arguments = services.cliArguments(repository, "import", "--from-url", legacy.front.url(), "--repo-name", "test");

        services.resetFaults();
        CliProcess.killWhileHeld(services.s3Proxy, kill.rule(), List.of(), arguments, Files.createTempDirectory(work, "logs-"));
        RepositoryState afterKill = services.state(repository.bucket());
        afterKill.assertInvariants(repository.before());

        services.resetFaults();
        CliRun reRun = CliRun.of(arguments);
        assertEquals(0, reRun.exitCode(), () -> "re-run failed: " + reRun.out() + reRun.err());
        services.state(repository.bucket()).assertInvariants(afterKill);
        legacy.assertImportedInto(services, repository);
        long stored = afterKill.objects().keySet().stream().filter(key -> key.startsWith("kube9-operator-") && key.endsWith(".tgz")).count();
        boolean indexed = afterKill.entries().stream().anyMatch(entry -> entry.name().equals("kube9-operator"));
        String report = reRun.out();
        if (indexed) {
            assertEquals(5, report.lines().filter(line -> line.startsWith("already imported  kube9-operator ")).count(), report);
        } else {
            assertEquals(stored, report.lines().filter(line -> line.endsWith(": the package was already stored here")).count(),
                    () -> "the re-run must say which packages the killed run had stored:\n" + report);
        }
        OUTCOMES.add(kill.label(), stored + " packages stored, index " + (indexed ? "written" : "not written"), OutcomeTable.cell(report));
    }
}
