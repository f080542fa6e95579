package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviewed Terraform JSON of every default stack, in src/test/resources/snapshots/&lt;stack&gt;.tf.json, and of the
 * chart stack in the other configurations a reviewer must see ({@link #CHART_STACK_VARIANTS}, in
 * &lt;stack&gt;.&lt;variant&gt;.tf.json): the defaults are cutover stage parallel, the variant is stage live.
 * Any change to the infrastructure fails here with a per-path diff until the snapshot is updated
 * (and the update reviewed): {@code mvn test -Dtest=SnapshotTest -Dsnapshot.update=true}.
 */
class SnapshotTest {
    static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");
    private static final String UPDATE = "mvn -q test -Dtest=SnapshotTest -Dsnapshot.update=true";
    private static final int MAX_DIFF_LINES = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Overlays whose chart stack is snapshotted too, by variant name. */
    private static final Map<String, String> CHART_STACK_VARIANTS = Map.of("cutover-live", CutoverStagesTest.LIVE_WITH_STAGING);

    /** A snapshot file name and the synthesized stack it must equal. */
    private record Snapshot(String name, Path synthesized) {}

    @TempDir
    static Path dir;
    private static final List<Snapshot> snapshots = new ArrayList<>();

    @BeforeAll
    static void synthesize() {
        SynthApp.Synthesis defaults = Synthesized.all(dir, ConfigLoader.defaults());
        defaults.stacks().forEach(stack -> snapshots.add(new Snapshot(stack + ".tf.json", defaults.stackFile(stack))));
        CHART_STACK_VARIANTS.forEach((variant, overlay) -> {
            ChartHostingConfig config = Synthesized.config(dir, overlay);
            snapshots.add(new Snapshot(config.stackName() + "." + variant + ".tf.json",
                    Synthesized.all(dir, config).stackFile(config.stackName())));
        });
    }

    @Test
    void everyDefaultStackMatchesItsReviewedSnapshot() throws IOException {
        boolean update = Boolean.getBoolean("snapshot.update");
        StringBuilder failures = new StringBuilder();
        assertFalse(snapshots.isEmpty());
        for (Snapshot expected : snapshots) {
            Path snapshot = SNAPSHOTS.resolve(expected.name());
            JsonNode actual = JSON.readTree(expected.synthesized().toFile());
            if (update) {
                Files.createDirectories(SNAPSHOTS);
                Files.writeString(snapshot, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            } else if (!Files.exists(snapshot)) {
                failures.append("\n").append(snapshot).append(" does not exist yet (new stack or variant)\n");
            } else {
                List<String> diff = JsonDiff.between(JSON.readTree(snapshot.toFile()), actual);
                if (!diff.isEmpty()) {
                    failures.append("\n").append(snapshot).append(" differs from the synthesized stack (")
                            .append(diff.size()).append(" paths; - snapshot only, + synthesized only, ~ changed):\n  ")
                            .append(String.join("\n  ", diff.subList(0, Math.min(diff.size(), MAX_DIFF_LINES))))
                            .append(diff.size() > MAX_DIFF_LINES ? "\n  ..." : "").append('\n');
                }
            }
        }
        if (!failures.isEmpty()) {
            fail("The synthesized infrastructure changed." + failures
                    + "\nIf the change is intended, update the snapshots, review `git diff " + SNAPSHOTS + "` and commit it:\n  "
                    + UPDATE);
        }
    }

    @Test
    void snapshotsHoldNothingMachineSpecific() throws IOException {
        List<String> localPaths = List.of(dir.toString(), System.getProperty("user.home"), System.getProperty("user.dir"));
        for (Snapshot snapshot : snapshots) {
            for (Path file : List.of(snapshot.synthesized(), SNAPSHOTS.resolve(snapshot.name()))) {
                String text = Files.readString(file);
                assertFalse(localPaths.stream().anyMatch(text::contains), file + " mentions a local path");
            }
        }
    }
}
