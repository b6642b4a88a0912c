package io.github.discoverysdk;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries inside {@code discovery-core}, checked on its compiled classes.
 *
 * <p><b>Slices.</b> Each package right below {@code io.github.discoverysdk}, together with its own
 * subpackages, is one slice ({@code io.github.discoverysdk.(*)..}): {@code model}, {@code spi},
 * {@code matching}, {@code temporal}, {@code lifecycle}, {@code support}, {@code storage}, {@code
 * run} and so on. Subpackages belong to their parent's slice because a package such as {@code run}
 * may well split its stages into {@code run.stage} that call back into {@code run}: that is the
 * package's own affair, while a cycle between two top-level packages is a design error.
 *
 * <p><b>The root package is not a slice.</b> {@code io.github.discoverysdk} holds the engine facade
 * ({@code DiscoveryEngine} and its facets), which by nature depends on every package, and the
 * exception types ({@code DiscoveryException} and its subclasses) that every package throws. Made a
 * slice, it would report a "cycle" with each package for no fault of theirs; moving the exceptions
 * into their own package would break every host's catch clauses for no gain. So the root sits above
 * the slices and is allowed both ways; the rule {@link #spiDoesNotDependOnTheEngine} then checks
 * the one direction that matters for the SPI: it may use the root's exceptions, never the engine.
 *
 * <p><b>The run pipeline.</b> {@code io.github.discoverysdk.run} may depend on {@code model},
 * {@code spi}, {@code matching}, {@code temporal} and {@code lifecycle}: none of these depends on
 * {@code run}, so no cycle arises. A dependency back from any of them to {@code run} closes a cycle
 * and fails {@link #noCyclesBetweenPackages}; from {@code spi} it also fails {@link
 * #spiDoesNotDependOnTheEngine}. {@link ArchitectureRulesTest} shows both on small fixtures.
 *
 * <p>That no other module uses {@code internal} is checked in {@code discovery-benchmarks}, the one
 * module whose test classpath holds every module.
 */
@AnalyzeClasses(
    packages = ArchitectureTest.BASE,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String BASE = "io.github.discoverysdk";

  @ArchTest static final ArchRule noCyclesBetweenPackages = noCyclesBetweenPackages(BASE);

  @ArchTest static final ArchRule spiDoesNotDependOnTheEngine = spiDoesNotDependOnTheEngine(BASE);

  /**
   * No cycle between the top-level packages below {@code base}, but for one edge: {@code
   * spi.Storage}'s accessor of each subsystem's store ({@code accounts()}, {@code reviews()}, …).
   * The design has each subsystem keep its store in its own package, handed out by {@code Storage},
   * and its facade in that package built from {@code Storage}; the accessor is the storage SPI's
   * index of the stores, not a use of the subsystem, so it is left out of the cycle check. Any
   * other dependency of {@code spi} on a subsystem still closes a cycle.
   */
  static ArchRule noCyclesBetweenPackages(String base) {
    return slices()
        .matching(base + ".(*)..")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(
            simpleName("Storage").and(resideInAPackage(base + ".spi")).as("spi.Storage"),
            DescribedPredicate.alwaysTrue())
        .because(
            "a cycle makes packages one unit that cannot be understood, tested or split alone:"
                + " move the helper down or invert the dependency");
  }

  /**
   * Nothing in {@code base.spi} uses the engine, its facades or the run pipeline: connector authors
   * implement the SPI without the engine, and the engine can change freely behind it. The
   * exceptions of the root package are allowed.
   */
  static ArchRule spiDoesNotDependOnTheEngine(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".spi..")
        .should()
        .dependOnClassesThat(engine(base))
        .because(
            "the SPI is implemented without the engine; only the root's exceptions are shared");
  }

  /**
   * Every class of the root package but the exceptions: the engine, its builder, facets and
   * collaborators, including those added later, so that a new facet is covered without listing it.
   */
  static DescribedPredicate<JavaClass> engine(String base) {
    DescribedPredicate<JavaClass> facades =
        resideInAPackage(base)
            .and(not(assignableTo(base + ".DiscoveryException")))
            .as("are the engine or its facades");
    return facades.or(resideInAPackage(base + ".run..")).as("are the engine, its facades or run");
  }
}
