package io.kube9.charts.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway OpenPGP signing key made with gpg in a private GNUPGHOME, exported to the legacy
 * keyrings Helm reads: secring.gpg (for `helm package --sign`) and pubring.gpg (for `--verify`).
 */
public final class SigningKey {
    public static final String USER_ID = "kube9 test signing key <test@kube9.invalid>";

    private SigningKey() {}

    /** Returns the directory holding secring.gpg and pubring.gpg. */
    public static Path generate(Path gnupgHome) {
        try {
            Files.createDirectories(gnupgHome, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            gpg(gnupgHome, null, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--quick-gen-key", USER_ID, "rsa2048", "sign", "never");
            gpg(gnupgHome, gnupgHome.resolve("secring.gpg"), "--batch", "--export-secret-keys");
            gpg(gnupgHome, gnupgHome.resolve("pubring.gpg"), "--batch", "--export");
            return gnupgHome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void gpg(Path home, Path output, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(output == null);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        if (output != null) {
            builder.redirectOutput(output.toFile());
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; is gpg installed?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
