package io.kube9.charts.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackageUrlsTest {
    private static final String REPO = "https://charts.kube9.io";

    @Test
    void buildMetadataPlusIsPercentEncodedSoS3DoesNotReadItAsASpace() {
        assertEquals("alpha-1.0.0%2Bbuild.7.tgz", PackageUrls.encode("alpha-1.0.0+build.7.tgz"));
        assertEquals("https://charts.kube9.io/alpha-1.0.0%2Bbuild.7.tgz",
                RepositorySettings.defaults(REPO).packageUrl("alpha-1.0.0+build.7.tgz"));
        assertEquals("alpha-1.0.0%2Bbuild.7.tgz",
                RepositorySettings.defaults(REPO).withRelativeUrls(true).packageUrl("alpha-1.0.0+build.7.tgz"));
    }

    @Test
    void ordinaryKeysAreUnchanged() {
        assertEquals("kube9-operator-2.4.0-rc.1_x~y.tgz", PackageUrls.encode("kube9-operator-2.4.0-rc.1_x~y.tgz"));
        assertEquals("https://charts.kube9.io/kube9-operator-1.0.0.tgz",
                RepositorySettings.defaults(REPO + "/").packageUrl("kube9-operator-1.0.0.tgz"));
    }

    @Test
    void otherCharactersAreEncodedAsUtf8Bytes() {
        assertEquals("a%20b%25c%3F%23%C3%A9%F0%9F%98%80.tgz", PackageUrls.encode("a b%c?#é😀.tgz"));
        assertEquals("a b%c?#é😀.tgz", PackageUrls.decode(PackageUrls.encode("a b%c?#é😀.tgz")));
    }

    @Test
    void keyOfAcceptsTheLiteralAndTheEncodedPlus() {
        assertEquals(Optional.of("alpha-1.0.0+build.7.tgz"), PackageUrls.keyOf(REPO + "/alpha-1.0.0+build.7.tgz", REPO));
        assertEquals(Optional.of("alpha-1.0.0+build.7.tgz"), PackageUrls.keyOf(REPO + "/alpha-1.0.0%2Bbuild.7.tgz", REPO));
        assertEquals(Optional.of("alpha-1.0.0+build.7.tgz"), PackageUrls.keyOf("alpha-1.0.0%2bbuild.7.tgz", REPO));
        assertEquals(Optional.of("alpha-1.0.0.tgz"), PackageUrls.keyOf("/alpha-1.0.0.tgz?x=1#y", REPO + "/"));
    }

    @Test
    void keyOfIsEmptyForUrlsOutsideTheRepository() {
        assertEquals(Optional.empty(), PackageUrls.keyOf("https://github.com/o/r/releases/download/v1/a-1.0.0.tgz", REPO));
        assertEquals(Optional.empty(), PackageUrls.keyOf("https://charts.kube9.io.evil.test/a-1.0.0.tgz", REPO));
    }

    @Test
    void malformedEscapesStayAsWritten() {
        assertEquals("a%zz%2", PackageUrls.decode("a%zz%2"));
        assertEquals("100%", PackageUrls.decode("100%"));
    }
}
