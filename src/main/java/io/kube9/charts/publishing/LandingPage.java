package io.kube9.charts.publishing;

import io.kube9.charts.publishing.index.ChartIndex;
import io.kube9.charts.publishing.index.IndexEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The static page a person sees when opening the repository URL in a browser: the {@code helm repo
 * add} command and every chart with its versions. Every value from the index is HTML-escaped.
 */
public final class LandingPage {
    private final String repositoryUrl;
    private final String repositoryName;

    public LandingPage(String repositoryUrl, String repositoryName) {
        this.repositoryUrl = repositoryUrl;
        this.repositoryName = repositoryName;
    }

    public byte[] render(ChartIndex index) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(repositoryName)).append(" Helm charts</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}")
                .append("code,pre{background:#f4f4f4;padding:.2rem .4rem}table{border-collapse:collapse}")
                .append("td,th{text-align:left;padding:.2rem .8rem .2rem 0}</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(repositoryName)).append(" Helm charts</h1>\n")
                .append("<p>Add this repository to Helm:</p>\n<pre><code>helm repo add ").append(escape(repositoryName))
                .append(' ').append(escape(repositoryUrl)).append("\nhelm repo update</code></pre>\n");
        if (index.entries().isEmpty()) {
            html.append("<p>No charts are published yet.</p>\n");
        }
        index.entries().forEach((name, versions) -> appendChart(html, name, versions));
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendChart(StringBuilder html, String name, List<IndexEntry> versions) {
        IndexEntry latest = versions.get(0);
        html.append("<section>\n<h2 id=\"").append(escape(name)).append("\">").append(escape(name)).append("</h2>\n");
        String description = latest.text("description");
        if (!description.isEmpty()) {
            html.append("<p>").append(escape(description)).append("</p>\n");
        }
        html.append("<pre><code>helm install my-").append(escape(name)).append(' ')
                .append(escape(repositoryName)).append('/').append(escape(name)).append("</code></pre>\n")
                .append("<table>\n<tr><th>Version</th><th>App version</th><th>Created</th></tr>\n");
        for (IndexEntry version : versions) {
            html.append("<tr><td>").append(escape(version.version())).append("</td><td>")
                    .append(escape(version.text("appVersion"))).append("</td><td>")
                    .append(escape(version.created())).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
