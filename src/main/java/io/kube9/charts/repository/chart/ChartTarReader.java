package io.kube9.charts.repository.chart;

import io.kube9.charts.repository.support.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Streams the files of one gzip-compressed tar archive with the checks of Helm's archive loader
 * (pkg/chart/loader/archive.go, Helm 3.17; pkg/chart/loader/archive, Helm 4.1): the first path
 * component is the chart directory and is stripped, files at the archive root, absolute, {@code ..}
 * and drive-letter paths are refused, sizes are counted against {@link ArchiveLimits} before and
 * while reading. Stricter than Helm, on purpose: one top-level directory only, links must stay in
 * the chart, pipes and devices are refused. Each file's SHA-256 is computed while it streams by; only
 * the files the caller asks for are kept.
 */
final class ChartTarReader {
    private static final Pattern DRIVE_LETTER_PATH = Pattern.compile("^[a-zA-Z]:/");
    private static final String REPACKAGE = "Re-package the chart with `helm package`";
    private static final String EMPTY_SHA256 = Sha256.hex(new byte[0]);
    private static final String PUBLISH_HELM_PACKAGE = "Publish the .tgz written by `helm package`, or pass the chart directory";

    /**
     * One file of the archive. Links are files too, as in Helm's loader (which reads them as empty files).
     *
     * @param name    the entry name as stored
     * @param path    the path inside the chart directory, as Helm's loader names it
     * @param content the bytes, when the caller asked to keep them
     */
    record File(String name, String path, int mode, String linkTarget, long size, String sha256, byte[] content) {}

    interface Visitor {
        void file(File file);
    }

    private final String source;
    private final String label;
    private final ArchiveLimits limits;
    private final byte[] buffer = new byte[64 * 1024];
    private final MessageDigest sha256 = Sha256.digest();

    /**
     * @param source the package file, for messages
     * @param label  where this archive is, for messages: "" for the package itself, or the nested
     *               archive's path (e.g. {@code parent/charts/db-1.0.0.tgz})
     */
    ChartTarReader(String source, String label, ArchiveLimits limits) {
        this.source = source;
        this.label = label;
        this.limits = limits;
    }

