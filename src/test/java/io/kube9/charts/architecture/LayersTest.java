package io.kube9.charts.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the product code, as the README's layout section draws it: the repository core imports
 * nothing above it; the adapters (OCI registry, site) implement the core's ports; verification reads through the
 * core; each capability composes the core (and may verify) without knowing another capability or an adapter; the
 * CLI wires them all. No two packages depend on each other in a cycle.
 */
class LayersTest {
    static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kube9.charts");

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
            .layer("Core").definedBy("io.kube9.charts.repository..")
            .layer("Adapters").definedBy("io.kube9.charts.oci..", "io.kube9.charts.site..")
            .layer("Verification").definedBy("io.kube9.charts.verification..")
            .layer("Capabilities").definedBy("io.kube9.charts.publishing..", "io.kube9.charts.lifecycle..",
                    "io.kube9.charts.migration..", "io.kube9.charts.stats..")
            .layer("Cli").definedBy("io.kube9.charts.cli..")
            .layer("Infrastructure").definedBy("io.kube9.charts.infra..", "io.kube9.charts.config..", "io.kube9.charts.ops..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Capabilities").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Verification").mayOnlyBeAccessedByLayers("Capabilities", "Cli")
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Adapters", "Verification", "Capabilities", "Cli")
            .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("Cli");

    static final ArchRule CAPABILITIES_APART = slices()
            .matching("io.kube9.charts.(publishing|lifecycle|migration|stats)..").should().notDependOnEachOther();

    static final ArchRule ADAPTERS_APART = slices().matching("io.kube9.charts.(oci|site)..").should().notDependOnEachOther();

    static final ArchRule NO_CYCLES = slices().matching("io.kube9.charts.(**)").should().beFreeOfCycles();

    @Test
    void lowerLayersNeverImportHigherOnes() {
        LAYERS.check(PRODUCT);
    }

    @Test
    void capabilitiesDoNotKnowEachOther() {
        CAPABILITIES_APART.check(PRODUCT);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        ADAPTERS_APART.check(PRODUCT);
    }

    @Test
    void packagesFormNoCycle() {
        NO_CYCLES.check(PRODUCT);
    }
}
