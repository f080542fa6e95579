package io.kube9.charts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code terraform} binary (or a script calling it) in one working directory, offline: providers come from the
 * local mirror ({@link TestTools#terraformCliConfig()}), AWS credentials are S3Mock's dummy keys.
 */
public final class TerraformCli {
    private static final long TIMEOUT_MINUTES = 3;

    private final Path workingDir;
    private final Map<String, String> extraEnv;

    public TerraformCli(Path workingDir, Map<String, String> extraEnv) {
        this.workingDir = workingDir;
        this.extraEnv = Map.copyOf(extraEnv);
    }

    public TerraformCli(Path workingDir) {
        this(workingDir, Map.of());
    }

    /**
     * A {@code -backend-config} file body pointing Terraform's S3 backend at an S3Mock server; the backend block
     * itself (bucket, key, region, encrypt, use_lockfile) stays as in production.
     */
    public static String s3MockBackendConfig(S3MockServer s3) {
        return """
                endpoints                   = { s3 = "%s" }
                use_path_style              = true
                skip_credentials_validation = true
                skip_requesting_account_id  = true
                skip_metadata_api_check     = true
                skip_region_validation      = true
                skip_s3_checksum            = true
                """.formatted(s3.endpoint());
    }

    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Everything Terraform printed, for assertions on messages that may go to either stream. */
        public String output() {
            return stdout + stderr;
        }

        public Result requireExitCode(int expected) {
            if (exitCode != expected) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ", expected " + expected
                        + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr);
            }
            return this;
        }

        public Result requireSuccess() {
            return requireExitCode(0);
        }
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        return exec(command);
    }

    /** {@code terraform init} without the backend (nothing remote is touched): providers from the local mirror. */
    public TerraformCli initWithoutBackend() {
        run("init", "-backend=false", "-input=false", "-no-color").requireSuccess();
        return this;
    }

    /**
     * Starts terraform in the background with its standard input open (e.g. {@code console}, which holds the
     * state lock until its input closes); the caller ends it by closing {@link Process#getOutputStream()}.
     */
    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        return processBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("TF_CLI_CONFIG_FILE", TestTools.terraformCliConfig().toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY);
        env.put("AWS_REGION", S3MockServer.REGION.id());
        env.remove("AWS_PROFILE");
        env.putAll(extraEnv);
        return builder;
    }

    /** Runs any command (e.g. a script that calls terraform) with the same offline environment. */
    public Result exec(List<String> command) {
        ProcessBuilder builder = processBuilder(command);
        try {
            Path out = Files.createTempFile("terraform-", ".out");
            Path err = Files.createTempFile("terraform-", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
                }
                return new Result(command, process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
