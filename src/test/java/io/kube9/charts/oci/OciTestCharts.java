package io.kube9.charts.oci;

import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Chart packages for the OCI tests: the same arguments always give the same bytes. */
final class OciTestCharts {
    private OciTestCharts() {}

    static ChartArchive chart(String name, String version) {
        return chart(name, version, false, "");
    }

    /**
     * @param signed  with a provenance file that lists the package (its signature block is not a real signature)
     * @param variant other text in a README, for a package of the same version with other bytes
     */
    static ChartArchive chart(String name, String version, boolean signed, String variant) {
        ChartArchiveBuilder builder = ChartArchiveBuilder.chart(name, version);
        if (!variant.isEmpty()) {
            builder.file(name + "/README.md", variant);
        }
        ChartArchive chart = new ChartArchiveReader().read(name + "-" + version + ".tgz", builder.tgz(), Optional.empty());
        return signed ? signed(chart, "wsBcBAEBCgAQ") : chart;
    }

    /** The same package with a provenance file that lists it, with {@code signature} as its (not real) signature. */
    static ChartArchive signed(ChartArchive chart, String signature) {
        byte[] provenance = ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"
                + ChartArchiveBuilder.chartYaml(chart.name(), chart.version()) + "\n...\nfiles:\n  " + chart.packageKey()
                + ": sha256:" + Sha256.hex(chart.content()) + "\n-----BEGIN PGP SIGNATURE-----\n\n" + signature
                + "\n-----END PGP SIGNATURE-----\n").getBytes(StandardCharsets.UTF_8);
        return new ChartArchiveReader().read(chart.packageKey(), chart.content(), Optional.of(provenance));
    }
}
