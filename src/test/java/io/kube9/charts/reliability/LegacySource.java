package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.migration.LegacyRepository;
import io.kube9.charts.migration.RepositoryFront;
import io.kube9.charts.migration.RepositoryFront.Origin;
import java.nio.file.Path;

/**
 * The legacy repository (built with the real Helm as the live one was) served on loopback as the
 * legacy CDN serves it: the source of the import's fault matrix and crash test. The faults are
 * injected between the importer and its destination, as in the publisher's tests.
 */
final class LegacySource implements AutoCloseable {
    final RepositoryFront front;
    final LegacyRepository repository;

    LegacySource(Path work) {
        front = RepositoryFront.start();
        repository = LegacyRepository.build(work, front.url());
        front.serve(Origin.legacy(repository.root()));
    }

    /** The import into {@code repository} is complete: every legacy version as the legacy has it, the CDN told. */
    void assertImportedInto(ProxiedRepository services, ProxiedRepository.Repository repository) {
        RepositoryState after = services.state(repository.bucket());
        this.repository.assertImported(after.objects(), PublisherHarness.REPOSITORY_URL);
        assertTrue(after.entries().stream().anyMatch(entry -> entry.name().equals("base")), "the chart published before is kept");
        assertTrue(services.invalidatedSince(repository.distribution(), repository.invalidationsBefore(), "/index.yaml"),
                "no CloudFront invalidation of /index.yaml since the import: " + services.cloudFront.invalidations(repository.distribution()));
    }

    @Override
    public void close() {
        front.close();
    }
}
