package io.kube9.charts.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3MockServerTest {
    @Test
    void conditionalPutIsEnforcedByTheRealS3Server() {
        try (S3MockServer s3 = S3MockServer.start("probe"); var client = s3.client()) {
            client.putObject(b -> b.bucket("probe").key("a.tgz").ifNoneMatch("*"), RequestBody.fromString("one"));
            S3Exception second = assertThrows(S3Exception.class, () ->
                    client.putObject(b -> b.bucket("probe").key("a.tgz").ifNoneMatch("*"), RequestBody.fromString("two")));
            assertEquals(412, second.statusCode());
            String etag = client.headObject(b -> b.bucket("probe").key("a.tgz")).eTag();
            S3Exception stale = assertThrows(S3Exception.class, () ->
                    client.putObject(b -> b.bucket("probe").key("a.tgz").ifMatch("\"0000\""), RequestBody.fromString("three")));
            assertEquals(412, stale.statusCode());
            client.putObject(b -> b.bucket("probe").key("a.tgz").ifMatch(etag), RequestBody.fromString("four"));
            assertEquals("four", client.getObjectAsBytes(b -> b.bucket("probe").key("a.tgz")).asUtf8String());
        }
    }
}
