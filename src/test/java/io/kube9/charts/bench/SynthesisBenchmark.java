package io.kube9.charts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 4: the README's main command ({@code scripts/synth}) cold and warm, in a fresh clone of the committed HEAD,
 * against an equivalent AWS CDK v2 app's {@code cdk synth -q} ({@link CdkApp}), and where the time goes. Cold = no
 * target/ and an empty jsii package cache (JSII_RUNTIME_PACKAGE_CACHE_ROOT); warm = target/synth/ kept, run as the README
 * runs it (no JSII_RUNTIME_PACKAGE_CACHE_ROOT: jsii unpacks its bundled packages into a temporary directory, tens of
 * milliseconds, where loading the AWS provider's assembly from a package cache took 1.7 s more). Cold and warm runs
 * alternate; warm scripts/synth and cdk synth alternate (who goes first rotates), and so do the parts of the profile.
 */
public final class SynthesisBenchmark {
    static final String NOT_MEASURED = "not measured (run `scripts/bench.sh --full`)";
    static final String TITLE = "Synthesis: wall time (s), median (min-max)";
    static final String PROFILE_TITLE = "Where the synthesis time goes (s), median (min-max)";
    private static final String CDK_SYNTH = "`cdk synth -q` (AWS CDK v2, equivalent TypeScript app)";
    private static final String CDK_SYNTH_NO_VALIDATION = "`cdk synth -q --no-validation` (the same app, without"
            + " aws-cdk-lib's built-in template validation)";
    private static final Pattern PROVIDER_REQUIRE =
            Pattern.compile("require\\([^)]*@cdktf/provider-aws/lib/index\\.js\\): ([0-9.]+)(ms|s)");
    /** How scripts/synth starts the JVM (its java_command), for the probe. */
    private static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xlog:disable", "-Xlog:all=error:stderr", "-XX:SharedArchiveFile=target/synth/app.jsa");

    private final BenchMode mode;
    private final Path projectRoot;

    public SynthesisBenchmark(BenchMode mode, Path projectRoot) {
        this.mode = mode;
        this.projectRoot = projectRoot;
    }

    public SectionResult run() {
        MarkdownTable table = new MarkdownTable(TITLE, "Command", "State", "Runs", "Wall s", "Peak RSS MiB (largest process)");
        MarkdownTable profile = new MarkdownTable(PROFILE_TITLE, "Part", "Measured with", "Runs", "s");
        SectionResult result = new SectionResult("4. Synthesis").table(table).table(profile);
        if (mode.synthesisRuns() == 0) {
            table.row("`scripts/synth`", "cold", 0, NOT_MEASURED, "");
            table.row("`scripts/synth`", "warm", 0, NOT_MEASURED, "");
            table.row(CDK_SYNTH, "warm", 0, NOT_MEASURED, "");
            table.row(CDK_SYNTH_NO_VALIDATION, "warm", 0, NOT_MEASURED, "");
            profile.row("all parts", "", 0, NOT_MEASURED);
            return result;
        }
        Path work = TempDirectory.create("bench-synth-");
        try {
            Path clone = FreshClone.of(projectRoot, work);
            Path warmCache = null; // the README's environment: no package cache
            CdkApp cdk = CdkApp.prepare(work);
            synth(clone, warmCache); // builds target/synth/; not counted
            cdk.synth();
            if (!cdk.template().contains("AWS::CloudFront::Distribution")) {
                throw new IllegalStateException("the CDK app synthesized no distribution:\n" + cdk.template());
            }
            Map<String, Samples> seconds = new LinkedHashMap<>();
            Map<String, Samples> memory = new LinkedHashMap<>();
            for (int run = 0; run < mode.synthesisRuns(); run++) {
                TempFiles.deleteRecursively(clone.resolve("target"));
                record(seconds, memory, "cold", synth(clone, work.resolve("jsii-cold-" + run)));
                record(seconds, memory, "warm", synth(clone, warmCache));
            }
            Samples ratio = new Samples();
            Samples ratioWithoutValidation = new Samples();
            for (int run = 0; run < mode.comparisonRuns(); run++) {
                Map<String, MeasuredProcess.Run> round = rotated(run, Map.of(
                        "warm", () -> synth(clone, warmCache), "cdk", cdk::synth,
                        "cdk-no-validation", cdk::synthWithoutValidation));
                round.forEach((key, measured) -> record(seconds, memory, key, measured));
                ratio.add(round.get("warm").seconds() / round.get("cdk").seconds());
                ratioWithoutValidation.add(round.get("warm").seconds() / round.get("cdk-no-validation").seconds());
            }
            table.row("`scripts/synth`", "cold", seconds.get("cold").count(), seconds.get("cold").format("%.2f"),
                    memory.get("cold").format("%.0f"));
            table.row("`scripts/synth`", "warm", seconds.get("warm").count(), seconds.get("warm").format("%.2f"),
                    memory.get("warm").format("%.0f"));
            table.row(CDK_SYNTH, "warm", seconds.get("cdk").count(), seconds.get("cdk").format("%.2f"), memory.get("cdk").format("%.0f"));
            table.row(CDK_SYNTH_NO_VALIDATION, "warm", seconds.get("cdk-no-validation").count(),
                    seconds.get("cdk-no-validation").format("%.2f"), memory.get("cdk-no-validation").format("%.0f"));
            String where = profile(profile, clone, warmCache, cdk, work);
            result.target(new SectionResult.TargetCheck("Warm `scripts/synth` / the AWS CDK app's warm `cdk synth -q`"
                    + " (interleaved)", "<= 1.00", ratio.format("%.2f"), ratio.median() <= 1.0, where));
            result.target(new SectionResult.TargetCheck("Warm `scripts/synth` / the same CDK app's `cdk synth -q"
                    + " --no-validation` (interleaved)", "<= 1.00", ratioWithoutValidation.format("%.2f"),
                    ratioWithoutValidation.median() <= 1.0, where));
        } finally {
            TempFiles.deleteRecursively(work);
        }
        return result.note("Run in a fresh `git clone` of the committed HEAD. Cold = no `target/` (Maven compiles) and an"
                        + " empty jsii package cache (`JSII_RUNTIME_PACKAGE_CACHE_ROOT`), so jsii unpacks the AWS provider"
                        + " bindings again; warm = target/synth/ built (no Maven), in the README command's environment (no"
                        + " `JSII_RUNTIME_PACKAGE_CACHE_ROOT`: jsii unpacks its bundled packages into a temporary directory in"
                        + " tens of milliseconds; with a package cache, loading the AWS provider's assembly took 1.7 s more). One uncounted run first; then"
                        + " cold and warm alternate, and then warm and `cdk synth -q` alternate, who goes first rotating.")
                .note("The CDK app (`src/test/resources/io/kube9/charts/bench/cdk-app/app.ts`) declares the chart stack's"
                        + " serving path with aws-cdk-lib (" + String.join(", ", CdkApp.PACKAGES) + ", installed by npm into the"
                        + " tool cache): the bucket with the same settings, the access-log bucket, the certificate, the OAC"
                        + " distribution with its cache and header policies and viewer-request function, the A/AAAA aliases."
                        + " It is compiled with tsc once (not timed); `cdk synth -q --no-notices` runs offline (version check"
                        + " and telemetry off). scripts/synth synthesizes more: both stacks, the publisher and lifecycle roles."
                        + " aws-cdk-lib validates every template it synthesizes (the bundled @aws/cloudformation-validate,"
                        + " WebAssembly); `--no-validation` turns that off, which is the work CDK did before it and what"
                        + " cdktf does (no validation at synth), so both ratios are shown.")
                .note("Profile: the SynthesisPhases probe runs SynthApp's steps in a fresh JVM started as scripts/synth"
                        + " starts it (its JVM options and class-data archive, the jsii preload) and prints when each ended;"
                        + " `require(@cdktf/provider-aws)` is the jsii kernel's own timing (JSII_DEBUG_TIMING), with the"
                        + " preload and without it (all 1,792 modules at once, as before).");
    }

    /** Each part of the profile in turn, rounds interleaved; returns the summary quoted in the targets' closing note. */
    private String profile(MarkdownTable profile, Path clone, Path cache, CdkApp cdk, Path work) {
        Map<String, Samples> parts = new LinkedHashMap<>();
        for (int run = 0; run < mode.comparisonRuns(); run++) {
            Map<String, MeasuredProcess.Run> round = rotated(run, Map.of(
                    "maven", () -> MeasuredProcess.run(List.of("mvn", "-q", "-B", "-ntp", "compile"), Map.of(), clone),
                    "probe", () -> probe(clone, cache, work, true),
                    "eager", () -> probe(clone, cache, work, false),
                    "node", () -> MeasuredProcess.run(List.of("node", "-e", "0"), Map.of(), work),
                    "cdk-cli", cdk::cliStart,
                    "cdk-app", () -> cdk.appAlone(true),
                    "cdk-app-no-validation", () -> cdk.appAlone(false)));
            add(parts, "maven", round.get("maven").seconds());
            phases(round.get("probe").output()).forEach((phase, value) -> add(parts, phase, value));
            add(parts, "probe total", round.get("probe").seconds());
            add(parts, "require lazy", providerRequire(round.get("probe").output()));
            add(parts, "require eager", providerRequire(round.get("eager").output()));
            add(parts, "eager stacks", phases(round.get("eager").output()).get(SynthesisPhases.STACKS));
            add(parts, "node", round.get("node").seconds());
            add(parts, "cdk-cli", round.get("cdk-cli").seconds());
            add(parts, "cdk-app", round.get("cdk-app").seconds());
            add(parts, "cdk-app-no-validation", round.get("cdk-app-no-validation").seconds());
        }
        String probe = "probe (scripts/synth's JVM)";
        profile.row("Maven start and up-to-date check: what every run paid before the launcher", "`mvn -q -B -ntp compile`",
                parts.get("maven").count(), parts.get("maven").format("%.2f"));
        for (String phase : List.of(SynthesisPhases.JVM_START, SynthesisPhases.JSII_START, SynthesisPhases.STACKS, SynthesisPhases.SYNTH)) {
            profile.row(phase, probe, parts.get(phase).count(), parts.get(phase).format("%.2f"));
        }
        profile.row("... of which `require(@cdktf/provider-aws)`, modules loaded on first use (preload)", "JSII_DEBUG_TIMING",
                parts.get("require lazy").count(), parts.get("require lazy").format("%.2f"));
        profile.row("... without the preload: `require(@cdktf/provider-aws)`, all 1,792 modules", "JSII_DEBUG_TIMING",
                parts.get("require eager").count(), parts.get("require eager").format("%.2f"));
        profile.row("... without the preload: both stacks defined", probe, parts.get("eager stacks").count(),
                parts.get("eager stacks").format("%.2f"));
        profile.row("Whole probe run (wall, JVM exit included)", probe, parts.get("probe total").count(),
                parts.get("probe total").format("%.2f"));
        profile.row("Node start", "`node -e 0`", parts.get("node").count(), parts.get("node").format("%.2f"));
        profile.row("CDK: the CLI alone", "`cdk --version`", parts.get("cdk-cli").count(), parts.get("cdk-cli").format("%.2f"));
        profile.row("CDK: the app alone (aws-cdk-lib modules, synthesis, template validation)", "`node build/app.js`",
                parts.get("cdk-app").count(), parts.get("cdk-app").format("%.2f"));
        profile.row("CDK: the app alone without the template validation", "`CDK_VALIDATION=false node build/app.js`",
                parts.get("cdk-app-no-validation").count(), parts.get("cdk-app-no-validation").format("%.2f"));
        StringBuilder summary = new StringBuilder();
        parts.forEach((part, samples) -> summary.append(summary.length() == 0 ? "" : "; ").append(part).append(' ')
                .append(samples.format("%.2f")));
        return summary.toString();
    }

    /** The probe in the clone: scripts/synth's JVM options, class path and archive, with the jsii preload or without it. */
    private static MeasuredProcess.Run probe(Path clone, Path cache, Path work, boolean preload) {
        try {
            String classPath = "target/synth/app.jar:" + Files.readString(clone.resolve("target/synth/classpath")).trim() + ":"
                    + Path.of(SynthesisPhases.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(LAUNCHER_JVM_OPTIONS);
            command.addAll(List.of("-cp", classPath, SynthesisPhases.class.getName(),
                    Files.createTempDirectory(work, "probe").toString()));
            Map<String, String> environment = new HashMap<>(Map.of("JSII_DEBUG_TIMING", "1",
                    "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20"));
            if (cache != null) {
                environment.put("JSII_RUNTIME_PACKAGE_CACHE_ROOT", cache.toString());
            }
            if (preload) {
                environment.put("NODE_OPTIONS", "--require \"" + clone.resolve("scripts/lib/lazy-provider-exports.cjs") + "\"");
            }
            return MeasuredProcess.run(command, environment, clone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> phases(String output) {
        Map<String, Double> phases = new LinkedHashMap<>();
        output.lines().filter(line -> line.matches("[^=\\[]+=[0-9.E-]+"))
                .forEach(line -> phases.put(line.substring(0, line.indexOf('=')), Double.parseDouble(line.substring(line.indexOf('=') + 1))));
        return phases;
    }

    private static double providerRequire(String output) {
        Matcher matcher = PROVIDER_REQUIRE.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no jsii timing of require(@cdktf/provider-aws) in:\n" + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return matcher.group(2).equals("ms") ? value / 1000 : value;
    }

    /** Runs the measurements in an order that rotates with {@code run}. */
    private static Map<String, MeasuredProcess.Run> rotated(int run, Map<String, Supplier<MeasuredProcess.Run>> measurements) {
        List<String> order = new ArrayList<>(new java.util.TreeSet<>(measurements.keySet()));
        Collections.rotate(order, run);
        Map<String, MeasuredProcess.Run> results = new LinkedHashMap<>();
        order.forEach(key -> results.put(key, measurements.get(key).get()));
        return results;
    }

    private static void record(Map<String, Samples> seconds, Map<String, Samples> memory, String key, MeasuredProcess.Run run) {
        add(seconds, key, run.seconds());
        memory.computeIfAbsent(key, k -> new Samples()).add(run.maxRssMib());
    }

    private static void add(Map<String, Samples> samples, String key, double value) {
        samples.computeIfAbsent(key, k -> new Samples()).add(value);
    }

    /** scripts/synth in the clone, with a jsii package cache or (null) without one, as the README runs it. */
    private static MeasuredProcess.Run synth(Path clone, Path jsiiCache) {
        return MeasuredProcess.run(List.of(clone.resolve("scripts/synth").toString()),
                jsiiCache == null ? Map.of() : Map.of("JSII_RUNTIME_PACKAGE_CACHE_ROOT", jsiiCache.toString()), clone);
    }
}
