package io.kube9.charts.bench;

import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The AWS CDK v2 side of the synthesis comparison: the benchmark's own TypeScript app with the serving path of the
 * chart hosting stack (resource {@code cdk-app/app.ts}), aws-cdk-lib and the aws-cdk CLI installed from npm into the
 * tool cache on first use, compiled once with tsc (as `npm run build` would; not timed), then synthesized offline:
 * {@code cdk synth -q} without notices, telemetry or version check, its home in the work directory.
 */
final class CdkApp {
    /** What npm installs into the tool cache; versions pinned, so every run measures the same CDK. */
    static final List<String> PACKAGES = List.of("aws-cdk-lib@2.276.0", "aws-cdk@2.1148.1", "constructs@10.5.1",
            "typescript@5.9.3");
    private static final String CACHE_DIRECTORY = "aws-cdk-2.276.0";

    private final Path dir;
    private final Map<String, String> environment;

    private CdkApp(Path dir) {
        this.dir = dir;
        this.environment = Map.of("CDK_DISABLE_VERSION_CHECK", "1", "CDK_DISABLE_CLI_TELEMETRY", "true",
                "CDK_HOME", dir.resolve("cdk-home").toString(), "AWS_EC2_METADATA_DISABLED", "true");
    }

    /** Installs the packages (once per tool cache), writes the app into {@code work/cdk-app} and compiles it. */
    static CdkApp prepare(Path work) {
        Path modules = installed();
        try {
            Path dir = Files.createDirectories(work.resolve("cdk-app"));
            try (InputStream app = CdkApp.class.getResourceAsStream("cdk-app/app.ts")) {
                Files.createDirectories(dir.resolve("bin"));
                Files.write(dir.resolve("bin/app.ts"), app.readAllBytes());
            }
            Files.writeString(dir.resolve("tsconfig.json"), """
                    {"compilerOptions": {"target": "ES2022", "module": "commonjs", "strict": true, "skipLibCheck": true,
                      "outDir": "build", "rootDir": "bin"}}
                    """);
            Files.writeString(dir.resolve("cdk.json"), "{\"app\": \"node build/app.js\", \"versionReporting\": false, \"notices\": false}\n");
            Files.createSymbolicLink(dir.resolve("node_modules"), modules);
            CdkApp cdk = new CdkApp(dir);
            cdk.run(List.of(TestTools.node().toString(), modules.resolve("typescript/bin/tsc").toString(), "-p", "."));
            return cdk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code cdk synth -q}: the CLI runs the app and reads the cloud assembly it wrote to cdk.out. */
    MeasuredProcess.Run synth() {
        return run(List.of(dir.resolve("node_modules/.bin/cdk").toString(), "synth", "-q", "--no-notices"));
    }

    /**
     * {@code cdk synth -q --no-validation}: without the template validation aws-cdk-lib runs on every synth since it
     * bundles @aws/cloudformation-validate (WebAssembly, most of a synth's time here); the work CDK did before that,
     * and closer to what cdktf's synth does (it validates nothing).
     */
    MeasuredProcess.Run synthWithoutValidation() {
        return run(List.of(dir.resolve("node_modules/.bin/cdk").toString(), "synth", "-q", "--no-notices", "--no-validation"));
    }

    /** The CLI alone ({@code cdk --version}): Node and the CLI's bundle. */
    MeasuredProcess.Run cliStart() {
        return run(List.of(dir.resolve("node_modules/.bin/cdk").toString(), "--version"));
    }

    /**
     * The app alone, as the CLI starts it ({@code node build/app.js} with CDK_OUTDIR): aws-cdk-lib's modules and the
     * synthesis, with the built-in template validation or without it ({@code CDK_VALIDATION=false}).
     */
    MeasuredProcess.Run appAlone(boolean validation) {
        Map<String, String> withOutdir = new java.util.HashMap<>(environment);
        withOutdir.put("CDK_OUTDIR", dir.resolve("app-alone.out").toString());
        if (!validation) {
            withOutdir.put("CDK_VALIDATION", "false");
        }
        return MeasuredProcess.run(List.of(TestTools.node().toString(), "build/app.js"), withOutdir, dir);
    }

    /** The synthesized CloudFormation template, for a check that the app made what it should. */
    String template() {
        try {
            return Files.readString(dir.resolve("cdk.out/kube9-charts-production.template.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MeasuredProcess.Run run(List<String> command) {
        return MeasuredProcess.run(command, environment, dir);
    }

    private static Path installed() {
        Path cache = Path.of(System.getenv().getOrDefault("KUBE9_TOOLS_CACHE",
                Path.of(System.getProperty("user.home"), ".cache", "kube9-charts-tools").toString())).resolve(CACHE_DIRECTORY);
        Path modules = cache.resolve("node_modules");
        if (!Files.exists(modules.resolve(".bin/cdk")) || !Files.exists(modules.resolve("typescript/bin/tsc"))) {
            List<String> install = new java.util.ArrayList<>(List.of("npm", "install", "--silent", "--no-audit", "--no-fund",
                    "--prefix", cache.toString()));
            install.addAll(PACKAGES);
            try {
                Files.createDirectories(cache);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MeasuredProcess.run(install, Map.of(), cache);
        }
        return modules;
    }
}
