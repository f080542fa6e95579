package io.kube9.charts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.publishing.TestCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** yank, unyank and deprecate end to end on a local directory repository: parsing, output, exit codes. */
class LifecycleCommandsTest {
    @TempDir
    Path work;
    private Path repo;
    private String digest;

    @BeforeEach
    void publish() throws Exception {
        repo = work.resolve("repo");
        for (String version : new String[] {"1.0.0", "1.1.0"}) {
            Path chart = Files.createDirectories(work.resolve(version)).resolve("demo-" + version + ".tgz");
            Files.write(chart, TestCharts.packageOf("demo", version));
            assertEquals(0, CliRun.of("publish", "--local-dir", repo.toString(), chart.toString()).exitCode());
        }
        digest = Sha256.hex(TestCharts.packageOf("demo", "1.1.0"));
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--local-dir";
        all[args.length + 1] = repo.toString();
        return CliRun.of(all);
    }

    @Test
    void yankAndUnyankSayWhatTheyDid() throws Exception {
        CliRun yank = run("yank", "demo", "1.1.0", "--reason", "breaks upgrades, see #42");

        assertEquals(0, yank.exitCode(), yank.err());
        assertEquals("yanking demo 1.1.0: removed from index.yaml, entry kept in lifecycle.json; the package (sha256 " + digest
                + ") and any provenance file stay in " + repo.toRealPath() + "\nlifecycle.json: written; index.yaml: written (attempts: 1)\n"
                + "index.html: updated\n", yank.out());
        assertTrue(yank.err().contains("lifecycle.json: written (attempt 1)"), yank.err());
        assertFalse(Files.readString(repo.resolve("index.yaml")).contains("1.1.0"));

        CliRun unyank = run("unyank", "demo", "1.1.0");
        assertEquals(0, unyank.exitCode(), unyank.err());
        assertTrue(unyank.out().startsWith("unyanking demo 1.1.0: its entry is back in index.yaml as it was (sha256 " + digest),
                unyank.out());
        assertTrue(Files.readString(repo.resolve("index.yaml")).contains("1.1.0"));
    }

    @Test
    void jsonOutputAndDryRun() throws Exception {
        byte[] index = Files.readAllBytes(repo.resolve("index.yaml"));

        CliRun dryRun = run("yank", "demo", "1.1.0", "--reason", "broken", "--dry-run", "--output", "json");

        assertEquals(0, dryRun.exitCode(), dryRun.err());
        JsonNode report = new ObjectMapper().readTree(dryRun.out());
        assertEquals("yank", report.path("command").asText());
        assertTrue(report.path("dryRun").asBoolean() && report.path("changed").asBoolean(), dryRun.out());
        assertFalse(report.path("indexWritten").asBoolean());
        assertEquals(digest, report.path("entry").path("digest").asText());
        assertEquals(new String(index), Files.readString(repo.resolve("index.yaml")));
        assertFalse(Files.exists(repo.resolve("lifecycle.json")));
    }

    @Test
    void deprecateAndUndo() throws Exception {
        CliRun deprecate = run("deprecate", "demo", "--message", "use kube9-operator instead");
        assertEquals(0, deprecate.exitCode(), deprecate.err());
        assertEquals("deprecating demo: marking 1.1.0, 1.0.0 deprecated: true in index.yaml; recorded in lifecycle.json so later"
                + " versions are marked too\nlifecycle.json: written; index.yaml: written (attempts: 1)\nindex.html: updated\n", deprecate.out());
        assertTrue(Files.readString(repo.resolve("index.html")).contains("use kube9-operator instead"), "the page shows the message");
        assertTrue(Files.readString(repo.resolve("lifecycle.json")).contains("\"message\" : \"use kube9-operator instead\""));

        CliRun undo = run("deprecate", "demo", "--undo");
        assertEquals(0, undo.exitCode(), undo.err());
        assertFalse(Files.readString(repo.resolve("index.yaml")).contains("deprecated"));
    }

