package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.LoopbackHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `import --from-url` from a source that serves what it likes, on loopback: packages that are no chart or another
 * version, provenance files that vouch for nothing, redirects to the cloud metadata address, and packages large
 * enough that holding them in parallel would not fit the heap of a CLI run with {@code -Xmx256m}.
 */
class ImportTrustsNothingTest {
    private static final String INDEX_ENTRY = "  - {name: %s, version: %s, digest: %s, urls: [%s]}\n";

    @TempDir
    Path work;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final LoopbackHttpServer source = LoopbackHttpServer.start(exchange -> {
        String path = exchange.getRequestURI().getPath();
        String target = redirects.get(path);
        if (target != null) {
            exchange.getResponseHeaders().add("Location", target);
            LoopbackHttpServer.respond(exchange, 302, new byte[0]);
        } else {
            byte[] body = files.get(path);
            LoopbackHttpServer.respond(exchange, body == null ? 404 : 200, body == null ? new byte[0] : body);
        }
    });

    @AfterEach
    void stop() {
        source.close();
    }

    @Test
    void onlyChartArchivesOfTheListedVersionAreImportedAndOnlyProvenanceThatListsThem() throws IOException {
        byte[] good = ChartArchiveBuilder.chart("good", "1.0.0").tgz();
        byte[] otherVersion = ChartArchiveBuilder.chart("liar", "2.0.0").tgz();
        byte[] notAChart = "just some bytes".getBytes(StandardCharsets.UTF_8);
        byte[] signed = ChartArchiveBuilder.chart("signed", "1.0.0").tgz();
        byte[] forged = ChartArchiveBuilder.chart("forged", "1.0.0").tgz();
        serve("/good-1.0.0.tgz", good);
        serve("/liar-1.0.0.tgz", otherVersion);
        serve("/junk-1.0.0.tgz", notAChart);
        serve("/signed-1.0.0.tgz", signed);
        serve("/signed-1.0.0.tgz.prov", provenance("signed-1.0.0.tgz", Sha256.hex(signed)));
        serve("/forged-1.0.0.tgz", forged);
        serve("/forged-1.0.0.tgz.prov", provenance("forged-1.0.0.tgz", "0".repeat(64)));
        redirects.put("/metadata-1.0.0.tgz", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        redirects.put("/mapped-1.0.0.tgz", "http://[::ffff:169.254.169.254]/latest/");
        serveIndex(Map.of("good", good, "liar", otherVersion, "junk", notAChart, "signed", signed, "forged", forged,
                "metadata", good, "mapped", good));
        Path repo = work.resolve("repo");

        CliRun run = CliRun.of("import", "--from-url", source.url().toString(), "--local-dir", repo.toString());

        assertEquals(4, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("invalid           liar 1.0.0: " + source.url() + "/liar-1.0.0.tgz: Chart.yaml version: names liar 2.0.0, but the"
                + " source index lists the package as liar 1.0.0"), out);
        assertTrue(out.matches("(?s).*invalid +junk 1\\.0\\.0: .*junk-1\\.0\\.0\\.tgz.*not imported.*"), out);
        assertTrue(out.contains("invalid           metadata 1.0.0: refused to request http://169.254.169.254/latest/meta-data/iam/security-credentials/:"
                + " 169.254.169.254 is 169.254.169.254, a link-local (cloud metadata) address, which an import never requests"
                + " (redirect 1 from " + source.url() + "/metadata-1.0.0.tgz)"), out);
        assertTrue(out.matches("(?s).*invalid +mapped 1\\.0\\.0: .*link-local \\(cloud metadata\\) address.*"), out);
        assertTrue(out.contains(".prov left out: it lists forged-1.0.0.tgz with sha256:" + "0".repeat(64)
                + ", but the package has sha256:" + Sha256.hex(forged)), out);
        assertTrue(run.err().contains("warning: forged 1.0.0: " + source.url() + "/forged-1.0.0.tgz.prov lists forged-1.0.0.tgz"),
                run.err());
        List<String> stored;
        try (Stream<Path> listing = Files.list(repo)) {
            stored = listing.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tgz")).sorted().toList();
        }
        assertEquals(List.of("forged-1.0.0.tgz", "good-1.0.0.tgz", "signed-1.0.0.tgz", "signed-1.0.0.tgz.prov"), stored);
    }

    @Test
    void largePackagesImportInAHeapOf256MibAndHostileEntriesAreReportedBesideThem() throws IOException {
        Random random = new Random(7);
        Map<String, byte[]> packages = new java.util.TreeMap<>();
        for (String name : List.of("large-a", "large-b", "large-c", "large-d")) {
            ChartArchiveBuilder chart = ChartArchiveBuilder.chart(name, "1.0.0");
            for (int i = 0; i < 15; i++) { // 60 MiB of incompressible data, in files Helm's 5 MiB limit per file allows
                byte[] data = new byte[4 * 1024 * 1024];
                random.nextBytes(data);
                chart.file(name + "/files/data-" + i + ".bin", data);
            }
            packages.put(name, chart.tgz());
            serve("/" + name + "-1.0.0.tgz", packages.get(name));
        }
        byte[] garbage = new byte[50 * 1024 * 1024];
        random.nextBytes(garbage);
        serve("/garbage-1.0.0.tgz", garbage);
        packages.put("garbage", garbage);
        redirects.put("/metadata-1.0.0.tgz", "http://169.254.169.254/");
        packages.put("metadata", packages.get("large-a"));
        serveIndex(packages);
        Path repo = work.resolve("large");

        CliProcess.Result run = CliProcess.run(List.of("-Xmx256m"),
                List.of("import", "--from-url", source.url().toString(), "--local-dir", repo.toString()));

        assertEquals(4, run.exitCode(), run.stderr());
        assertFalse(run.stderr().contains("OutOfMemoryError"), run.stderr());
        for (String name : List.of("large-a", "large-b", "large-c", "large-d")) {
            assertTrue(run.stdout().matches("(?s).*imported +" + name + " 1\\.0\\.0.*"), run.stdout());
            assertEquals(Sha256.hex(packages.get(name)), Sha256.hex(Files.readAllBytes(repo.resolve(name + "-1.0.0.tgz"))));
        }
        assertTrue(run.stdout().matches("(?s).*invalid +garbage 1\\.0\\.0: .*not imported.*"), run.stdout());
        assertTrue(run.stdout().matches("(?s).*invalid +metadata 1\\.0\\.0: .*link-local.*"), run.stdout());
        assertFalse(Files.exists(repo.resolve("garbage-1.0.0.tgz")));
    }

    private void serve(String path, byte[] content) {
        files.put(path, content);
    }

    private void serveIndex(Map<String, byte[]> packages) {
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
        packages.forEach((name, content) -> index.append("  ").append(name).append(":\n")
                .append(INDEX_ENTRY.formatted(name, "1.0.0", Sha256.hex(content), name + "-1.0.0.tgz")));
        files.put("/index.yaml", index.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A provenance file as `helm package --sign` writes it, its signature not a real one (the import does not verify it). */
    private static byte[] provenance(String file, String sha256) {
        return ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: x\nversion: 1.0.0\n\n...\nfiles:\n  " + file + ": sha256:"
                + sha256 + "\n-----BEGIN PGP SIGNATURE-----\n\nwsBcBAEBCgAQ\n-----END PGP SIGNATURE-----\n").getBytes(StandardCharsets.UTF_8);
    }
}
