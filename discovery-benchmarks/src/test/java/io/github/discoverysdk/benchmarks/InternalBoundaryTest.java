package io.github.discoverysdk.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.benchmarks.storage.StorageBenchmark;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code io.github.discoverysdk.internal} and the run's stages ({@code io.github.discoverysdk.run})
 * are core's own: no other module may use them. Code that another module needs has a public,
 * documented home instead ({@code support}, {@code storage}); hosts drive runs through {@code
 * DiscoveryEngine}.
 *
 * <p>Lives here because this module's test classpath holds every module (core, scoring, connectors,
 * jdbc, testkit, the quickstart sample and this one). A class counts as core's when it was loaded
 * from the same classes directory or jar as {@link DiscoveryEngine}, so the rule needs no list of
 * core's packages (which grows with each subsystem) and no list of modules.
 */
class InternalBoundaryTest {
  private static final String BASE = "io.github.discoverysdk";

  /** Top-level packages of every non-core module; checked so the rule never passes vacuously. */
  private static final Set<String> MODULES =
      Set.of(
          "scoring",
          "connectors",
          "jdbc",
          "testkit",
          "micrometer",
          "benchmarks",
          "samples",
          "search");

  private static JavaClasses classes;
  private static Path coreLocation;

  @BeforeAll
  static void importEveryModule() throws URISyntaxException {
    coreLocation =
        Path.of(DiscoveryEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
  }

  @Test
  void everyModuleIsOnTheClasspath() {
    Set<String> seen = new TreeSet<>();
    for (JavaClass c : classes) {
      if (!inCore(c) && c.getPackageName().startsWith(BASE + ".")) {
        seen.add(c.getPackageName().substring(BASE.length() + 1).split("\\.")[0]);
      }
    }
    assertThat(seen).containsAll(MODULES);
    assertThat(inCore(classes.get(DiscoveryEngine.class))).isTrue();
    assertThat(inCore(classes.get(StorageBenchmark.class))).isFalse();
  }

  @Test
  void noModuleButCoreUsesCoreInternals() {
    noClasses()
        .that(DescribedPredicate.describe("are outside discovery-core", c -> !inCore(c)))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BASE + ".internal..")
        .because(
            "internal may change without notice; shared code belongs in a public package such as"
                + " support or storage")
        .check(classes);
  }

  @Test
  void noModuleButCoreDrivesTheRunPipeline() {
    noClasses()
        .that(DescribedPredicate.describe("are outside discovery-core", c -> !inCore(c)))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BASE + ".run..")
        .because(
            "the run's stages are not API (RunPipeline is public only for the engine); hosts and"
                + " modules use DiscoveryEngine")
        .check(classes);
  }

  private static boolean inCore(JavaClass c) {
    return c.getSource().map(s -> container(s.getUri()).startsWith(coreLocation)).orElse(false);
  }

  /** The file of a class in a directory, or the jar that holds it. */
  private static Path container(URI uri) {
    String s = uri.toString();
    return s.startsWith("jar:")
        ? Path.of(URI.create(s.substring("jar:".length(), s.indexOf("!/"))))
        : Path.of(uri);
  }
}
