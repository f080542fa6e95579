package io.kube9.charts.publishing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Chart packages built in test code (no binary fixtures); the same input gives the same bytes. */
public final class TestCharts {
    private TestCharts() {}

    public static String chartYaml(String name, String version) {
        return "apiVersion: v2\nname: " + name + "\nversion: " + version + "\ndescription: Test chart " + name
                + "\ntype: application\nappVersion: \"1.0\"\n";
    }

    /** A minimal valid chart: Chart.yaml, values.yaml and one template under {@code <name>/}. */
    public static Map<String, String> files(String name, String version) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(name + "/Chart.yaml", chartYaml(name, version));
        files.put(name + "/values.yaml", "greeting: hello\n");
        files.put(name + "/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"
                + "data:\n  greeting: {{ .Values.greeting | quote }}\n  version: " + version + "\n");
        return files;
    }

    public static byte[] packageOf(String name, String version) {
        return tgz(files(name, version));
    }

    public static ChartArchive archive(String name, String version) {
        return new ChartArchiveReader().read(name + "-" + version + ".tgz", packageOf(name, version), Optional.empty());
    }

    public static byte[] tgz(Map<String, String> files) {
        return tgz(out -> files.forEach((path, content) -> addFile(out, path, content.getBytes(StandardCharsets.UTF_8))));
    }

    /** Builds a .tgz by hand, for archives `helm package` would never write. */
    public static byte[] tgz(java.util.function.Consumer<TarArchiveOutputStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            writer.accept(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void addFile(TarArchiveOutputStream tar, String path, byte[] content) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setSize(content.length);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
