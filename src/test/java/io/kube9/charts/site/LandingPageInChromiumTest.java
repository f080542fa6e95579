package io.kube9.charts.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing page in a real browser: Debian's headless Chromium, driven by npm playwright-core
 * through {@code check-landing-page.cjs} (next to this class in the test resources), loads the page of
 * {@link SiteFixtures#showcase} from a loopback server that answers as the CDN would, with JavaScript on
 * and off, in one browser start. The script does the checking; this test names what it expects and
 * requires every check to pass. The screenshot lands in target/landing-page.png; with
 * {@code -Dkube9.refreshScreenshot=true} it also replaces docs/images/landing-page.png (the README's).
 */
class LandingPageInChromiumTest {
    private static final Path SCREENSHOT = Path.of("target", "landing-page.png");
    private static final Pattern CHART_PAGE = Pattern.compile("/charts/([^/]+)/index\\.html");
    private static final Path README_SCREENSHOT = Path.of("docs", "images", "landing-page.png");
    private static final List<String> CHECKS = List.of(
            "structure: lang, one h1, an h2 per chart",
            "install commands are visible",
            "the yanked version is not installable on the landing page",
            "the deprecated chart is marked",
            "the filter narrows the charts as one types",
            "keyboard focus is visible",
            "text contrast is at least 4.5:1",
            "a chart page opens from the index by keyboard",
            "the chart page: the yanked version is not installable and the page says why",
            "the chart page: the expander opens",
            "the chart page: text contrast is at least 4.5:1",
            "without JavaScript: every chart, the commands, the chart page and its expander work, the filter is hidden",
            "no console errors and no failed requests");

    @Test
    void theBrowserShowsTheCommandsFiltersHidesYankedVersionsAndMarksDeprecatedCharts(@TempDir Path work) throws Exception {
        AtomicReference<SiteFixtures.Showcase> showcase = new AtomicReference<>();
        HttpServer server = serve(showcase);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            showcase.set(SiteFixtures.showcase(base));
            Path expectations = work.resolve("expect.json");
            new ObjectMapper().writeValue(expectations.toFile(), Map.of(
                    "url", base + "/",
                    "screenshot", SCREENSHOT.toAbsolutePath().toString(),
                    "charts", List.of("kube9-agent", "kube9-dashboard", "kube9-legacy", "kube9-operator"),
                    "commands", List.of("helm repo add kube9 https://charts.kube9.io\nhelm repo update",
                            "helm install kube9-operator kube9/kube9-operator --version 1.12.0+build.7",
                            "helm install kube9-operator oci://public.ecr.aws/kube9/kube9-operator --version 1.12.0+build.7",
                            "helm install kube9-dashboard kube9/kube9-dashboard --version 0.9.3"),
                    "deprecated", Map.of("chart", "kube9-dashboard", "message", "Use the kube9 console instead."),
                    "yanked", Map.of("chart", "kube9-operator", "version", "1.11.2",
                            "reason", "CRD upgrade deletes custom resources (#123)"),
                    "expander", "kube9-operator",
                    "filter", Map.of("typed", List.of("d", "a", "s", "h"), "remaining", List.of("kube9-dashboard"))));

            Run run = checkInChromium(expectations);

            for (String check : CHECKS) {
                assertTrue(run.output().lines().anyMatch(line -> line.equals("ok " + check) || line.startsWith("ok " + check + " (")),
                        "check '" + check + "' did not pass:\n" + run.output());
            }
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot " + SCREENSHOT.toAbsolutePath());
            System.out.print(run.output());
            if (Boolean.getBoolean("kube9.refreshScreenshot")) {
                Files.createDirectories(README_SCREENSHOT.getParent());
                Files.copy(SCREENSHOT, README_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            server.stop(0);
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run checkInChromium(Path expectations) throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(LandingPageInChromiumTest.class.getResource("check-landing-page.cjs").toURI());
        Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), expectations.toString()).redirectErrorStream(true);
        builder.environment().put("KUBE9_CHROMIUM", TestTools.chromium().toString());
        builder.environment().put("KUBE9_PLAYWRIGHT_CORE_DIR", TestTools.playwrightCoreDir().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the browser check did not finish:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    /**
     * The repository as the CDN serves it: the page at / and /index.html (text/html), index.yaml, and the
     * icons the showcase points at; anything else is a 404, which the browser check counts as a failure.
     */
    private static HttpServer serve(AtomicReference<SiteFixtures.Showcase> showcase) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            Matcher chartPage = CHART_PAGE.matcher(path);
            if (path.equals("/") || path.equals("/index.html")) {
                body = showcase.get().render().getBytes(StandardCharsets.UTF_8);
                type = "text/html;charset=utf-8";
            } else if (chartPage.matches() && showcase.get().index().entries().containsKey(chartPage.group(1))) {
                body = showcase.get().chartPage(chartPage.group(1)).getBytes(StandardCharsets.UTF_8);
                type = "text/html;charset=utf-8";
            } else if (path.equals("/index.yaml")) {
                body = new IndexCodec().write(showcase.get().index(), IndexFormat.JSON);
                type = "application/json";
            } else if (path.startsWith("/icons/") && path.endsWith(".svg")) {
                body = ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\""
                        + " fill=\"#0550ae\"/></svg>").getBytes(StandardCharsets.UTF_8);
                type = "image/svg+xml";
            } else {
                body = null;
                type = "text/plain";
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        return server;
    }
}
