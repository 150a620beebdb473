package com.ecommerce.users;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of the code (docs/architecture.md, "Layers"): the packages are the layers, imports run one way, down, and
 * no package is in a cycle. Checked on the compiled main classes, so a back-import fails the build.
 */
class ArchitectureTests {

    private static final String BASE = "com.ecommerce.users";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE, "db.migration");

    /** A feature may use these other features, and no other: its own code and what lies below are always allowed. */
    private static final Map<String, List<String>> FEATURE_USES = Map.of(
            // the login of an unverified account, where verification is required; a login's second step
            "login", List.of("verification", "mfa"),
            // a registration or a new address mails a verification link; a sensitive change needs the second factor
            "user", List.of("verification", "mfa"),
            "mfa", List.of(),
            "verification", List.of(),
            "recovery", List.of(),
            "introspection", List.of());

    @Test
    void layersAreUsedOnlyFromAbove() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Application").definedBy(BASE)
                .layer("Features").definedBy(packages("login", "user", "mfa", "verification", "recovery", "introspection"))
                .layer("Authentication").definedBy(packages("jwt", "credential"))
                .layer("Account services").definedBy(packages("accountcache", "mailedlink", "mail"))
                .layer("Account").definedBy(BASE + ".account..", "db.migration..")
                .layer("Shared services").definedBy(packages("audit", "password", "throttle"))
                .layer("Platform").definedBy(packages("platform"))
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Authentication").mayOnlyBeAccessedByLayers("Application", "Features")
                .whereLayer("Account services").mayOnlyBeAccessedByLayers("Application", "Features", "Authentication")
                .whereLayer("Account").mayOnlyBeAccessedByLayers("Application", "Features", "Authentication",
                        "Account services")
                .whereLayer("Shared services").mayOnlyBeAccessedByLayers("Application", "Features", "Authentication",
                        "Account services", "Account")
                .check(MAIN);
    }

    @Test
    void featuresUseEachOtherOnlyWhereAllowed() {
        FEATURE_USES.forEach((feature, uses) -> {
            String[] others = FEATURE_USES.keySet().stream()
                    .filter(other -> !other.equals(feature) && !uses.contains(other))
                    .map(other -> BASE + "." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(BASE + "." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .as(feature + " uses only " + uses + " of the other features")
                    .check(MAIN);
        });
    }

    @Test
    void resourcesAreUsedByNothing() {
        noClasses().that().resideOutsideOfPackage("..rest..")
                .should().dependOnClassesThat().resideInAPackage("..rest..")
                .as("the REST layer of each feature sits on top: nothing below calls into it")
                .check(MAIN);
    }

    @Test
    void noPackageIsInACycle() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    private static String[] packages(String... names) {
        return java.util.Arrays.stream(names).map(name -> BASE + "." + name + "..").toArray(String[]::new);
    }
}
