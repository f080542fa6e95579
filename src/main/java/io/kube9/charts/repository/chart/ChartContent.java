package io.kube9.charts.repository.chart;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a chart package holds, apart from how it was packaged: each file's path, mode and SHA-256 (a
 * link's target instead), in path order. Tar headers (owners, time stamps, entry order, directory
 * entries) and the gzip header are left out, so {@code helm package} run twice over the same files
 * gives equal content although the bytes differ (Helm 3 stamps the packaging time, Helm 4 the files'
 * modification times). Collected while the archive is read ({@link ChartTarReader}), never by a second walk.
 */
public record ChartContent(List<File> files) {
    /** One file: its entry name, permission bits, and SHA-256 of its bytes (or the target of a link). */
    public record File(String name, int mode, String sha256, String linkTarget) {
        String describe() {
            return name + " (mode " + String.format("%04o", mode) + (linkTarget == null ? "" : ", a link to " + linkTarget) + ")";
        }
    }

    public ChartContent {
        files = files.stream().sorted(Comparator.comparing(File::name)).toList();
    }

    /** The first file that differs (in path order), in words; empty when the content is the same. */
    public Optional<String> firstDifference(ChartContent published) {
        List<File> offered = files;
        List<File> other = published.files;
        for (int i = 0; i < Math.max(offered.size(), other.size()); i++) {
            File mine = i < offered.size() ? offered.get(i) : null;
            File theirs = i < other.size() ? other.get(i) : null;
            if (mine != null && mine.equals(theirs)) {
                continue;
            }
            if (mine == null || (theirs != null && theirs.name().compareTo(mine.name()) < 0)) {
                return Optional.of(theirs.name() + " is in the published package but not in the offered one");
            }
            if (theirs == null || theirs.name().compareTo(mine.name()) > 0) {
                return Optional.of(mine.name() + " is in the offered package but not in the published one");
            }
            if (!mine.sha256().equals(theirs.sha256()) || !java.util.Objects.equals(mine.linkTarget(), theirs.linkTarget())) {
                return Optional.of(mine.name() + " has other content than in the published package");
            }
            return Optional.of(mine.name() + " has other permissions than in the published package: " + mine.describe()
                    + " instead of " + theirs.describe());
        }
        return Optional.empty();
    }
}
