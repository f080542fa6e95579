package io.kube9.charts.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OciRepositoryTest {
    @Test
    void namesChartsTagsAndReferencesAsHelmDoes() {
        OciRepository repository = OciRepository.parse("oci://public.ecr.aws/kube9/");
        assertEquals(new OciRepository("public.ecr.aws", "kube9"), repository);
        assertEquals("kube9/kube9-operator", repository.repositoryOf("kube9-operator"));
        assertEquals("oci://public.ecr.aws/kube9/kube9-operator", repository.chartUrl("kube9-operator"));
        assertEquals("oci://public.ecr.aws/kube9/kube9-operator:2.4.0-rc.1_build.7", repository.reference("kube9-operator", "2.4.0-rc.1+build.7"));
        assertEquals("oci://public.ecr.aws/kube9", repository.toString());

        OciRepository root = OciRepository.parse("oci://127.0.0.1:5000");
        assertEquals("demo", root.repositoryOf("demo"));
        assertEquals("oci://127.0.0.1:5000/demo:1.0.0", root.reference("demo", "1.0.0"));
        assertEquals("ghcr.io/alto9/charts", OciRepository.parse("oci://ghcr.io/alto9/charts").host() + "/"
                + OciRepository.parse("oci://ghcr.io/alto9/charts").path());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://ghcr.io/alto9|it does not start with oci://",
        "oci://|\"\" is not a registry host name (with an optional :PORT)",
        "oci://bad_host.io/x|\"bad_host.io\" is not a registry host name (with an optional :PORT)",
        "oci://ghcr.io:http/x|\"http\" is not a port number",
        "oci://ghcr.io:70000/x|\"70000\" is not a port number",
        "oci://localhost/charts|the registry \"localhost\" has neither a dot nor a port; write it with its port, e.g. oci://localhost:5000/charts",
        "oci://ghcr.io/Alto9/charts|the path component \"Alto9\" is not allowed in an OCI repository name (lowercase letters and digits, separated by '.', '_', '__' or '-')",
        "oci://ghcr.io/alto9//charts|the path component \"\" is not allowed in an OCI repository name (lowercase letters and digits, separated by '.', '_', '__' or '-')",
    })
    void refusesWhatIsNoOciRepositoryWithTheFormToUse(String uri, String problem) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> OciRepository.parse(uri));
        assertEquals(uri + ": " + problem + ". Write it as oci://HOST[:PORT]/PATH, e.g. oci://public.ecr.aws/kube9 or"
                + " oci://ghcr.io/alto9/charts", refused.getMessage());
    }
}
