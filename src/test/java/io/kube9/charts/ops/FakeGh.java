package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A FAKE of the GitHub CLI on PATH, for the scripts that talk to GitHub (which cannot be reached here). It logs every
 * call to {@code calls} and keeps GitHub's side in files under its directory:
 * <ul>
 *   <li>issues: {@code open} holds the number of the open issue; the last {@code --body-file} is copied to {@code body};</li>
 *   <li>releases: {@code releases/TAG/} holds a release's assets and its {@code notes.md};</li>
 *   <li>attestations: {@code attested} has one line {@code SHA256 SOURCE_DIGEST SIGNER_WORKFLOW} per attested artifact,
 *       and {@code gh attestation verify FILE --repo R --signer-workflow W --source-digest D} passes only for such a line;</li>
 *   <li>{@code fail}: when present, every call fails as with bad credentials.</li>
 * </ul>
 */
final class FakeGh {
    static final String SCRIPT = """
            #!/usr/bin/env bash
            set -euo pipefail
            echo "$*" >> "$FAKE_GH_DIR/calls"
            [ -f "$FAKE_GH_DIR/fail" ] && { echo "gh: HTTP 401: Bad credentials" >&2; exit 1; }
            option() { # the value of option $1 among the remaining arguments
              local name="$1"; shift
              while [ $# -gt 0 ]; do [ "$1" = "$name" ] && { echo "$2"; return; }; shift; done
            }
            case "$1 $2" in
              "issue list") [ -f "$FAKE_GH_DIR/open" ] && cat "$FAKE_GH_DIR/open"; true ;;
              "issue create") echo 7 > "$FAKE_GH_DIR/open"; echo "https://github.com/o/r/issues/7" ;;
              "issue close") rm -f "$FAKE_GH_DIR/open" ;;
              "release view") [ -d "$FAKE_GH_DIR/releases/$3" ] || { echo "release not found" >&2; exit 1; } ;;
              "release create")
                release="$FAKE_GH_DIR/releases/$3"; mkdir -p "$release"; shift 3
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --notes-file) cp "$2" "$release/notes.md"; shift 2 ;;
                    --repo|--title) shift 2 ;;
                    --*) shift ;;
                    *) cp "$1" "$release/"; shift ;;
                  esac
                done ;;
              "release download")
                release="$FAKE_GH_DIR/releases/$3"
                [ -d "$release" ] || { echo "release not found" >&2; exit 1; }
                dir="$(option --dir "$@")"; mkdir -p "$dir"
                for ((i = 1; i <= $#; i++)); do
                  if [ "${!i}" = "--pattern" ]; then j=$((i + 1)); cp "$release/${!j}" "$dir/"; fi
                done ;;
              "attestation verify")
                digest="$(sha256sum "$3" | cut -d' ' -f1)"
                line="$digest $(option --source-digest "$@") $(option --signer-workflow "$@")"
                grep -qxF "$line" "$FAKE_GH_DIR/attested" 2>/dev/null \\
                  || { echo "Error: no attestation of sha256:$digest matches the given policy" >&2; exit 1; } ;;
              *) ;;
            esac
            for ((i = 1; i <= $#; i++)); do
              if [ "${!i}" = "--body-file" ]; then j=$((i + 1)); cp "${!j}" "$FAKE_GH_DIR/body"; fi
            done
            """;

    record Run(int exitCode, String output) {}

    private final Path bin;
    private final Path dir;

    /** Writes the fake into {@code work}/bin and keeps its state in {@code work}/gh. */
    FakeGh(Path work) {
        try {
            bin = Files.createDirectories(work.resolve("bin"));
            dir = Files.createDirectories(work.resolve("gh"));
            Files.writeString(bin.resolve("gh"), SCRIPT);
            Files.setPosixFilePermissions(bin.resolve("gh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the fake's state (see the class comment). */
    Path state(String name) {
        return dir.resolve(name);
    }

    List<String> calls() {
        try {
            return Files.exists(dir.resolve("calls")) ? Files.readAllLines(dir.resolve("calls")) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} in {@code workDir} with the fake first on PATH and the given variables added. */
    Run run(Path workDir, Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_GH_DIR", dir.toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
