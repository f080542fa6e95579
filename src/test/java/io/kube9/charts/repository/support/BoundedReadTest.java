package io.kube9.charts.repository.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedReadTest {
    @Test
    void readsAStreamUpToTheLimit() throws Exception {
        byte[] content = new byte[100_000];
        content[99_999] = 7;
        assertArrayEquals(content, BoundedRead.readAtMost(new ByteArrayInputStream(content), 100_000, IllegalStateException::new));
    }

    @Test
    void stopsReadingAnEndlessStreamOncePastTheLimit() {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served[0] += len;
                return len;
            }
        };
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> BoundedRead.readAtMost(endless, 1_000_000, () -> new IllegalStateException("too large")));
        assertEquals("too large", failure.getMessage());
        assertTrue(served[0] <= 1_000_000 + 64 * 1024, "read " + served[0] + " bytes");
    }
}
