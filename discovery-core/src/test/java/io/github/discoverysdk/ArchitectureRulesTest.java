package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ArchitectureTest} on two small fixture trees shaped like core: in {@code
 * archfixture.accepted}, {@code run} uses {@code model} and {@code spi} as the real run pipeline
 * will, and a subsystem's facade uses {@code spi.Storage}, which hands out its store; in {@code
 * archfixture.rejected}, {@code model} calls back into {@code run}, {@code spi} into the engine and
 * a facet, and an SPI other than {@code Storage} into a subsystem. Proves the rules accept the
 * intended layering and can fail.
 */
class ArchitectureRulesTest {
  private static final String ACCEPTED = "io.github.discoverysdk.archfixture.accepted";
  private static final String REJECTED = "io.github.discoverysdk.archfixture.rejected";

  @Test
  void runDependingOnModelAndSpiIsAccepted() {
    JavaClasses classes = new ClassFileImporter().importPackages(ACCEPTED);

    assertThatCode(() -> ArchitectureTest.noCyclesBetweenPackages(ACCEPTED).check(classes))
        .doesNotThrowAnyException();
    assertThatCode(() -> ArchitectureTest.spiDoesNotDependOnTheEngine(ACCEPTED).check(classes))
        .doesNotThrowAnyException();
  }

  @Test
  void modelCallingBackIntoRunIsACycle() {
    JavaClasses classes = new ClassFileImporter().importPackages(REJECTED);

    assertThatThrownBy(() -> ArchitectureTest.noCyclesBetweenPackages(REJECTED).check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected: model -> ");
  }

  @Test
  void onlyStoragesAccessorOfASubsystemsStoreIsLeftOutOfTheCycleCheck() {
    JavaClasses classes = new ClassFileImporter().importPackages(REJECTED);

    // Both trees' Storage hands out review's store while review's facade uses Storage; the
    // accepted tree passes (above), and here only Ledger's use of review closes the cycle.
    assertThatThrownBy(() -> ArchitectureTest.noCyclesBetweenPackages(REJECTED).check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(REJECTED + ".spi.Ledger")
        .hasMessageNotContaining("Method <" + REJECTED + ".spi.Storage.cards()");
  }

  @Test
  void spiUsingTheEngineOrRunIsRejected() {
    JavaClasses classes = new ClassFileImporter().importPackages(REJECTED);

    assertThatThrownBy(() -> ArchitectureTest.spiDoesNotDependOnTheEngine(REJECTED).check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(REJECTED + ".DiscoveryEngine")
        .hasMessageContaining(REJECTED + ".Sessions")
        .hasMessageContaining(REJECTED + ".run.Stage")
        .hasMessageNotContaining("<" + REJECTED + ".DiscoveryException>");
  }
}
