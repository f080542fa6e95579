package io.kube9.charts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** "Our" side of every comparison: the project's real publisher code, never a re-implementation. */
public final class OurPublisherSide {
    private OurPublisherSide() {}

    /** The index bytes our publisher writes for the entries of a Helm index (given as JSON). */
    public static byte[] indexAsPublished(byte[] helmIndexJson) {
        // PLACEHOLDER until the publisher lands on main: replace with the publishing codec.
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writeValueAsBytes(mapper.readTree(helmIndexJson));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Publishes one packaged chart into the bucket. */
    public static void publish(S3Client s3, String bucket, Path tgz) {
        // PLACEHOLDER until the publisher lands on main.
        {
            s3.putObject(b -> b.bucket(bucket).key(tgz.getFileName().toString()), RequestBody.fromFile(tgz));
            byte[] index = s3.getObjectAsBytes(b -> b.bucket(bucket).key("index.yaml")).asByteArray();
            try {
                ObjectMapper mapper = new ObjectMapper();
                var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(index);
                String file = tgz.getFileName().toString();
                String version = file.substring("kube9-released-".length(), file.length() - 4);
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("entries")).putArray("kube9-released")
                        .addObject().put("name", "kube9-released").put("version", version);
                byte[] out = mapper.writeValueAsBytes(tree);
                s3.putObject(b -> b.bucket(bucket).key("index.yaml"), RequestBody.fromBytes(out));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** PLACEHOLDER until the publisher lands on main. */
    public static void publishWithCli(java.net.URI endpoint, String bucket, Path tgz) {
        publish(S3Clients.through(endpoint), bucket, tgz);
    }
}
