package io.kube9.charts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Builds chart archives ({@code .tgz}) in code, well-formed or deliberately broken, so no binary
 * test fixture is ever committed. Entries are written in the order they are added, with a fixed
 * modification time, so the same entries always give the same bytes (and the same digest).
 */
public final class ChartArchiveBuilder {
    private interface Entry {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static final long FIXED_TIME = 1_700_000_000_000L;

    private final List<Entry> entries = new ArrayList<>();
    private long modificationTime = FIXED_TIME;

    public static ChartArchiveBuilder empty() {
        return new ChartArchiveBuilder();
    }

    /** What {@code helm package} produces for a minimal chart: {@code <name>/Chart.yaml}, values and a template. */
    public static ChartArchiveBuilder chart(String name, String version) {
        return empty()
                .file(name + "/Chart.yaml", chartYaml(name, version))
                .file(name + "/values.yaml", "replicaCount: 1\n")
                .file(name + "/templates/configmap.yaml",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
    }

    public static String chartYaml(String name, String version) {
        return "apiVersion: v2\nname: " + name + "\nversion: " + version + "\ndescription: A test chart\n"
                + "type: application\nappVersion: \"1.0\"\n";
    }

    /** Every entry stamped with this time instead: the same files packaged again, as a re-run of `helm package` does. */
    public ChartArchiveBuilder modifiedAt(long epochMillis) {
        modificationTime = epochMillis;
        return this;
    }

    public ChartArchiveBuilder file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public ChartArchiveBuilder file(String path, byte[] content) {
        return file(path, content, 0644);
    }

    /** A file with the given permission bits. */
    public ChartArchiveBuilder file(String path, byte[] content, int mode) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(path, true);
            entry.setMode(0100000 | mode);
            entry.setModTime(modificationTime);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        });
        return this;
    }

    /** A file of {@code size} zero bytes, streamed: compresses about 1000:1, the raw material of a bomb. */
    public ChartArchiveBuilder zeros(String path, long size) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(path, true);
            entry.setModTime(modificationTime);
            entry.setSize(size);
            tar.putArchiveEntry(entry);
            byte[] block = new byte[64 * 1024];
            for (long left = size; left > 0; left -= block.length) {
                tar.write(block, 0, (int) Math.min(block.length, left));
            }
            tar.closeArchiveEntry();
        });
        return this;
    }

    public ChartArchiveBuilder directory(String path) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(path.endsWith("/") ? path : path + "/", true);
            entry.setModTime(modificationTime);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
        return this;
    }

    /** A named pipe: neither a file, a directory nor a link. */
    public ChartArchiveBuilder fifo(String path) {
        entries.add(tar -> {
            tar.putArchiveEntry(new TarArchiveEntry(path, TarConstants.LF_FIFO, true));
            tar.closeArchiveEntry();
        });
        return this;
    }

    public ChartArchiveBuilder symlink(String path, String target) {
        return link(path, target, TarConstants.LF_SYMLINK);
    }

    public ChartArchiveBuilder hardlink(String path, String target) {
        return link(path, target, TarConstants.LF_LINK);
    }

    private ChartArchiveBuilder link(String path, String target, byte type) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(path, type, true);
            entry.setModTime(modificationTime);
            entry.setLinkName(target);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
        return this;
    }

    /**
     * An entry whose header declares {@code declaredSize} bytes, followed by only a few of them and
     * the end of the archive: a reader that trusts the header to size a buffer is caught here.
     */
    public byte[] tgzWithTruncatedHugeEntry(String path, long declaredSize) {
        byte[] complete = tar();
        TarArchiveEntry entry = new TarArchiveEntry(path, true);
        entry.setSize(declaredSize);
        byte[] header = new byte[TarConstants.DEFAULT_RCDSIZE];
        try {
            entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        // the complete archive minus its two end-of-archive records, then the lying header and a little data
        raw.write(complete, 0, complete.length - 2 * TarConstants.DEFAULT_RCDSIZE - trailingPadding(complete));
        raw.writeBytes(header);
        raw.writeBytes(new byte[4096]);
        return gzip(raw.toByteArray());
    }

    /** Counts the zero blocks the tar writer pads the archive with beyond the two end-of-archive records. */
    private static int trailingPadding(byte[] tar) {
        int zeroRecords = 0;
        for (int end = tar.length; end >= TarConstants.DEFAULT_RCDSIZE; end -= TarConstants.DEFAULT_RCDSIZE) {
            byte[] record = Arrays.copyOfRange(tar, end - TarConstants.DEFAULT_RCDSIZE, end);
            if (!Arrays.equals(record, new byte[TarConstants.DEFAULT_RCDSIZE])) {
                break;
            }
            zeroRecords++;
        }
        return (zeroRecords - 2) * TarConstants.DEFAULT_RCDSIZE;
    }

    /** The uncompressed tar stream. */
    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTar(bytes);
        return bytes.toByteArray();
    }

    public byte[] tgz() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            writeTar(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void writeTar(OutputStream out) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry entry : entries) {
                entry.write(tar);
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A provenance file laid out as `helm package --sign` writes one (a PGP clear-signed message whose body lists the
     * package's sha256): what the publisher and the import check before the signature, which they do not verify.
     */
    public static byte[] provenance(String name, String version, String sha256) {
        return ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n" + chartYaml(name, version) + "\n...\nfiles:\n  " + name + "-"
                + version + ".tgz: sha256:" + sha256 + "\n-----BEGIN PGP SIGNATURE-----\n\nwsBcBAEBCgAQ\n-----END PGP SIGNATURE-----\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
