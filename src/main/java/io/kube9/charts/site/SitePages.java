package io.kube9.charts.site;

import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryPages;
import java.util.List;

/** The site's pages, as the core writes them on every refresh (registered in META-INF/services). */
public final class SitePages implements RepositoryPages {
    @Override
    public List<Page> render(PageData data) {
        return List.of(new Page(RepositoryLayout.LANDING_PAGE_KEY, new LandingPage(data.settings()).render(data.index(), data.lifecycle())));
    }
}
