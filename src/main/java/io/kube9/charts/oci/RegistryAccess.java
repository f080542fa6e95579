package io.kube9.charts.oci;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach a registry.
 *
 * @param plainHttp          HTTP instead of HTTPS (a local registry without TLS)
 * @param registryConfig     a Docker/Helm registry configuration file read before Docker's own; null for Helm's default
 * @param callTimeout        how long one registry call (a blob upload with its checks, a manifest read) may take
 * @param ecrPublicEndpoint  the ECR Public API to get a push token from (tests); null for AWS's in us-east-1
 * @param environment        where the default configuration files are looked up (HOME, DOCKER_CONFIG, HELM_*)
 */
public record RegistryAccess(boolean plainHttp, Path registryConfig, Duration callTimeout, URI ecrPublicEndpoint,
        Map<String, String> environment) {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

    public static RegistryAccess defaults() {
        return new RegistryAccess(false, null, DEFAULT_CALL_TIMEOUT, null, System.getenv());
    }

    public RegistryAccess withPlainHttp(boolean plain) {
        return new RegistryAccess(plain, registryConfig, callTimeout, ecrPublicEndpoint, environment);
    }

    public RegistryAccess withRegistryConfig(Path file) {
        return new RegistryAccess(plainHttp, file, callTimeout, ecrPublicEndpoint, environment);
    }

    public RegistryAccess withCallTimeout(Duration timeout) {
        return new RegistryAccess(plainHttp, registryConfig, timeout, ecrPublicEndpoint, environment);
    }

    public RegistryAccess withEcrPublicEndpoint(URI endpoint) {
        return new RegistryAccess(plainHttp, registryConfig, callTimeout, endpoint, environment);
    }

    public RegistryAccess withEnvironment(Map<String, String> variables) {
        return new RegistryAccess(plainHttp, registryConfig, callTimeout, ecrPublicEndpoint, Map.copyOf(variables));
    }
}
