package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.cli.CliRun;
import io.kube9.charts.migration.RepositoryFront.Origin;
import io.kube9.charts.testing.RecordedCloudFrontFake;
import io.kube9.charts.testing.RecordedCloudFrontFake.AliasMove;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cutover` through the CLI against {@link RecordedCloudFrontFake} (real CloudFront cannot be reached
 * from here): the legacy distribution holds the alias of a loopback front that serves the legacy
 * repository; when the fake moves the alias, the front serves the imported repository instead, as
 * CloudFront would. Covers the AssociateAlias request, the refusal on a difference, the bounded wait,
 * CloudFront's refusals and the rollback.
 */
class CutoverCommandWithRecordedCloudFrontFakeTest {
    static final String ALIAS = "charts.kube9.io";
    static final String OURS = "ENEWCHARTS";
    static final String LEGACY = "ELEGACYCHARTS";
    static final String OUR_DOMAIN = "d111new.cloudfront.net";
    static final String LEGACY_DOMAIN = "d222legacy.cloudfront.net";
    static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/kube9";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path work;
    private static RepositoryFront front;
    private static RepositoryFront legacyOwnDomain;
    private static LegacyRepository legacy;
    private RecordedCloudFrontFake cloudFront;
    private Path repo;

    @BeforeAll
    static void buildLegacyRepository() {
        S3MockServer.useCredentialsInThisJvm();
        front = RepositoryFront.start();
        legacy = LegacyRepository.build(work, front.url());
        legacyOwnDomain = RepositoryFront.start().serve(Origin.legacy(legacy.root()));
    }

    @AfterAll
    static void stop() {
        for (RepositoryFront server : new RepositoryFront[] {front, legacyOwnDomain}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The state before step 7 of docs/cutover.md: the legacy distribution has the alias, ours is imported and has the TXT record. */
    @BeforeEach
    void importAndDeclareTheDistributions() {
        front.serve(Origin.legacy(legacy.root()));
        repo = work.resolve("ours-" + NAMES.incrementAndGet());
        assertEquals(0, CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url())
                .exitCode());
        cloudFront = RecordedCloudFrontFake.start()
                .distribution(OURS, OUR_DOMAIN, CERTIFICATE)
                .distribution(LEGACY, LEGACY_DOMAIN, CERTIFICATE, ALIAS)
                .txtRecord("_" + ALIAS, OUR_DOMAIN, LEGACY_DOMAIN);
        cloudFront.onAliasMoved(move -> front.serve(move.targetDistributionId().equals(OURS) ? Origin.ours(repo) : Origin.legacy(legacy.root())));
    }

    @AfterEach
    void stopCloudFront() {
        cloudFront.close();
    }

    private CliRun cutover(String... extra) {
        List<String> args = new ArrayList<>(List.of("cutover", "--local-dir", repo.toString(), "--repo-url", legacy.url(),
                "--distribution-id", OURS, "--legacy-distribution-id", LEGACY, "--alias", ALIAS, "--public-url", front.url(),
                "--cloudfront-endpoint", cloudFront.endpoint().toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--poll-interval")) {
            args.addAll(List.of("--poll-interval", "0.05"));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void movesTheAliasWaitsUntilThePublicUrlServesThisRepositoryAndRollsBack() {
        CliRun run = cutover("--against", front.url());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(List.of(new AliasMove(OURS, ALIAS, LEGACY)), cloudFront.aliasMoves());
        assertTrue(cloudFront.requests().contains("PUT /2020-05-31/distribution/" + OURS + "/associate-alias"), cloudFront.requests()::toString);
        assertEquals(List.of(ALIAS), cloudFront.aliases(OURS));
        assertEquals(List.of(), cloudFront.aliases(LEGACY));
        assertTrue(run.err().contains("waiting: distribution " + OURS + " is InProgress, " + front.url() + "/index.yaml serves its index"),
                "the wait reports its progress: " + run.err());
        assertTrue(run.out().contains("moved: " + ALIAS + " from " + LEGACY + " to " + OURS + "; served after "), run.out());
        assertTrue(run.out().contains("next: set cutover.stage: live in the configuration, then plan and apply"), run.out());
        assertEquals("ours", front.origin().name());

        CliRun again = cutover("--against", front.url());
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("already moved: " + ALIAS), again.out());
        assertEquals(1, cloudFront.aliasMoves().size(), "a re-run does not move again");

        CliRun rollback = cutover("--rollback", "--against", legacyOwnDomain.url());
        assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
        assertEquals(new AliasMove(LEGACY, ALIAS, OURS), cloudFront.aliasMoves().get(1));
        assertEquals("legacy", front.origin().name());
        assertTrue(rollback.out().contains("next: " + front.url() + " is served by the legacy distribution " + LEGACY + " again"),
                rollback.out());
    }

    @Test
    void refusesAndMovesNothingWhenThisRepositoryLacksALiveVersion() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = (ObjectNode) json.readTree(repo.resolve("index.yaml").toFile());
        ArrayNode versions = (ArrayNode) index.path("entries").path(LegacyRepository.CHART);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).path("version").asText().equals("2.0.0")) {
                versions.remove(i);
            }
        }
        Files.write(repo.resolve("index.yaml"), json.writeValueAsBytes(index));

        CliRun run = cutover("--against", front.url());

        assertEquals(4, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("missing: kube9-operator 2.0.0 is in " + front.url() + "/index.yaml but not in "), run.out());
        assertTrue(run.out().contains("problem: " + repo.toAbsolutePath() + " lacks or differs on 1 version(s) of " + front.url()), run.out());
        assertTrue(run.out().contains("next: fix the problems above; nothing was moved"), run.out());
        assertEquals(List.of(), cloudFront.aliasMoves());
        assertFalse(cloudFront.requests().stream().anyMatch(request -> request.startsWith("PUT ")), cloudFront.requests()::toString);
        assertEquals("legacy", front.origin().name());
    }

    @Test
    void aDryRunChecksEverythingAndMovesNothing() {
        CliRun run = cutover("--against", front.url(), "--dry-run");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("next: would move " + ALIAS + " from " + LEGACY + " to " + OURS + "; run without --dry-run"),
                run.out());
        assertEquals(List.of(), cloudFront.aliasMoves());
        assertEquals(List.of(ALIAS), cloudFront.aliases(LEGACY));
    }

    @Test
    void cloudFrontRefusalsSayWhatToCheckAndMoveNothing() {
        cloudFront.txtRecord("_" + ALIAS, LEGACY_DOMAIN);

        CliRun withoutTxtRecord = cutover("--against", front.url());

        assertEquals(4, withoutTxtRecord.exitCode(), withoutTxtRecord.out() + withoutTxtRecord.err());
        assertEquals("error: CloudFront refused to move " + ALIAS + " to CloudFront distribution " + OURS + " (AssociateAlias):"
                + " InvalidArgument: To associate " + ALIAS + " with " + OURS + ", create a DNS TXT record _" + ALIAS + " whose value is "
                + OUR_DOMAIN + ". Nothing was moved. CloudFront moves an alias only when the target distribution's certificate"
                + " covers it, the DNS TXT record _" + ALIAS + " lists the target's domain name (cutover.stage: parallel creates it),"
                + " and the caller may call cloudfront:AssociateAlias on the target and cloudfront:UpdateDistribution on the"
                + " distribution that has the alias now\n", withoutTxtRecord.err().lines()
                .filter(line -> line.startsWith("error: ")).findFirst().orElse("") + "\n");

        cloudFront.failAssociateAlias(403, "AccessDenied", "User is not authorized to perform cloudfront:AssociateAlias");
        assertEquals(4, cutover("--against", front.url()).exitCode());

        cloudFront.failAssociateAlias(503, "ServiceUnavailable", "CloudFront is unavailable");
        CliRun unavailable = cutover("--against", front.url());
        assertEquals(5, unavailable.exitCode(), unavailable.err());
        assertTrue(unavailable.err().contains("; re-run the same command (it is idempotent)"), unavailable.err());
        assertEquals(List.of(), cloudFront.aliasMoves());
        assertEquals("legacy", front.origin().name());
    }

    @Test
    void aWaitThatRunsOutIsTransientAndTheReRunFinishesIt() {
        RecordedCloudFrontFake slowEdges = cloudFront;
        slowEdges.onAliasMoved(move -> front.serve(Origin.legacy(legacy.root())));

        CliRun run = cutover("--against", front.url(), "--wait-timeout", "1", "--poll-interval", "0.2");

        assertEquals(5, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("error: " + ALIAS + " is on distribution " + OURS + ", but after "), run.err());
        assertTrue(run.err().contains(front.url() + "/index.yaml does not serve its index yet. CloudFront finishes in the background:"
                + " re-run the same command to keep waiting (it sees the alias moved), or move it back with --rollback"), run.err());

        front.serve(Origin.ours(repo));
        CliRun again = cutover("--against", legacyOwnDomain.url());
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("already moved: " + ALIAS), again.out());
        assertEquals(1, cloudFront.aliasMoves().size());
    }
}