    @Test
    void exitCodes() throws Exception {
        CliRun unknown = run("yank", "dmeo", "1.0.0", "--reason", "x");
        assertEquals(3, unknown.exitCode());
        assertTrue(unknown.err().startsWith("error: there is no chart \"dmeo\" in "), unknown.err());

        assertEquals(2, run("yank", "demo", "1.0.0").exitCode(), "--reason is required");
        CliRun blank = run("yank", "demo", "1.0.0", "--reason", " ");
        assertEquals(2, blank.exitCode());
        assertTrue(blank.err().startsWith("Invalid value for option '--reason': it is empty"), blank.err());
        CliRun both = run("deprecate", "demo", "--undo", "--message", "x");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("give --message or --undo, not both"), both.err());

        Files.writeString(repo.resolve("lifecycle.json"), "{");
        CliRun corrupt = run("yank", "demo", "1.0.0", "--reason", "x");
        assertEquals(4, corrupt.exitCode());
        assertTrue(corrupt.err().startsWith("error: " + repo.toRealPath() + "/lifecycle.json cannot be read as the lifecycle"
                + " ledger: it is not valid JSON ("), corrupt.err());
        assertEquals(4, CliRun.of("publish", "--local-dir", repo.toString(), work.resolve("1.0.0/demo-1.0.0.tgz").toString())
                .exitCode(), "publishing refuses a corrupt ledger too");
    }

    @Test
    void helpExplainsTheCommandAndItsExitCodes() {
        CliRun help = CliRun.of("yank", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Nothing is deleted: the package and its .prov stay in the bucket"), help.out());
        assertTrue(help.out().contains("  3   the chart or version is not in the repository; nothing was written"), help.out());
        assertTrue(CliRun.of("--help").out().contains("deprecate"), "listed at the top level");
    }

    @Test
    void onlyTheOciRepositoryOfTheLandingPageIsAnOption() throws Exception {
        for (String command : new String[] {"yank", "unyank", "deprecate"}) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("--oci-repository=oci://HOST[:PORT]/PATH"), help.out());
            assertTrue(help.out().replaceAll("\\s+", " ").contains("nothing is pushed"), help.out());
            for (String pushOnly : new String[] {"--registry-config", "--oci-plain-http", "--ecr-public-endpoint"}) {
                assertFalse(help.out().contains(pushOnly), command + " --help lists " + pushOnly + ":\n" + help.out());
            }
        }
        byte[] index = Files.readAllBytes(repo.resolve("index.yaml"));
        CliRun config = run("yank", "demo", "1.1.0", "--reason", "x", "--registry-config", work.resolve("x").toString());
        assertEquals(2, config.exitCode(), "not silently ignored: " + config.err());
        assertTrue(config.err().startsWith("Unknown option") && config.err().contains("'--registry-config'"), config.err());
        CliRun plain = run("deprecate", "demo", "--oci-plain-http");
        assertEquals(2, plain.exitCode(), plain.err());
        assertTrue(plain.err().startsWith("Unknown option") && plain.err().contains("'--oci-plain-http'"), plain.err());

        CliRun scheme = run("yank", "demo", "1.1.0", "--reason", "x", "--oci-repository", "https://ghcr.io/x");
        assertEquals(2, scheme.exitCode());
        assertTrue(scheme.err().startsWith("Invalid value for option '--oci-repository': https://ghcr.io/x: it does not start with"
                + " oci://. Write it as oci://HOST[:PORT]/PATH"), scheme.err());
        assertEquals(new String(index), Files.readString(repo.resolve("index.yaml")), "nothing was written");
        assertFalse(Files.exists(repo.resolve("lifecycle.json")));

        CliRun yank = run("yank", "demo", "1.1.0", "--reason", "x", "--oci-repository", "oci://ghcr.io/alto9/charts");
        assertEquals(0, yank.exitCode(), yank.err());
        assertTrue(Files.readString(repo.resolve("index.html")).contains("helm install demo oci://ghcr.io/alto9/charts/demo"
                + " --version 1.0.0"), "the page keeps its oci:// install command");
    }
}
