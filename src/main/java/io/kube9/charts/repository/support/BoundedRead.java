package io.kube9.charts.repository.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Reads a stream into memory or copies it, refusing it as soon as it passes a size limit, so an enormous (or
 * endless) download costs at most the limit, never the whole body.
 */
public final class BoundedRead {
    private BoundedRead() {}

    /**
     * @param tooLarge the failure thrown once more than {@code limit} bytes have arrived
     */
    public static byte[] readAtMost(InputStream in, long limit, Supplier<? extends RuntimeException> tooLarge) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyAtMost(in, limit, out, tooLarge);
        return out.toByteArray();
    }

    /** Copies the stream to {@code out} (a file, so memory holds one buffer), failing as soon as it passes {@code limit} bytes. */
    public static long copyAtMost(InputStream in, long limit, OutputStream out, Supplier<? extends RuntimeException> tooLarge)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                throw tooLarge.get();
            }
            out.write(buffer, 0, read);
        }
        return total;
    }
}
