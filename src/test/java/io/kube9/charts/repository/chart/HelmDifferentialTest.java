package io.kube9.charts.repository.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kube9.charts.publishing.HelmCommand;
import io.kube9.charts.repository.chart.HelmDifferentialCorpus.Case;
import io.kube9.charts.repository.chart.HelmDifferentialCorpus.Expectation;
import io.kube9.charts.repository.chart.HelmVerdicts.Verdict;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our accept/refuse decision against real Helm 3.17.3 and 4.1.4 on a fixed corpus
 * ({@link HelmDifferentialCorpus}): a chart must be refused when either Helm version refuses to load
 * or render it, and accepted when both do; the metadata we index equals what {@code helm show chart}
 * prints. The cases where we differ on purpose are named in the corpus with their reason, and checked
 * here to differ exactly so. The table of all verdicts is written to target/differential/corpus.md.
 */
class HelmDifferentialTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path work;
    private static List<Case> cases;
    private static Map<Path, Verdict> helm3;
    private static Map<Path, Verdict> helm4;
    private static final List<Path> files = new ArrayList<>();

    @BeforeAll
    static void judgeTheCorpusWithBothHelmVersions() throws Exception {
        HelmCommand create = new HelmCommand(TestTools.helm3(), work.resolve("home-create"));
        create.run("create", work.resolve("base").toString()).assertOk("helm create");
        byte[] helm3Package = packageWith(TestTools.helm3(), "helm3");
        byte[] helm4Package = packageWith(TestTools.helm4(), "helm4");
        cases = new HelmDifferentialCorpus(helm3Package, helm4Package).cases();
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        Set<Path> shown = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            Path file = Files.write(corpus.resolve(i + ".tgz"), cases.get(i).archive());
            files.add(file);
            if (cases.get(i).showChart()) {
                shown.add(file);
            }
        }
        CompletableFuture<Map<Path, Verdict>> three = CompletableFuture.supplyAsync(
                () -> new HelmVerdicts(TestTools.helm3(), work.resolve("home-3")).judge(files, shown));
        helm4 = new HelmVerdicts(TestTools.helm4(), work.resolve("home-4")).judge(files, shown);
        helm3 = three.get();
        writeTable();
    }

    private static byte[] packageWith(Path helm, String label) throws IOException {
        Path out = Files.createDirectories(work.resolve("packaged-" + label));
        new HelmCommand(helm, work.resolve("home-package-" + label)).run("package", work.resolve("base").toString(), "-d", out.toString())
                .assertOk(label + " helm package");
        return Files.readAllBytes(out.resolve("base-0.1.0.tgz"));
    }

    @TestFactory
    Stream<DynamicTest> ourVerdictIsHelms() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case corpusCase = cases.get(i);
            Path file = files.get(i);
            tests.add(DynamicTest.dynamicTest(corpusCase.id(), () -> check(corpusCase, helm3.get(file), helm4.get(file))));
        }
        return tests.stream();
    }

    private static void check(Case corpusCase, Verdict three, Verdict four) {
        Optional<String> refusal = ours(corpusCase);
        boolean helmLoads = three.loads() && four.loads();
        String verdicts = "Helm 3.17: " + describe(three) + "; Helm 4.1: " + describe(four) + "; ours: " + refusal.orElse("accepted");
        Expectation expected = corpusCase.expectation();
        switch (expected.relation()) {
            case STRICTER_THAN_HELM -> {
                assertTrue(helmLoads, "expected both Helm versions to load it (" + expected.reason() + "): " + verdicts);
                assertTrue(refusal.isPresent(), "expected us to refuse it on purpose (" + expected.reason() + "): " + verdicts);
            }
            case MORE_LENIENT_THAN_HELM -> {
                assertTrue(!three.loads() || !four.loads(), "expected Helm to refuse it: " + verdicts);
                assertTrue(refusal.isEmpty(), "expected us to accept it (" + expected.reason() + "): " + verdicts);
            }
            default -> {
                if (helmLoads == refusal.isPresent()) {
                    fail("our verdict differs from Helm's: " + verdicts);
                }
                if (corpusCase.showChart()) {
                    assertTrue(helmLoads, "a case whose metadata is compared must load: " + verdicts);
                    assertSameMetadata(corpusCase, three, "Helm 3.17");
                    assertSameMetadata(corpusCase, four, "Helm 4.1");
                }
            }
        }
    }

    private static Optional<String> ours(Case corpusCase) {
        try {
            new ChartArchiveReader().read("case.tgz", corpusCase.archive(), Optional.empty());
            return Optional.empty();
        } catch (ChartValidationException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private static void assertSameMetadata(Case corpusCase, Verdict helm, String label) {
        ChartArchive ours = new ChartArchiveReader().read("case.tgz", corpusCase.archive(), Optional.empty());
        try {
            assertEquals(normalized(YAML.readTree(helm.metadata())), normalized(ours.metadata()),
                    label + " `helm show chart` and our index metadata differ");
        } catch (IOException e) {
            throw new AssertionError(label + " printed metadata that is not YAML: " + helm.metadata(), e);
        }
    }

    /** Numbers compared by value (YAML reads 1 as an integer where our index holds a JSON number of any type). */
    private static JsonNode normalized(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(field -> copy.set(field.getKey(), normalized(field.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(normalized(element)));
            return copy;
        }
        return node.isNumber() ? JsonNodeFactory.instance.textNode("number " + new BigDecimal(node.asText()).stripTrailingZeros().toPlainString()) : node;
    }

    private static String describe(Verdict verdict) {
        return verdict.loads() ? "loads" : "refuses (" + verdict.error().lines().findFirst().orElse("") + ")";
    }

    private static void writeTable() throws IOException {
        StringBuilder table = new StringBuilder("| case | Helm 3.17 | Helm 4.1 | ours | expected | ms (Helm 3, 4, ours) |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < cases.size(); i++) {
            Case corpusCase = cases.get(i);
            long start = System.nanoTime();
            Optional<String> refusal = ours(corpusCase);
            long ourMillis = (System.nanoTime() - start) / 1_000_000;
            Expectation expectation = corpusCase.expectation();
            String expected = switch (expectation.relation()) {
                case STRICTER_THAN_HELM -> "stricter on purpose: " + expectation.reason();
                case MORE_LENIENT_THAN_HELM -> "more lenient on purpose: " + expectation.reason();
                default -> "same as Helm";
            };
            table.append("| ").append(corpusCase.id()).append(" | ").append(describe(helm3.get(files.get(i))).replace("|", "\\|"))
                    .append(" | ").append(describe(helm4.get(files.get(i))).replace("|", "\\|")).append(" | ")
                    .append(refusal.map(message -> "refuses (" + message + ")").orElse("accepts").replace("|", "\\|"))
                    .append(" | ").append(expected).append(" | ").append(helm3.get(files.get(i)).millis()).append(", ")
                    .append(helm4.get(files.get(i)).millis()).append(", ").append(ourMillis).append(" |\n");
        }
        Path report = Path.of("target/differential/corpus.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
    }
}
