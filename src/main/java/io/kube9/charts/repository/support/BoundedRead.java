package io.kube9.charts.repository.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Reads a stream into memory, refusing it as soon as it passes a size limit, so an enormous (or
 * endless) download costs at most the limit, never the whole body.
 */
public final class BoundedRead {
    private BoundedRead() {}

    /**
     * @param tooLarge the failure thrown once more than {@code limit} bytes have arrived
     */
    public static byte[] readAtMost(InputStream in, long limit, Supplier<? extends RuntimeException> tooLarge) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
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
        return out.toByteArray();
    }
}
