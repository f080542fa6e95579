package io.kube9.charts.publishing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.publishing.index.ChartIndex;
import io.kube9.charts.publishing.index.IndexEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandingPageTest {
    @Test
    void listsChartsVersionsAndTheRepoAddCommandWithEveryValueEscaped() {
        ObjectNode chart = JsonNodeFactory.instance.objectNode().put("apiVersion", "v2").put("name", "demo")
                .put("version", "1.0.0").put("appVersion", "\"><img src=x onerror=alert(1)>")
                .put("description", "<script>alert('x')</script> & more");
        ChartIndex index = ChartIndex.empty().merge(List.of(
                IndexEntry.forChart(chart, "demo-1.0.0.tgz", "00", Instant.parse("2026-11-24T06:00:00Z")))).index();

        String html = new String(new LandingPage("https://charts.kube9.io", "kube9").render(index), StandardCharsets.UTF_8);

        assertTrue(html.contains("helm repo add kube9 https://charts.kube9.io"), html);
        assertTrue(html.contains("<td>1.0.0</td>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), html);
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), html);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
    }
}
