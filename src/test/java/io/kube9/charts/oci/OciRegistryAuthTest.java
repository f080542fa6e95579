package io.kube9.charts.oci;

import io.kube9.charts.repository.OciRepository;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.testing.OciRegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real registry that requires a user (htpasswd): credentials from a Docker config file work, wrong ones are refused. */
class OciRegistryAuthTest {
    private static final String PASSWORD = "pa:ss-w0rd";
    private static OciRegistryServer registry;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        registry = OciRegistryServer.start("kube9", PASSWORD);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private Map<String, UploadStatus> publish(String user, String password, ChartArchive chart, List<String> progress) throws IOException {
        Path config = Files.writeString(work.resolve(user + ".json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        RegistryAccess access = RegistryAccess.defaults().withPlainHttp(true).withRegistryConfig(config)
                .withEnvironment(Map.of("HOME", work.toString()));
        try (RegistryClient client = RegistryClient.connect(OciRepository.parse("oci://" + registry.host() + "/auth"), access, progress::add)) {
            return new OciPublisher(client, RetryPolicy.DEFAULT, progress::add).publish(List.of(chart), Instant.now());
        }
    }

    @Test
    void theConfigFilesCredentialsPushAndTheirSecretIsNeverPrinted() throws IOException {
        List<String> progress = new ArrayList<>();
        ChartArchive chart = OciTestCharts.chart("demo", "1.0.0");

        assertEquals(Map.of(chart.packageKey(), UploadStatus.UPLOADED), publish("kube9", PASSWORD, chart, progress));

        assertEquals(List.of("1.0.0"), registry.tags("auth/demo"));
        assertEquals("oci: credentials for user kube9 from " + work.resolve("kube9.json"), progress.get(0));
        progress.forEach(line -> assertFalse(line.contains(PASSWORD), line));
    }

    @Test
    void wrongCredentialsAreRefusedAtOnceWithWhatToDo() {
        List<String> progress = new ArrayList<>();
        RegistryException refused = assertThrows(RegistryException.class,
                () -> publish("kube9", "wrong", OciTestCharts.chart("demo", "2.0.0"), progress));

        assertFalse(refused.isTransient(), "not retried");
        assertEquals("could not read " + "oci://" + registry.host() + "/auth/demo:2.0.0: " + registry.host() + " refused the"
                + " credentials (HTTP 401). Log in (helm registry login " + registry.host() + ", or docker login) or give --registry-config"
                + " FILE with an auths entry for " + registry.host() + "; see docs/oci.md", refused.getMessage());
        assertEquals(1, progress.size(), "one line (where the credentials came from), no retries: " + progress);
    }
}
