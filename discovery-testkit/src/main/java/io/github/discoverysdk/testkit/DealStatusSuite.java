package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.EnrichmentStatus.Outcome;
import io.github.discoverysdk.deals.EnrichmentStatus.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of the enrichment statuses of deals(): one status per (tenant,
 * subject, key) with its outcome, source and reason, replaced by the next save, listed by outcome
 * in key order.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code DealStatuses}; never extend this class directly.
 */
public abstract class DealStatusSuite extends StoreSuiteSupport {
  DealStatusSuite() {}

  private DealStore deals() {
    return storage().deals();
  }

  private static EnrichmentStatus status(
      Subject subject, String key, Outcome outcome, String reason, Instant at) {
    return EnrichmentStatus.builder()
        .tenant(TENANT_A)
        .subject(subject)
        .key(key)
        .outcome(outcome)
        .source("waterfall")
        .reason(reason)
        .at(at)
        .build();
  }

  @Test
  void everyOutcomeComesBackWithItsSourceAndReasonAndALaterSaveReplacesIt() {
    List<EnrichmentStatus> all = new ArrayList<>();
    int i = 0;
    for (Outcome o : Outcome.values()) {
      all.add(status(Subject.CONTACT, "c" + i + "@acme.com", o, "why " + o, T0.plusSeconds(i)));
      i++;
    }
    deals().saveStatuses(all);

    List<String> keys = all.stream().map(EnrichmentStatus::key).toList();
    assertThat(deals().findStatuses(TENANT_A, Subject.CONTACT, keys).values())
        .containsExactlyInAnyOrderElementsOf(all);
    assertThat(deals().findStatuses(TENANT_A, Subject.ACCOUNT, keys)).isEmpty();
    assertThat(deals().findStatuses(TENANT_A, Subject.CONTACT, List.of())).isEmpty();

    EnrichmentStatus found =
        status(Subject.CONTACT, "c0@acme.com", Outcome.ENRICHED, "", T0.plusSeconds(60));
    deals().saveStatuses(List.of(found));
    assertThat(deals().findStatuses(TENANT_A, Subject.CONTACT, List.of("c0@acme.com")))
        .containsEntry("c0@acme.com", found)
        .hasSize(1);
  }

  @Test
  void statusesOfOneOutcomeAreListedByKeyUpToTheLimit() {
    List<EnrichmentStatus> queued = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      queued.add(status(Subject.DEAL, "hubspot/d-" + (100 + i), Outcome.QUEUED, "", T0));
    }
    deals().saveStatuses(queued);
    deals()
        .saveStatuses(
            List.of(
                status(Subject.DEAL, "hubspot/d-100", Outcome.ENRICHED, "", T0.plusSeconds(1)),
                status(Subject.CONTACT, "hubspot/d-999", Outcome.QUEUED, "", T0)));

    List<EnrichmentStatus> page = deals().listStatuses(TENANT_A, Subject.DEAL, Outcome.QUEUED, 10);
    assertThat(page)
        .extracting(EnrichmentStatus::key)
        .containsExactlyElementsOf(
            queued.subList(1, 11).stream().map(EnrichmentStatus::key).toList());
    assertThat(deals().listStatuses(TENANT_A, Subject.DEAL, Outcome.QUEUED, 100)).hasSize(29);
    assertThat(deals().listStatuses(TENANT_A, Subject.DEAL, Outcome.ENRICHED, 100))
        .extracting(EnrichmentStatus::key)
        .containsExactly("hubspot/d-100");
    assertThat(deals().listStatuses(TENANT_A, Subject.DEAL, Outcome.QUEUED, 0)).isEmpty();
    assertThat(deals().listStatuses(TENANT_B, Subject.DEAL, Outcome.QUEUED, 100)).isEmpty();
  }

  @Test
  void sixHundredStatusesAreSavedAndFoundInOneCallEach() {
    List<EnrichmentStatus> many = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(status(Subject.ACCOUNT, "acme" + i + ".com", Outcome.NOT_FOUND, "no data", T0));
    }
    deals().saveStatuses(many);
    assertThat(
            deals()
                .findStatuses(
                    TENANT_A, Subject.ACCOUNT, many.stream().map(EnrichmentStatus::key).toList()))
        .hasSize(600);
  }

  @Test
  void aBatchThatRepeatsAKeyIsRefusedAndARolledBackOneLeavesNothing() {
    EnrichmentStatus jane =
        status(Subject.CONTACT, "jane@acme.com", Outcome.SOURCE_FAILED, "apollo: 500", T0);
    assertThatThrownBy(() -> deals().saveStatuses(List.of(jane, jane)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("jane@acme.com");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.deals().saveStatuses(List.of(jane));
                          throw new IllegalStateException("rolled back");
                        }))
        .hasMessage("rolled back");
    assertThat(deals().findStatuses(TENANT_A, Subject.CONTACT, List.of("jane@acme.com"))).isEmpty();
    assertThatThrownBy(
            () -> EnrichmentStatus.builder().from(jane).reason("x".repeat(1_001)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("status.reason");
  }

  @Test
  void aMissIsKnownOnlyWhileYoungerThanTheMissDays() {
    EnrichmentStatus miss = status(Subject.CONTACT, "x@acme.com", Outcome.NOT_FOUND, "", T0);
    assertThat(miss.knownMissAt(T0.plusSeconds(86_400L * 29), 30)).isTrue();
    assertThat(miss.knownMissAt(T0.plusSeconds(86_400L * 30), 30)).isFalse();
    assertThat(
            EnrichmentStatus.builder()
                .from(miss)
                .outcome(Outcome.SOURCE_FAILED)
                .build()
                .knownMissAt(T0, 30))
        .isFalse();
  }
}
