package io.kube9.charts.repository.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VersionOrderTest {
    @Test
    void sortsNewestFirstBySemVerPrecedenceWithUnparseableVersionsLast() {
        List<String> shuffled = List.of("1.0.0-alpha.beta", "not-a-version", "1.0.0", "1.0.0-alpha.1", "1.0.0-rc.1",
                "1.0.0-beta.11", "v2", "1.0.0-alpha", "1.0.0-beta", "1.0.0-beta.2", "1.10.0", "1.9.0+build.7");
        assertEquals(List.of("v2", "1.10.0", "1.9.0+build.7", "1.0.0", "1.0.0-rc.1", "1.0.0-beta.11", "1.0.0-beta.2",
                        "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.1", "1.0.0-alpha", "not-a-version"),
                VersionOrder.newestFirst(shuffled, Function.identity()));
    }

    /** Found by IndexCodecFuzzTest: semver4j 5.4.0's own compareTo throws on these pre-release identifiers. */
    @Test
    void alphanumericPreReleaseIdentifiersWithANumericStartCompareAsText() {
        assertEquals(List.of("2.0.0-10E25100", "2.0.0-10E", "2.0.0-5100"),
                VersionOrder.newestFirst(List.of("2.0.0-10E", "2.0.0-5100", "2.0.0-10E25100"), Function.identity()));
    }

    @Test
    void numericIdentifiersLongerThanALongCompareNumerically() {
        assertEquals(List.of("1.0.0-123456789012345678901", "1.0.0-99999999999999999999"),
                VersionOrder.newestFirst(List.of("1.0.0-99999999999999999999", "1.0.0-123456789012345678901"),
                        Function.identity()));
    }
}
