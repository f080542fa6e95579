package io.kube9.charts.repository.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.testing.AccessDeniedS3Stub;
import io.kube9.charts.testing.S3MockServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the S3 store says when S3 refuses a key (IAM cannot be run here): the real S3 client against
 * {@link AccessDeniedS3Stub}, which answers as S3 does when the role's policy does not allow the request.
 */
class S3AccessDeniedWithStubS3Test {
    private static AccessDeniedS3Stub stub;
    private static S3ObjectStore store;

    @BeforeAll
    static void startStub() {
        stub = AccessDeniedS3Stub.start();
        S3MockServer.useCredentialsInThisJvm();
        store = S3ObjectStore.connect("kube9-charts-production", stub.endpoint(), "us-east-1", true);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    private static final String CHART_MESSAGE = ": AWS refused access (403 AccessDenied): the role in use may not publish the"
            + " chart 'kube9-agent'. A publisher role may write only the packages and provenance files of the charts listed"
            + " for its GitHub repository under publishing.repositories[].charts in the chart hosting project's configuration"
            + " (src/main/resources/io/kube9/charts/config/defaults.yaml, or the environment's overlay). Fix: add"
            + " 'kube9-agent' to the charts of the repository that releases it and deploy the infrastructure, or publish it"
            + " from the repository whose entry lists it";

    private static StorageAccessDeniedException refused(Executable call) {
        StorageAccessDeniedException e = assertThrows(StorageAccessDeniedException.class, call);
        assertFalse(e.getMessage().contains("Service: S3"), "no raw SDK message: " + e.getMessage());
        return e;
    }

    @Test
    void readingAnotherRepositorysPackageNamesTheChartAndWhereItIsAllowed() {
        StorageAccessDeniedException e = refused(() -> store.get("kube9-agent-1.2.0.tgz"));
        assertEquals("could not read s3://kube9-charts-production/kube9-agent-1.2.0.tgz" + CHART_MESSAGE, e.getMessage());
        assertEquals("kube9-agent-1.2.0.tgz", e.key());
    }

    @Test
    void writingAProvenanceFileWithBuildMetadataNamesTheChart() {
        StorageAccessDeniedException e = refused(() -> store.putIfAbsent("kube9-agent-1.2.0+build.7.tgz.prov",
                "signature".getBytes(StandardCharsets.UTF_8), new ObjectHeaders("text/plain;charset=utf-8", "public")));
        assertEquals("could not write s3://kube9-charts-production/kube9-agent-1.2.0+build.7.tgz.prov" + CHART_MESSAGE,
                e.getMessage());
    }

    @Test
    void aHeadRefusalHasNoBodyAndIsTheSameRefusal() {
        StorageAccessDeniedException e = refused(() -> store.head("kube9-agent-1.2.0.tgz"));
        assertEquals("could not inspect s3://kube9-charts-production/kube9-agent-1.2.0.tgz" + CHART_MESSAGE, e.getMessage());
    }

    @Test
    void chartNamesWithDigitsAfterADashAreStillNamedRight() {
        assertTrue(refused(() -> store.get("app-2-10.0.1-rc.1.tgz")).getMessage().contains("may not publish the chart 'app-2'."));
    }

    @Test
    void aRepositoryFileRefusalPointsAtTheRoleAndTheBucket() {
        StorageAccessDeniedException e = refused(() -> store.get("index.yaml"));
        assertEquals("could not read s3://kube9-charts-production/index.yaml: AWS refused access (403 AccessDenied): the"
                + " credentials in use may not read it. Fix: publish through publish-charts.yml with the publisher role of"
                + " this bucket's stack (terraform output publisher_role_arns; the repositories and their charts are"
                + " publishing.repositories[].charts in the chart hosting project's configuration"
                + " (src/main/resources/io/kube9/charts/config/defaults.yaml, or the environment's overlay)), and check"
                + " --bucket", e.getMessage());
    }
}
