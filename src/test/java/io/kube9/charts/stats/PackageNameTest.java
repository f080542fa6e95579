package io.kube9.charts.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackageNameTest {
    private static final List<String> INDEX = List.of("web", "web-app", "kube9-operator");

    @Test
    void theLongestChartNameOfTheIndexWins() {
        assertEquals(new PackageName("web-app", "2.0.0"), PackageName.parse("/web-app-2.0.0.tgz", INDEX));
        assertEquals(new PackageName("web", "1.0.0"), PackageName.parse("/web-1.0.0.tgz", INDEX));
        assertEquals(new PackageName("kube9-operator", "1.0.0-rc.1"), PackageName.parse("/kube9-operator-1.0.0-rc.1.tgz", INDEX));
    }

    @Test
    void aPackageTheIndexDoesNotListIsSplitBeforeTheFirstVersion() {
        assertEquals(new PackageName("old-chart", "0.9.0-rc.1"), PackageName.parse("/old-chart-0.9.0-rc.1.tgz", INDEX));
        assertEquals(new PackageName("app2-x", "1.2.3"), PackageName.parse("/app2-x-1.2.3.tgz", List.of()));
        assertEquals(new PackageName("no-version-here", PackageName.UNRECOGNIZED_VERSION),
                PackageName.parse("/no-version-here.tgz", INDEX));
    }

    @Test
    void theLoggedPathIsPercentDecodedButAPlusStaysAPlus() {
        assertEquals(new PackageName("kube9-operator", "1.3.0+build.7"), PackageName.parse("/kube9-operator-1.3.0%2Bbuild.7.tgz", INDEX));
        assertEquals(new PackageName("kube9-operator", "1.3.0+build.7"), PackageName.parse("/kube9-operator-1.3.0+build.7.tgz", INDEX));
        assertEquals("100%zz", PackageName.percentDecode("100%zz"));
        assertEquals("é", PackageName.percentDecode("%C3%A9"));
    }
}
