package io.kube9.charts.bench;

import io.kube9.charts.testing.S3MockServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** S3 clients for the benchmark's flows, pointed at the counting proxy in front of S3Mock. */
final class S3Clients {
    private S3Clients() {}

    static S3Client through(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(S3MockServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
