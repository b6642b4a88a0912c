package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant isolation probes of insight() for {@link TenantIsolationSuite}: tenant A's card record
 * (of an opportunity of account {@code acc}, which {@link ReviewIsolationProbes} creates) is
 * written by the constructor; {@link #addProbes} has tenant B call every method of the store with
 * A's keys; {@link #snapshot} is everything of A's the store returns.
 */
final class InsightIsolationProbes {
  private final Storage storage;
  private final String a;
  private final Instant from;
  private final Instant to;
  private final CardInsight record;

  InsightIsolationProbes(Storage storage, Opportunity opportunity, Instant from, Instant to) {
    this.storage = storage;
    this.a = opportunity.tenant();
    this.from = from;
    this.to = to;
    Instant t0 = StoreSuiteSupport.T0;
    this.record =
        new CardInsight(
            opportunity.id(),
            Optional.of("acc"),
            StoreSuiteSupport.SOURCE,
            t0,
            t0,
            t0,
            Set.of(RiskFlag.FUNDING),
            true,
            true);
    storage.insight().recordAll(List.of(record));
  }

  /** Everything of tenant A's the store returns. */
  List<Object> snapshot() {
    AccessScope all = AccessScope.tenant();
    return List.of(
        storage.insight().find(record.opportunityId()),
        storage.insight().accountHealth(a, all, "acc", to, 4, 10),
        storage.insight().inboxStats(a, all, from, to, from),
        storage.insight().dashboard(a, from, to),
        storage.insight().inbox(a, all, InboxQuery.all(), Optional.empty(), 10));
  }

  /** Adds tenant {@code b}'s probe of every method of the store. */
  void addProbes(String b, Map<String, Runnable> probes) {
    AccessScope all = AccessScope.tenant();
    OpportunityId ofB = OpportunityId.of(b, record.opportunityId().value());
    probes.put("insight.find", () -> assertThat(storage.insight().find(ofB)).isEmpty());
    probes.put(
        "insight.accountHealth",
        () -> assertThat(storage.insight().accountHealth(b, all, "acc", to, 4, 10)).isEmpty());
    probes.put(
        "insight.inboxStats",
        () -> assertThat(storage.insight().inboxStats(b, all, from, to, from).cards()).isZero());
    probes.put(
        "insight.dashboard",
        () -> assertThat(storage.insight().dashboard(b, from, to).cards()).isZero());
    probes.put(
        "insight.inbox",
        () -> {
          assertThat(storage.insight().inbox(b, all, InboxQuery.all(), Optional.empty(), 10))
              .isEmpty();
          InboxCursor start = new InboxCursor(Optional.empty(), to.plusSeconds(86_400), "");
          assertThat(storage.insight().inbox(b, all, InboxQuery.all(), Optional.of(start), 10))
              .isEmpty();
        });
    // Refreshing A's id under B touches nothing of A's (the snapshot shows it).
    probes.put("insight.refresh", () -> storage.insight().refresh(List.of(ofB)));
    // A's opportunity under B does not exist: the record is refused, A's stays.
    probes.put(
        "insight.recordAll",
        () ->
            assertThatThrownBy(
                    () ->
                        storage
                            .insight()
                            .recordAll(
                                List.of(
                                    new CardInsight(
                                        ofB,
                                        Optional.empty(),
                                        "x",
                                        StoreSuiteSupport.T0,
                                        StoreSuiteSupport.T0,
                                        StoreSuiteSupport.T0,
                                        Set.of(),
                                        false,
                                        false))))
                .isInstanceOf(ValidationException.class));
  }
}