    /** Streams every file to the visitor; {@code keep} (entry name, chart path) says which files' bytes it gets. */
    void read(byte[] tgz, BiPredicate<String, String> keep, Visitor visitor) {
        if (tgz.length < 2 || (tgz[0] & 0xff) != 0x1f || (tgz[1] & 0xff) != 0x8b) {
            throw new ChartValidationException(source, archiveField(),
                    "is not a gzip file (it does not start with the gzip magic bytes 1f 8b)", PUBLISH_HELM_PACKAGE);
        }
        String topDirectory = null;
        // Go's gzip reader reads concatenated gzip members as one stream; so does this one
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tgz), true))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
                    continue;
                }
                String field = label.isEmpty() ? entry.getName() : label + "!/" + entry.getName();
                if (entry.isDirectory()) {
                    refuseMisleadingDirectory(entry, field);
                    continue;
                }
                String path = chartRelativePath(field, entry.getName());
                String top = topComponent(entry.getName());
                if (topDirectory == null) {
                    topDirectory = top;
                } else if (!topDirectory.equals(top)) {
                    throw new ChartValidationException(source, field,
                            "is outside the chart directory " + topDirectory + "/ (the archive has more than one top-level directory)",
                            REPACKAGE + ": a chart archive holds exactly one directory");
                }
                limits.countFile(source, archiveField());
                visitor.file(file(tar, entry, field, path, keep.test(entry.getName(), path)));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(e);
        }
    }

    /**
     * Go's tar reader (Helm's) takes only a directory entry, or an old-style file entry whose name ends
     * in /, as a directory; commons-compress takes any entry whose name ends in / as one and skips no
     * data for it, so the two would read different files from the same archive. Such an entry is refused.
     */
    private void refuseMisleadingDirectory(TarArchiveEntry entry, String field) {
        byte type = entry.getLinkFlag();
        if (type != TarConstants.LF_DIR && type != TarConstants.LF_OLDNORM) {
            throw new ChartValidationException(source, field, "is named like a directory (ending in /) but is stored as another kind of"
                    + " entry (tar type '" + (char) type + "'), which tar readers disagree about", REPACKAGE);
        }
    }

    private File file(TarArchiveInputStream tar, TarArchiveEntry entry, String field, String path, boolean keep) throws IOException {
        int mode = entry.getMode() & 07777;
        if (entry.isSymbolicLink() || entry.isLink()) {
            checkLinkTarget(entry, field, path);
            return new File(entry.getName(), path, mode, entry.getLinkName(), 0, EMPTY_SHA256, keep ? new byte[0] : null);
        }
        // commons-compress counts every entry that is not a directory as a file, pipes and devices too
        if (!entry.isFile() || entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw new ChartValidationException(source, field, "is not a regular file",
                    REPACKAGE + "; charts contain only files and directories");
        }
        if (entry.getSize() > ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES) {
            throw ArchiveLimits.fileTooLarge(source, field);
        }
        if (entry.getSize() >= limits.remaining()) {
            throw ArchiveLimits.tooLarge(source, "archive");
        }
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        long size = copyBounded(tar, sha256, kept, Math.min(ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES, limits.remaining()));
        if (size > ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES) {
            throw ArchiveLimits.fileTooLarge(source, field);
        }
        limits.consume(size, source, "archive");
        byte[] content = kept == null ? null : withoutByteOrderMark(kept.toByteArray());
        return new File(entry.getName(), path, mode, null, size, HexFormat.of().formatHex(sha256.digest()), content);
    }

    /** Reads the entry (into {@code kept} if not null), digesting it, and returns its size, stopping once past {@code limit}. */
    private long copyBounded(InputStream in, MessageDigest digest, ByteArrayOutputStream kept, long limit) throws IOException {
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return total;
            }
            digest.update(buffer, 0, read);
            if (kept != null) {
                kept.write(buffer, 0, read);
            }
        }
        return total;
    }

    private String archiveField() {
        return label.isEmpty() ? "archive" : label;
    }

    /** What went wrong reading the stream, in words: truncated, damaged compression, or not a tar archive. */
    private ChartValidationException unreadable(Exception e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
        if (e instanceof EOFException || (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("truncated"))) {
            return new ChartValidationException(source, archiveField(),
                    "ends before its last file is complete: the file is truncated (cut off while it was copied, uploaded or downloaded)",
                    "Publish the complete .tgz written by `helm package` (compare its size and SHA-256 with the original)");
        }
        if (e.getMessage() != null && e.getMessage().contains(".gz header")) {
            return new ChartValidationException(source, archiveField(), "is damaged: its gzip header is invalid" + detail,
                    "Publish the .tgz written by `helm package` again, from the original");
        }
        if (e instanceof ZipException || e.getCause() instanceof DataFormatException
                || (e.getMessage() != null && e.getMessage().startsWith("Gzip-compressed data is corrupt"))) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? " (" + e.getCause().getMessage() + ")"
                    : e instanceof ZipException ? detail : e.getMessage().contains("CRC32") ? " (its checksum does not match)" : "";
            return new ChartValidationException(source, archiveField(), "is damaged: its gzip-compressed data is corrupt" + cause,
                    "Publish the .tgz written by `helm package` again, from the original");
        }
        return new ChartValidationException(source, archiveField(), "is gzip-compressed but does not hold a valid tar archive" + detail,
                "Publish the .tgz written by `helm package`, not another compressed file");
    }

    /** The entry name's first path component: the chart directory. */
    static String topComponent(String entryName) {
        String delimiter = entryName.contains("\\") ? "\\" : "/";
        int end = entryName.indexOf(delimiter);
        return end < 0 ? entryName : entryName.substring(0, end);
    }

    /** The entry's path inside the chart directory, checked the way Helm's loader checks it. */
    private String chartRelativePath(String field, String entryName) {
        String delimiter = entryName.contains("\\") ? "\\" : "/";
        String[] parts = entryName.split(Pattern.quote(delimiter), -1);
        String inside = String.join("/", Arrays.copyOfRange(parts, 1, parts.length));
        if (entryName.startsWith(delimiter) || inside.startsWith("/")) {
            throw new ChartValidationException(source, field, "is an absolute path (Helm: chart illegally contains absolute paths)",
                    REPACKAGE + "; archives must hold relative paths only");
        }
        if (parts[0].equals("Chart.yaml")) {
            throw new ChartValidationException(source, field, "is at the archive root, not in the chart directory (Helm: chart yaml"
                    + " not in base directory)", REPACKAGE + ", which puts every file under <chart name>/");
        }
        String clean = cleanPath(inside);
        if (clean.isEmpty() || clean.equals(".")) {
            throw new ChartValidationException(source, field, "is outside the chart directory (Helm: chart illegally contains"
                    + " content outside the base directory)", REPACKAGE + ", which puts every file under <chart name>/");
        }
        if (clean.startsWith("..")) {
            throw new ChartValidationException(source, field, "points into a parent directory (Helm: chart illegally references"
                    + " parent directory)", REPACKAGE + "; archives must not contain .. paths");
        }
        if (DRIVE_LETTER_PATH.matcher(clean).find()) {
            throw new ChartValidationException(source, field, "is a drive-letter path (Helm: chart contains illegally named files)",
                    REPACKAGE + " on a system that writes relative paths");
        }
        return clean;
    }

    private void checkLinkTarget(TarArchiveEntry entry, String field, String path) {
        String target = entry.getLinkName().replace('\\', '/');
        int slash = path.lastIndexOf('/');
        String parent = entry.isSymbolicLink() && slash >= 0 ? path.substring(0, slash + 1) : "";
        String resolved = target.startsWith("/") ? target : cleanPath(parent + target);
        if (target.startsWith("/") || resolved.startsWith("..") || DRIVE_LETTER_PATH.matcher(target).find()) {
            throw new ChartValidationException(source, field, "is a link to " + entry.getLinkName() + ", outside the chart",
                    REPACKAGE + "; it stores the content of linked files instead of links");
        }
    }

    /** Go's path.Clean for a relative path: "." and empty elements dropped, ".." applied; "" for nothing left. */
    private static String cleanPath(String path) {
        java.util.Deque<String> kept = new java.util.ArrayDeque<>();
        for (String element : path.split("/", -1)) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..") && !kept.isEmpty() && !kept.peekLast().equals("..")) {
                kept.removeLast();
            } else {
                kept.addLast(element);
            }
        }
        return String.join("/", kept);
    }

    private static byte[] withoutByteOrderMark(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            return Arrays.copyOfRange(content, 3, content.length);
        }
        return content;
    }
}
