package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviewed Terraform JSON of every default stack, in src/test/resources/snapshots/&lt;stack&gt;.tf.json.
 * Any change to the infrastructure fails here with a per-path diff until the snapshot is updated
 * (and the update reviewed): {@code mvn test -Dtest=SnapshotTest -Dsnapshot.update=true}.
 */
class SnapshotTest {
    static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");
    private static final String UPDATE = "mvn -q test -Dtest=SnapshotTest -Dsnapshot.update=true";
    private static final int MAX_DIFF_LINES = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static SynthApp.Synthesis synthesis;

    @BeforeAll
    static void synthesize() {
        synthesis = Synthesized.all(dir, ConfigLoader.defaults());
    }

    @Test
    void everyDefaultStackMatchesItsReviewedSnapshot() throws IOException {
        boolean update = Boolean.getBoolean("snapshot.update");
        StringBuilder failures = new StringBuilder();
        assertFalse(synthesis.stacks().isEmpty());
        for (String stack : synthesis.stacks()) {
            Path snapshot = SNAPSHOTS.resolve(stack + ".tf.json");
            JsonNode actual = JSON.readTree(synthesis.stackFile(stack).toFile());
            if (update) {
                Files.createDirectories(SNAPSHOTS);
                Files.writeString(snapshot, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            } else if (!Files.exists(snapshot)) {
                failures.append("\n").append(snapshot).append(" does not exist yet (new stack ").append(stack).append(")\n");
            } else {
                List<String> diff = JsonDiff.between(JSON.readTree(snapshot.toFile()), actual);
                if (!diff.isEmpty()) {
                    failures.append("\n").append(snapshot).append(" differs from the synthesized ").append(stack).append(" (")
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
        for (String stack : synthesis.stacks()) {
            for (Path file : List.of(synthesis.stackFile(stack), SNAPSHOTS.resolve(stack + ".tf.json"))) {
                String text = Files.readString(file);
                assertFalse(localPaths.stream().anyMatch(text::contains), file + " mentions a local path");
            }
        }
    }
}
