package io.kube9.charts.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * A push token for ECR Public ({@code public.ecr.aws}) from the caller's AWS credentials (in CI the
 * publisher role): {@code ecr-public:GetAuthorizationToken} in us-east-1, the one region ECR Public's
 * API lives in (it also needs {@code sts:GetServiceBearerToken}). The AWS SDK's ecrpublic module does
 * not resolve here (not at 2.44.4, nor at the pinned 2.59.1), so this one JSON call is made with the SDK's own
 * SigV4 signer, credential chain and HTTP client. The token is valid for 12 hours.
 */
final class EcrPublicToken {
    static final String HOST = "public.ecr.aws";
    static final URI ENDPOINT = URI.create("https://api.ecr-public.us-east-1.amazonaws.com/");
    static final String TARGET = "SpencerFrontendService.GetAuthorizationToken";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private EcrPublicToken() {}

    static RegistryCredentials.Credential fetch(URI endpoint, Duration timeout) {
        try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
            return fetch(endpoint == null ? ENDPOINT : endpoint, credentials, timeout);
        }
    }

    static RegistryCredentials.Credential fetch(URI endpoint, AwsCredentialsProvider credentials, Duration timeout) {
        String what = "could not get an ECR Public push token (ecr-public:GetAuthorizationToken at " + endpoint + ")";
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .build();
        try (SdkHttpClient http = ApacheHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build()) {
            SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                    .identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(BODY))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecr-public")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
            ExecutableHttpRequest call = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElseThrow()).build());
            HttpExecuteResponse response = call.call();
            byte[] body;
            try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                body = in.readNBytes(1024 * 1024);
            }
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                throw new RegistryException(what + ": HTTP " + status + " " + awsError(body) + ". The publisher role needs"
                        + " ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken (see docs/oci.md)", status >= 500, null);
            }
            return credential(body, what);
        } catch (SdkException e) {
            throw new RegistryException(what + ": " + e.getMessage() + ". Run with AWS credentials (in CI the publisher role)",
                    e.retryable(), e);
        } catch (IOException e) {
            throw new RegistryException(what + ": " + e.getMessage(), true, e);
        }
    }

    /** The token is base64 of {@code AWS:<password>}, like ECR's docker login password. */
    private static RegistryCredentials.Credential credential(byte[] body, String what) {
        try {
            String token = JSON.readTree(body).path("authorizationData").path("authorizationToken").asText("");
            Optional<RegistryCredentials.Credential> credential =
                    RegistryCredentials.fromBase64(token, "ECR Public GetAuthorizationToken");
            if (credential.isPresent()) {
                return credential.get();
            }
        } catch (IOException e) {
            // answered below
        }
        throw new RegistryException(what + ": the answer holds no authorizationData.authorizationToken of the form"
                + " base64(USER:PASSWORD)", false, null);
    }

    /** AWS JSON errors: {"__type": "AccessDeniedException", "message": "..."} (no secrets in them). */
    private static String awsError(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body);
            String type = error.path("__type").asText("");
            String message = error.path("message").asText(error.path("Message").asText(""));
            return (type.substring(type.lastIndexOf('#') + 1) + " " + message).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
