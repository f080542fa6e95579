package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.infra.constructs.ViewerRequestFunction;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed viewer-request code ({@link ViewerRequestFunction#code()}), run by Node against events shaped as
 * CloudFront Functions sends them (event structure 1.0: context, viewer, request with uri, querystring, headers,
 * cookies). S3's REST API decodes a request path like a form (a '+' is a space, %2B is '+'), which
 * {@link URLDecoder} does too: it stands in for the key S3 looks up.
 */
class ViewerRequestFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HARNESS = Path.of("src/test/resources/io/kube9/charts/infra/run-cloudfront-function.cjs");
    /** CloudFront Functions quota: function code of at most 10 KB. */
    private static final int MAX_CODE_BYTES = 10 * 1024;

    @TempDir
    static Path dir;

    @Test
    void rootAndIndexPassUnchanged() throws Exception {
        for (String uri : List.of("/", "/index.yaml", "/index.html", "/kube9-operator-2.4.0.tgz")) {
            assertOnlyUriChanged(event(uri, Map.of()), uri);
        }
    }

    @Test
    void plusInAPackagePathIsSentOnEncodedSoS3FindsTheKey() throws Exception {
        assertOnlyUriChanged(event("/a-1.0.0+build.7.tgz", Map.of()), "/a-1.0.0%2Bbuild.7.tgz");
        assertEquals("/a-1.0.0+build.7.tgz", s3Key("/a-1.0.0%2Bbuild.7.tgz"));
        assertEquals("/a-1.0.0 build.7.tgz", s3Key("/a-1.0.0+build.7.tgz"), "what S3 would look up without the function");
    }

    @Test
    void provenanceFileHelmDerivesFromThePackageUrl() throws Exception {
        assertOnlyUriChanged(event("/a-1.0.0+build.7.tgz.prov", Map.of()), "/a-1.0.0%2Bbuild.7.tgz.prov");
    }

    @Test
    void alreadyEncodedPathsStayAsTheyAre() throws Exception {
        for (String uri : List.of("/a-1.0.0%2Bbuild.7.tgz", "/a-1.0.0%2bbuild.7.tgz", "/a%20b.tgz", "/a%252B.tgz")) {
            assertOnlyUriChanged(event(uri, Map.of()), uri);
        }
    }

    @Test
    void everyPlusIsEncoded() throws Exception {
        assertOnlyUriChanged(event("/charts/a+b/c-1.0.0+build.7+sha.1f2e.tgz", Map.of()), "/charts/a%2Bb/c-1.0.0%2Bbuild.7%2Bsha.1f2e.tgz");
        assertOnlyUriChanged(event("/++", Map.of()), "/%2B%2B");
    }

    @Test
    void queryStringIsLeftAlone() throws Exception {
        ObjectNode event = event("/a-1.0.0+build.7.tgz", Map.of("v", "1+2", "q", "a b", "empty", ""));
        ((ObjectNode) event.path("request").path("querystring")).set("multi", JSON.readTree(
                "{\"value\":\"x+1\",\"multiValue\":[{\"value\":\"x+1\"},{\"value\":\"y+2\"}]}"));
        assertOnlyUriChanged(event, "/a-1.0.0%2Bbuild.7.tgz");
    }

    @Test
    void fitsCloudFrontsFunctionSizeLimit() {
        int size = ViewerRequestFunction.code().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size <= MAX_CODE_BYTES, size + " bytes");
    }

    /** Runs the function on {@code event}; the returned request equals the event's except for the uri. */
    private static void assertOnlyUriChanged(ObjectNode event, String expectedUri) throws Exception {
        JsonNode returned = run(event);
        ObjectNode expected = event.path("request").deepCopy();
        expected.put("uri", expectedUri);
        assertEquals(expected, returned, event.path("request").path("uri").asText());
    }

    /** The key S3's REST API looks up for a request path. */
    private static String s3Key(String uri) {
        return URLDecoder.decode(uri, StandardCharsets.UTF_8);
    }

    /** A viewer-request event as CloudFront Functions passes it (headers lowercase, cookies separate). */
    private static ObjectNode event(String uri, Map<String, String> query) {
        ObjectNode event = JSON.createObjectNode().put("version", "1.0");
        event.putObject("context")
                .put("distributionDomainName", "d111111abcdef8.cloudfront.net")
                .put("distributionId", "EDFDVBD6EXAMPLE")
                .put("eventType", "viewer-request")
                .put("requestId", "EXAMPLEntjQpEXAMPLE_SG5Z-EXAMPLEPmPfEXAMPLEu3EqEXAMPLE==");
        event.putObject("viewer").put("ip", "198.51.100.11");
        ObjectNode request = event.putObject("request").put("method", "GET").put("uri", uri);
        ObjectNode querystring = request.putObject("querystring");
        query.forEach((name, value) -> querystring.putObject(name).put("value", value));
        ObjectNode headers = request.putObject("headers");
        headers.putObject("host").put("value", "charts.kube9.io");
        headers.putObject("user-agent").put("value", "Helm/3.17.3");
        headers.putObject("accept").put("value", "*/*");
        headers.putObject("accept-encoding").put("value", "gzip");
        request.putObject("cookies");
        return event;
    }

    private static JsonNode run(ObjectNode event) throws IOException, InterruptedException {
        Path code = dir.resolve("viewer-request.js");
        Files.writeString(code, ViewerRequestFunction.code());
        Process node = new ProcessBuilder(TestTools.node().toString(), HARNESS.toString(), code.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ArrayNode events = JSON.createArrayNode().add(event);
        try (OutputStream in = node.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(events));
        }
        byte[] out = node.getInputStream().readAllBytes();
        assertTrue(node.waitFor(1, TimeUnit.MINUTES), "node did not finish");
        assertEquals(0, node.exitValue(), "node failed: " + new String(out, StandardCharsets.UTF_8));
        JsonNode results = JSON.readTree(out);
        assertEquals(1, results.size());
        return results.get(0);
    }
}
