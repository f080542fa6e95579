package io.kube9.charts.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kube9.charts.oci.RegistryCredentials.Credential;
import io.kube9.charts.oci.RegistryCredentials.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker/Helm registry configuration files, found and read as Helm does; no secret in any message. */
class RegistryCredentialsTest {
    private static final String SECRET = "s3cr:et-password";

    @TempDir
    Path home;

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String relative, String json) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    private Optional<Credential> find(String host, Path explicit, Map<String, String> env) {
        List<String> lines = new ArrayList<>();
        Optional<Credential> found = RegistryCredentials.find(host, RegistryAccess.defaults().withRegistryConfig(explicit)
                .withEnvironment(env), lines::add);
        lines.forEach(line -> assertFalse(line.contains(SECRET), line));
        return found;
    }

    @Test
    void helmsFileComesBeforeDockersAndAnExplicitFileTakesHelmsPlace() throws IOException {
        write(".config/helm/registry/config.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("helm-user", SECRET) + "\"}}}");
        write(".docker/config.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("docker-user", "x") + "\"},"
                + "\"https://index.example.io/v1/\":{\"username\":\"plain\",\"password\":\"" + SECRET + "\"}}}");
        Path explicit = write("ci/config.json", "{\"auths\":{\"http://ghcr.io\":{\"auth\":\"" + auth("ci-user", SECRET) + "\"}}}");
        Map<String, String> env = Map.of("HOME", home.toString());

        assertEquals(new Credential("helm-user", SECRET, home.resolve(".config/helm/registry/config.json").toString()),
                find("ghcr.io", null, env).orElseThrow(), "Helm's file first; the password keeps its ':'");
        assertEquals("ci-user", find("ghcr.io", explicit, env).orElseThrow().username(), "--registry-config replaces Helm's file");
        assertEquals(new Credential("plain", SECRET, home.resolve(".docker/config.json").toString()),
                find("index.example.io", explicit, env).orElseThrow(), "Docker's file after it; scheme and path of a key ignored");
        assertEquals(Optional.empty(), find("quay.io", null, env), "no entry: anonymous");
    }

    @Test
    void theEnvironmentMovesTheDefaultFilesAsItMovesHelmsAndDockers() throws IOException {
        Path helm = write("elsewhere/helm.json", "{\"auths\":{\"a.io\":{\"auth\":\"" + auth("from-helm-registry-config", "p") + "\"}}}");
        write("helm-home/registry/config.json", "{\"auths\":{\"b.io\":{\"auth\":\"" + auth("from-helm-config-home", "p") + "\"}}}");
        write("xdg/helm/registry/config.json", "{\"auths\":{\"c.io\":{\"auth\":\"" + auth("from-xdg", "p") + "\"}}}");
        write("docker-dir/config.json", "{\"auths\":{\"d.io\":{\"auth\":\"" + auth("from-docker-config", "p") + "\"}}}");
        Map<String, String> base = Map.of("HOME", home.toString(), "DOCKER_CONFIG", home.resolve("docker-dir").toString());

        assertEquals("from-helm-registry-config", find("a.io", null, with(base, "HELM_REGISTRY_CONFIG", helm.toString())).orElseThrow().username());
        assertEquals("from-helm-config-home", find("b.io", null, with(base, "HELM_CONFIG_HOME", home.resolve("helm-home").toString()))
                .orElseThrow().username());
        assertEquals("from-xdg", find("c.io", null, with(base, "XDG_CONFIG_HOME", home.resolve("xdg").toString())).orElseThrow().username());
        assertEquals("from-docker-config", find("d.io", null, base).orElseThrow().username());
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    @Test
    void whatCannotBeUsedIsRefusedNamingTheFileAndTheFieldNeverTheSecret() throws IOException {
        Map<String, String> env = Map.of("HOME", home.toString());
        Path notBase64 = write("a.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"%%" + SECRET + "\"}}}");
        Path noColon = write("b.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\""
                + Base64.getEncoder().encodeToString(SECRET.replace(":", "").getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        Path identity = write("c.json", "{\"auths\":{\"ghcr.io\":{\"identitytoken\":\"" + SECRET + "\"}}}");
        Path helper = write("d.json", "{\"auths\":{},\"credHelpers\":{\"ghcr.io\":\"ecr-login\"}}");
        Path store = write("e.json", "{\"auths\":{\"ghcr.io\":{}},\"credsStore\":\"desktop\"}");
        Path notJson = write("f.json", "auths: " + SECRET);

        assertRefused(notBase64 + ": auths.ghcr.io.auth: is not the base64 of USER:PASSWORD. Fix: log in again"
                + " (`helm registry login HOST`) or rewrite the entry", notBase64, env);
        assertRefused(noColon + ": auths.ghcr.io.auth: is not the base64 of USER:PASSWORD. Fix: log in again"
                + " (`helm registry login HOST`) or rewrite the entry", noColon, env);
        assertRefused(identity + ": auths.ghcr.io.identitytoken: holds an identity (OAuth refresh) token, which this tool does not"
                + " exchange for a registry token. Fix: log in with a username and a password or access token (e.g. `helm registry"
                + " login ghcr.io --username USER --password-stdin`)", identity, env);
        String helperFix = " (credHelpers/credsStore), which this tool does not run. Fix: write a file with {\"auths\": {\"ghcr.io\":"
                + " {\"auth\": \"<base64 of USER:PASSWORD>\"}}} and give it with --registry-config FILE (see docs/oci.md)";
        assertRefused(helper + ": credentials for ghcr.io are kept by the credential helper docker-credential-ecr-login" + helperFix,
                helper, env);
        assertRefused(store + ": credentials for ghcr.io are kept by the credential helper docker-credential-desktop" + helperFix,
                store, env);
        assertRefused(notJson + ": is not a registry configuration file (not JSON). Fix it, or log in again with"
                + " `helm registry login ghcr.io` or `docker login ghcr.io`", notJson, env);
        assertRefused(home.resolve("missing.json") + ": no such file (given with --registry-config). Give the file"
                + " `helm registry login` or `docker login` wrote, e.g. ~/.docker/config.json", home.resolve("missing.json"), env);
    }

    private void assertRefused(String message, Path file, Map<String, String> env) {
        InvalidConfigException refused = assertThrows(InvalidConfigException.class, () -> find("ghcr.io", file, env));
        assertEquals(message, refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET));
    }

    @Test
    void aCredentialNeverShowsItsPassword() {
        Credential credential = new Credential("user", SECRET, "/tmp/config.json");
        assertEquals("credentials for user user from /tmp/config.json", credential.toString());
    }
}
