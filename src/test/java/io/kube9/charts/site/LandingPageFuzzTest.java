package io.kube9.charts.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.IndexFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the landing page with an index from the bucket (untrusted: any bytes the
 * codec accepts) and ledger values made from it: whatever the index holds, the page has only the
 * template's own elements and attributes, one script (its own; none on a chart page), and links that are http(s) or relative;
 * the same for every chart's page.
 */
class LandingPageFuzzTest {
    private static final IndexCodec CODEC = new IndexCodec();
    private static final LandingPage PAGE = new LandingPage(
            RepositorySettings.defaults("https://charts.kube9.io").withOciRepository("oci://public.ecr.aws/kube9"));
    private static final ChartPage CHART_PAGE = new ChartPage(
            RepositorySettings.defaults("https://charts.kube9.io").withOciRepository("oci://public.ecr.aws/kube9"));
    private static final Set<String> ELEMENTS = Set.of("!DOCTYPE", "html", "head", "meta", "title", "link", "style",
            "body", "header", "h1", "p", "pre", "code", "a", "main", "label", "input", "span", "section", "h2", "img",
            "strong", "small", "table", "tr", "th", "td", "details", "summary", "div", "ul", "li", "script");
    private static final Set<String> ATTRIBUTES = Set.of("html", "lang", "charset", "name", "content", "rel", "href",
            "class", "id", "hidden", "for", "type", "autocomplete", "spellcheck", "role", "src", "alt", "loading");
    /** A start or end tag with double-quoted attribute values (where "<" is escaped; ">" need not be); anything else after a "<" fails. */
    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z!][A-Za-z0-9]*)((?: [a-z]+(?:=\"[^\"<]*\")?)*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile(" ([a-z]+)(?:=\"([^\"]*)\")?");

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{\"apiVersion\":\"v1\",\"entries\":{\"demo\":[{", "\"name\":\"", "\"version\":\"1.0.0\"",
            "\"description\":\"", "\"icon\":\"", "\"home\":\"", "\"sources\":[\"", "\"urls\":[\"", "\"appVersion\":\"",
            "\"created\":\"2026-11-24T06:00:00.123456789+01:00\"", "\"deprecated\":true", "<script>", "</script>",
            "\\\"", "javascript:", "https://", "http://", "data:", "\" onerror=\"", "'", "&", "<!--", "-->", "+build", "\"annotations\":{\"artifacthub.io/changes\":\"- kind: added\\n  description: x\\n  links:\\n  - {name: a, url: \""})
    void theIndexNeverAddsMarkup(byte[] index) {
        ChartIndex parsed;
        try {
            parsed = CODEC.read(index);
        } catch (IndexFormatException refused) {
            return;
        }
        List<YankedVersion> yanked = new ArrayList<>();
        Map<String, String> deprecated = new HashMap<>();
        parsed.entries().forEach((name, versions) -> {
            IndexEntry oldest = versions.get(versions.size() - 1);
            yanked.add(new YankedVersion(name, oldest.version(), oldest.text("description"), oldest.created()));
            deprecated.put(name, versions.get(0).text("appVersion"));
        });

        String html = new String(PAGE.render(parsed, yanked, deprecated), StandardCharsets.UTF_8);

        assertEquals(parsed.entries().isEmpty() ? 0 : 1, templateScripts(html), html);
        SiteData data = new SiteData(parsed, yanked, deprecated);
        for (String chart : parsed.entries().keySet()) {
            String page = new String(CHART_PAGE.render(data, chart), StandardCharsets.UTF_8);
            assertEquals(0, templateScripts(page), page);
        }
    }

    /** Checks that every tag is one of the templates' own, with http(s) or relative links; the number of scripts. */
    private static int templateScripts(String html) {
        int scripts = 0;
        for (int open = html.indexOf('<'); open >= 0; open = html.indexOf('<', open + 1)) {
            Matcher tag = TAG.matcher(html).region(open, html.length());
            assertTrue(tag.lookingAt(), "markup that is no tag of the templates at " + open + ": "
                    + html.substring(open, Math.min(html.length(), open + 80)));
            assertTrue(ELEMENTS.contains(tag.group(2)), tag.group());
            scripts += tag.group(2).equals("script") && tag.group(1).isEmpty() ? 1 : 0;
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                assertTrue(ATTRIBUTES.contains(attribute.group(1)), tag.group());
                if (attribute.group(1).equals("href") || attribute.group(1).equals("src")) {
                    String url = attribute.group(2);
                    assertTrue(url.startsWith("http://") || url.startsWith("https://") || url.equals("data:,")
                            || !url.contains(":"), "a link that is neither http(s) nor relative: " + tag.group());
                }
            }
            if (tag.group(1).isEmpty() && (tag.group(2).equals("script") || tag.group(2).equals("style"))) {
                open = html.indexOf("</" + tag.group(2) + ">", open) - 1; // the templates' own code, no values in it
            }
        }
        return scripts;
    }
}
