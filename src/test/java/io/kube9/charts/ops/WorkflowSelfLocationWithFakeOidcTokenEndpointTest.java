package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first step of publish-charts.yml (id: self), which finds the workflow's own repository and commit in the
 * OIDC token's job_workflow_ref and job_workflow_sha claims, run as written in the workflow against a FAKE of
 * GitHub's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL) that answers with an unsigned token of chosen claims:
 * GitHub's real token service and its signatures are not reachable here, and the step does not check signatures
 * (it only reads where it was called from; AWS checks the real token's claims).
 */
class WorkflowSelfLocationWithFakeOidcTokenEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_TOKEN = "request-token-stand-in";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private record Step(int exitCode, String output, String githubOutput) {}

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String script() throws IOException {
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(Path.of(".github/workflows/publish-charts.yml").toFile());
        for (JsonNode step : workflow.path("jobs").path("publish").path("steps")) {
            if (step.path("id").asText().equals("self")) {
                return step.path("run").asText();
            }
        }
        throw new AssertionError("publish-charts.yml has no step with id self");
    }

    /** An unsigned JWT with these claims, in this order. */
    private static String token(Map<String, String> claims) throws IOException {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String payload = url.encodeToString(JSON.writeValueAsBytes(claims));
        return url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".c2lnbmF0dXJl";
    }

    private String serve(String jwt) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = JSON.writeValueAsBytes(Map.of("count", 1, "value", jwt));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/_apis/token?api-version=2.0";
    }

    private Step run(String requestUrl) throws Exception {
        return run(requestUrl, "refs/tags/v2.4.1");
    }

    private Step run(String requestUrl, String ref) throws Exception {
        Path githubOutput = Files.createFile(dir.resolve("github-output-" + System.nanoTime()));
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", script()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", TestTools.jq().getParent() + ":/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("GITHUB_OUTPUT", githubOutput.toString());
        builder.environment().put("GITHUB_REF", ref);
        if (requestUrl != null) {
            builder.environment().put("ACTIONS_ID_TOKEN_REQUEST_URL", requestUrl);
            builder.environment().put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        return new Step(process.exitValue(), output, Files.readString(githubOutput));
    }

    @Test
    void readsTheCalledWorkflowsRepositoryAndCommitFromTheTokenAndNeverPrintsIt() throws Exception {
        Map<String, String> claims = new java.util.LinkedHashMap<>();
        claims.put("sub", "repo:alto9/kube9-operator:ref:refs/tags/v2.4.1");
        claims.put("workflow", "Publish Helm chart >>> ???");
        claims.put("job_workflow_ref", "alto9/kube9-charts/.github/workflows/publish-charts.yml@refs/heads/main");
        claims.put("job_workflow_sha", SHA);
        String jwt = token(claims);
        // base64url, not base64, and without its padding: what the step must undo before decoding
        assertTrue(jwt.split("\\.")[1].matches(".*[-_].*") && jwt.split("\\.")[1].length() % 4 != 0, jwt);

        Step step = run(serve(jwt));

        assertEquals(0, step.exitCode(), step.output());
        assertEquals("repository=alto9/kube9-charts\nref=refs/heads/main\nsha=" + SHA + "\n", step.githubOutput());
        assertEquals(List.of("/_apis/token?api-version=2.0&audience=kube9-charts-workflow-location bearer " + REQUEST_TOKEN), requests);
        assertTrue(step.output().contains("publish-charts.yml is alto9/kube9-charts/.github/workflows/publish-charts.yml@refs/heads/main at "
                + SHA), step.output());
        assertFalse(step.output().contains(jwt.split("\\.")[1]) || step.output().contains(REQUEST_TOKEN), step.output());
    }

    @Test
    void namesTheConfigurationWhenCalledAtARefTheRoleMayNotTrust() throws Exception {
        for (String trusted : List.of("refs/heads/main", "refs/tags/v1", "refs/tags/v1.4.2")) {
            Map<String, String> claims = Map.of("job_workflow_ref", "alto9/kube9-charts/.github/workflows/publish-charts.yml@" + trusted,
                    "job_workflow_sha", SHA);
            Step step = run(serve(token(claims)));
            assertEquals(0, step.exitCode(), step.output());
            assertFalse(step.output().contains("::notice::"), step.output());
            assertTrue(step.githubOutput().contains("\nref=" + trusted + "\n"), step.githubOutput());
            stop();
        }

        Map<String, String> atSha = Map.of("job_workflow_ref", "alto9/kube9-charts/.github/workflows/publish-charts.yml@" + SHA,
                "job_workflow_sha", SHA);
        Step pinned = run(serve(token(atSha)));
        assertEquals(0, pinned.exitCode(), pinned.output());
        assertTrue(pinned.output().contains("::notice::publish-charts.yml is called at '" + SHA + "'. The publisher role trusts"
                + " only the refs in publishing.workflowRefs of the kube9-charts configuration (default refs/heads/main,"
                + " refs/tags/v1 and refs/tags/v1.*): if the next step cannot assume the role, call publish-charts.yml at @v1 or"
                + " add '" + SHA + "' to publishing.workflowRefs."), pinned.output());
    }

    @Test
    void failsWithTheFixOnABranchWithoutAnOidcTokenOrOutsideACalledWorkflow() throws Exception {
        Step branch = run(serve(token(Map.of("sub", "repo:alto9/kube9-operator:ref:refs/heads/main"))), "refs/heads/main");
        assertEquals(1, branch.exitCode(), branch.output());
        assertTrue(branch.output().contains("::error::publish-charts.yml publishes a release tag, but this run is on"
                + " 'refs/heads/main': run the caller on a published release or a tag push, or dispatch it on the tag"), branch.output());
        assertEquals(List.of(), requests, "no token is requested on a branch");
        stop();

        Step noToken = run(null);
        assertEquals(1, noToken.exitCode(), noToken.output());
        assertTrue(noToken.output().contains("::error::No OIDC token available: the calling job must grant permissions"
                + " id-token: write"), noToken.output());

        Step notCalled = run(serve(token(Map.of("sub", "repo:alto9/kube9-operator:ref:refs/tags/v2.4.1"))));
        assertEquals(1, notCalled.exitCode(), notCalled.output());
        assertTrue(notCalled.output().contains("::error::The OIDC token names no called workflow (job_workflow_ref '',"
                + " job_workflow_sha ''): call publish-charts.yml from a job with uses:"), notCalled.output());
        assertEquals("", notCalled.githubOutput());
    }
}
