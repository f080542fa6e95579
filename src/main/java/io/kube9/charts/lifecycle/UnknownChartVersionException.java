package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.ledger.LedgerCodec;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;

/** A lifecycle command named a chart or version the repository does not have; nothing was changed. */
public final class UnknownChartVersionException extends PublishingException {
    private static final int SHOWN = 10;

    private UnknownChartVersionException(String message) {
        super(message);
    }

    static UnknownChartVersionException chart(ObjectStore store, ChartIndex index, String chart) {
        return new UnknownChartVersionException("there is no chart " + LedgerCodec.quoted(chart) + " in " + store.describe() + "/"
                + RepositoryLayout.INDEX_KEY + " or " + RepositoryLayout.LIFECYCLE_KEY + " (charts: "
                + shown(new ArrayList<>(index.entries().keySet())) + "). Check the name (`helm search repo`); nothing was changed");
    }

    /** @param state what the command needs the version to be, e.g. "indexed or yanked" */
    static UnknownChartVersionException version(ObjectStore store, ChartIndex index, String chart, String version, String state) {
        List<String> versions = index.entries().getOrDefault(chart, List.of()).stream().map(IndexEntry::version).toList();
        return new UnknownChartVersionException(chart + " " + LedgerCodec.quoted(version) + " is not " + state + " in "
                + store.describe() + " (" + RepositoryLayout.INDEX_KEY + " lists " + chart + " " + shown(versions)
                + "; versions are compared exactly, so 1.0 is not 1.0.0). Check the version; nothing was changed");
    }

    private static String shown(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        String listed = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
        return names.size() > SHOWN ? listed + " and " + (names.size() - SHOWN) + " more" : listed;
    }
}
