package io.kube9.charts.site;

import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryPages;
import java.util.ArrayList;
import java.util.List;

/** The site's pages, as the core writes them on every refresh (registered in META-INF/services): the landing page, then each chart's. */
public final class SitePages implements RepositoryPages {
    @Override
    public List<Page> render(PageData data) {
        SiteData site = SiteData.of(data.index(), data.lifecycle(), data.downloads());
        PageViews views = new PageViews(data.settings(), site);
        List<Page> pages = new ArrayList<>();
        pages.add(new Page(RepositoryLayout.LANDING_PAGE_KEY, LandingPage.render("landing.jte", views.landing())));
        for (String chart : views.chartNames()) {
            PageViews.pageKey(chart).ifPresent(key -> pages.add(new Page(key, LandingPage.render("chart.jte", views.chartPage(chart)))));
        }
        return pages;
    }
}
