package io.kube9.charts.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The ECR Public push token against a fake of ECR Public's GetAuthorizationToken API on loopback (the
 * real API is AWS's and unreachable here): the request is the signed JSON 1.1 call the AWS CLI makes
 * (POST /, X-Amz-Target, SigV4 for service ecr-public in us-east-1), the answer's token becomes the
 * registry user and password, and a refusal says which permissions the role needs.
 */
class EcrPublicTokenWithEcrPublicFakeTest {
    private static final StaticCredentialsProvider AWS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLETEST", "not-a-real-secret"));
    private static final String PASSWORD = "eyJwYXlsb2FkIjoidG9rZW4ifQ==";

    private HttpServer fake;
    private final List<Map<String, String>> requests = new ArrayList<>();
    private volatile int status = 200;
    private volatile String answer;

    @BeforeEach
    void startFake() throws IOException {
        answer = "{\"authorizationData\":{\"authorizationToken\":\""
                + Base64.getEncoder().encodeToString(("AWS:" + PASSWORD).getBytes(StandardCharsets.UTF_8))
                + "\",\"expiresAt\":1.7963E9}}";
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getPath(), "body", body,
                        "target", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")),
                        "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                        "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                        "date", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Date"))));
            }
            byte[] response = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        fake.start();
    }

    @AfterEach
    void stopFake() {
        fake.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + fake.getAddress().getPort() + "/");
    }

    @Test
    void theSignedGetAuthorizationTokenCallGivesTheRegistryUserAndPassword() {
        RegistryCredentials.Credential credential = EcrPublicToken.fetch(endpoint(), AWS, Duration.ofSeconds(10));

        assertEquals("AWS", credential.username());
        assertEquals(PASSWORD, credential.password());
        assertFalse(credential.toString().contains(PASSWORD));
        Map<String, String> request = requests.get(0);
        assertEquals("POST", request.get("method"));
        assertEquals("/", request.get("path"));
        assertEquals("{}", request.get("body"));
        assertEquals("SpencerFrontendService.GetAuthorizationToken", request.get("target"));
        assertEquals("application/x-amz-json-1.1", request.get("contentType"));
        String date = request.get("date");
        assertTrue(date.matches("[0-9]{8}T[0-9]{6}Z"), date);
        String authorization = request.get("authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLETEST/" + date.substring(0, 8)
                + "/us-east-1/ecr-public/aws4_request, SignedHeaders="), authorization);
        assertTrue(authorization.contains("x-amz-target") && authorization.matches(".*Signature=[0-9a-f]{64}$"), authorization);
    }

    @Test
    void aRefusalSaysWhichPermissionsThePublisherRoleNeeds() {
        status = 400;
        answer = "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform: ecr-public:GetAuthorizationToken\"}";

        RegistryException refused = assertThrows(RegistryException.class, () -> EcrPublicToken.fetch(endpoint(), AWS, Duration.ofSeconds(10)));

        assertEquals("could not get an ECR Public push token (ecr-public:GetAuthorizationToken at " + endpoint() + "): HTTP 400"
                + " AccessDeniedException User is not authorized to perform: ecr-public:GetAuthorizationToken. The publisher role"
                + " needs ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken (see docs/oci.md)", refused.getMessage());
        assertFalse(refused.isTransient());
    }

    @Test
    void aTokenThatIsNotBase64OfUserAndPasswordIsRefused() {
        for (String token : List.of("not base64!", Base64.getEncoder().encodeToString("AWS".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(":secret".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString("AWS:".getBytes(StandardCharsets.UTF_8)))) {
            answer = "{\"authorizationData\":{\"authorizationToken\":\"" + token + "\"}}";

            RegistryException refused = assertThrows(RegistryException.class,
                    () -> EcrPublicToken.fetch(endpoint(), AWS, Duration.ofSeconds(10)), token);

            assertEquals("could not get an ECR Public push token (ecr-public:GetAuthorizationToken at " + endpoint() + "): the"
                    + " answer holds no authorizationData.authorizationToken of the form base64(USER:PASSWORD)", refused.getMessage());
            assertFalse(refused.isTransient());
        }
    }

    @Test
    void publicEcrAwsWithoutAConfigEntryGetsItsTokenFromAws() {
        String keyBefore = System.setProperty("aws.accessKeyId", "AKIDEXAMPLETEST");
        String secretBefore = System.setProperty("aws.secretAccessKey", "not-a-real-secret");
        try {
            List<String> progress = new ArrayList<>();
            RegistryCredentials.Credential credential = RegistryCredentials.find(EcrPublicToken.HOST, RegistryAccess.defaults()
                    .withEcrPublicEndpoint(endpoint()).withEnvironment(Map.of("HOME", "/nonexistent")), progress::add).orElseThrow();
            assertEquals(PASSWORD, credential.password());
            assertEquals(List.of("oci: credentials for user AWS from ECR Public GetAuthorizationToken"), progress);
        } finally {
            restore("aws.accessKeyId", keyBefore);
            restore("aws.secretAccessKey", secretBefore);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
