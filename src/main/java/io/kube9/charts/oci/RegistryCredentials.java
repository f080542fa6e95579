package io.kube9.charts.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.PublishingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials from the files {@code helm registry login} and {@code docker login} write, looked
 * up as Helm does: Helm's registry configuration first ({@code --registry-config FILE}, else
 * {@code $HELM_REGISTRY_CONFIG}, else {@code registry/config.json} in Helm's configuration directory),
 * then Docker's ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}). An
 * {@code auths} entry whose key names the registry host (a scheme and path in the key are ignored, as
 * Docker does) gives a username and password, from {@code auth} (base64 of {@code USER:PASSWORD}) or
 * from {@code username} and {@code password}.
 *
 * <p>Not supported, and refused with what to do instead: credential helpers ({@code credsStore},
 * {@code credHelpers}) and identity tokens ({@code identitytoken}). For ECR Public
 * ({@code public.ecr.aws}) without an entry, a push token comes from AWS ({@link EcrPublicToken}).
 * Secrets never appear in a message.
 */
public final class RegistryCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A username and password (or access token); {@link #toString()} never shows the password. */
    public record Credential(String username, String password, String source) {
        @Override
        public String toString() {
            return "credentials for user " + username + " from " + source;
        }
    }

    /** A configuration file that cannot be used as it is; the message names the file and the field. */
    public static final class InvalidConfigException extends PublishingException {
        InvalidConfigException(String message) {
            super(message);
        }
    }

    private RegistryCredentials() {}

    /** Credentials for {@code host} from the files, else (for ECR Public) from AWS, else none (anonymous). */
    static Optional<Credential> find(String host, RegistryAccess access, Progress progress) {
        Optional<Credential> credential = fromFiles(host, files(access.registryConfig(), access.environment()));
        if (credential.isEmpty() && host.equals(EcrPublicToken.HOST)) {
            credential = Optional.of(EcrPublicToken.fetch(access.ecrPublicEndpoint(), access.callTimeout()));
        }
        progress.line("oci: " + credential.map(Credential::toString).orElse("no credentials for " + host + "; anonymous"));
        return credential;
    }

    /** The files to look in, in order; {@code explicit} ({@code --registry-config}) must exist. */
    static List<Path> files(Path explicit, Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new InvalidConfigException(explicit + ": no such file (given with --registry-config)."
                        + " Give the file `helm registry login` or `docker login` wrote, e.g. ~/.docker/config.json");
            }
            files.add(explicit);
        } else {
            files.add(helmRegistryConfig(env));
        }
        String dockerConfig = env.get("DOCKER_CONFIG");
        files.add(dockerConfig != null && !dockerConfig.isBlank() ? Path.of(dockerConfig, "config.json")
                : home(env).resolve(".docker").resolve("config.json"));
        return files;
    }

    /** Helm's default, as helmpath.ConfigPath("registry/config.json") finds it (Linux and macOS). */
    private static Path helmRegistryConfig(Map<String, String> env) {
        if (present(env, "HELM_REGISTRY_CONFIG")) {
            return Path.of(env.get("HELM_REGISTRY_CONFIG"));
        }
        Path configHome;
        if (present(env, "HELM_CONFIG_HOME")) {
            configHome = Path.of(env.get("HELM_CONFIG_HOME"));
        } else if (present(env, "XDG_CONFIG_HOME")) {
            configHome = Path.of(env.get("XDG_CONFIG_HOME"), "helm");
        } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            configHome = home(env).resolve("Library").resolve("Preferences").resolve("helm");
        } else {
            configHome = home(env).resolve(".config").resolve("helm");
        }
        return configHome.resolve("registry").resolve("config.json");
    }

    private static Path home(Map<String, String> env) {
        return Path.of(present(env, "HOME") ? env.get("HOME") : System.getProperty("user.home"));
    }

    private static boolean present(Map<String, String> env, String variable) {
        return env.get(variable) != null && !env.get(variable).isBlank();
    }

    /** The first file with an entry for the host wins; missing files are skipped. */
    static Optional<Credential> fromFiles(String host, List<Path> files) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Optional<Credential> credential = fromFile(host, file);
            if (credential.isPresent()) {
                return credential;
            }
        }
        return Optional.empty();
    }

    static Optional<Credential> fromFile(String host, Path file) {
        JsonNode config;
        try {
            config = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": is not a registry configuration file (not JSON). Fix it, or log in"
                    + " again with `helm registry login " + host + "` or `docker login " + host + "`");
        }
        if (config == null || !config.isObject()) {
            throw new InvalidConfigException(file + ": is not a registry configuration file (not a JSON object)."
                    + " Fix it, or log in again with `helm registry login " + host + "`");
        }
        Optional<Map.Entry<String, JsonNode>> entry = config.path("auths").properties().stream()
                .filter(auth -> hostOf(auth.getKey()).equalsIgnoreCase(host)).findFirst();
        String field = "auths." + entry.map(Map.Entry::getKey).orElse(host);
        JsonNode auth = entry.map(Map.Entry::getValue).orElse(null);
        if (auth != null && !auth.path("auth").asText("").isEmpty()) {
            return Optional.of(decode(file, field + ".auth", auth.path("auth").asText()));
        }
        if (auth != null && !auth.path("username").asText("").isEmpty() && !auth.path("password").asText("").isEmpty()) {
            return Optional.of(new Credential(auth.path("username").asText(), auth.path("password").asText(), file.toString()));
        }
        if (auth != null && !auth.path("identitytoken").asText("").isEmpty()) {
            throw new InvalidConfigException(file + ": " + field + ".identitytoken: holds an identity (OAuth refresh) token,"
                    + " which this tool does not exchange for a registry token. Fix: log in with a username and a password or"
                    + " access token (e.g. `helm registry login " + host + " --username USER --password-stdin`)");
        }
        String helper = config.path("credHelpers").path(host).asText(auth != null ? config.path("credsStore").asText("") : "");
        if (!helper.isEmpty()) {
            throw new InvalidConfigException(file + ": credentials for " + host + " are kept by the credential helper"
                    + " docker-credential-" + helper + " (credHelpers/credsStore), which this tool does not run. Fix: write a"
                    + " file with {\"auths\": {\"" + host + "\": {\"auth\": \"<base64 of USER:PASSWORD>\"}}} and give it with"
                    + " --registry-config FILE (see docs/oci.md)");
        }
        return Optional.empty();
    }

    /** Docker's ConvertToHostname: "https://ghcr.io/v1/" is the key of "ghcr.io". */
    private static String hostOf(String key) {
        String host = key.replaceFirst("^https?://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    private static Credential decode(Path file, String field, String auth) {
        return fromBase64(auth.trim(), file.toString()).orElseThrow(() -> new InvalidConfigException(file + ": " + field
                + ": is not the base64 of USER:PASSWORD. Fix: log in again (`helm registry login HOST`) or rewrite the entry"));
    }

    /**
     * The credential {@code base64} encodes as {@code USER:PASSWORD} (split at the first colon, neither part
     * empty), or empty when it is not that.
     */
    static Optional<Credential> fromBase64(String base64, String source) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 || colon == decoded.length() - 1 ? Optional.empty()
                : Optional.of(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1), source));
    }
}
