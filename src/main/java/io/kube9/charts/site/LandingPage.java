package io.kube9.charts.site;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.kube9.charts.repository.DownloadCounts;
import io.kube9.charts.repository.LifecycleView;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The page a person sees when opening the repository URL in a browser ({@code index.html}): the
 * {@code helm repo add} command, then an index of the charts: per chart its name (linking to its
 * {@link ChartPage}), icon, description, deprecated mark, latest version with its install commands
 * (classic and {@code oci://}) and its downloads in the last 30 days when there are statistics.
 * Rendered by templates under {@code src/main/jte}, compiled to Java at build time; the engine escapes
 * every value for where it stands (element text, attribute, script).
 *
 * <p>The page lists no versions, so its size grows with the number of charts only.
 */
public final class LandingPage {
    /** Descriptions, app versions, deprecation messages, yank reasons and changes longer than this are shortened with an ellipsis. */
    public static final int MAX_TEXT_LENGTH = 300;

    static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final RepositorySettings settings;

    public LandingPage(RepositorySettings settings) {
        this.settings = settings;
    }

    public byte[] render(SiteData data) {
        return render("landing.jte", new PageViews(settings, data).landing());
    }

    /** See {@link SiteData} for the parameters. */
    public byte[] render(ChartIndex index, List<YankedVersion> yanked, Map<String, String> deprecationMessages) {
        return render(new SiteData(index, yanked, deprecationMessages));
    }

    /** The page with the yanked versions and deprecations the lifecycle ledger records. */
    public byte[] render(ChartIndex index, LifecycleView lifecycle) {
        return render(SiteData.of(index, lifecycle, DownloadCounts.NONE));
    }

    static byte[] render(String template, Object view) {
        StringOutput output = new StringOutput(64 * 1024);
        TEMPLATES.render(template, view, output);
        return output.toString().getBytes(StandardCharsets.UTF_8);
    }
}
