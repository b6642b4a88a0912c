package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Map;

/**
 * The tenant isolation probes of drafts() for {@link TenantIsolationSuite}: tenant A's match and
 * draft are written by the constructor; {@link #addProbes} has tenant B call every method of the
 * store with A's ids; {@link #snapshot} is everything of A's the store returns.
 */
final class DraftIsolationProbes {
  private final Storage storage;
  private final OpportunityId card;

  DraftIsolationProbes(Storage storage, String a) {
    this.storage = storage;
    this.card = OpportunityId.of(a, "drafted-card");
    storage.drafts().saveMatch(DraftStoreSuite.match(card, "funding"));
    storage.drafts().append(List.of(DraftStoreSuite.draft(card, Channel.EMAIL, 1, "A's draft")));
  }

  /** Everything of tenant A's the store returns. */
  List<Object> snapshot() {
    return List.of(
        storage.drafts().findMatch(card),
        storage.drafts().versions(card, Channel.EMAIL),
        storage.drafts().latest(card));
  }

  /** Adds tenant {@code b}'s probe of every method of the store. */
  void addProbes(String b, Map<String, Runnable> probes) {
    OpportunityId ofB = OpportunityId.of(b, card.value());
    probes.put("drafts.findMatch", () -> assertThat(storage.drafts().findMatch(ofB)).isEmpty());
    probes.put(
        "drafts.versions",
        () -> assertThat(storage.drafts().versions(ofB, Channel.EMAIL)).isEmpty());
    probes.put("drafts.latest", () -> assertThat(storage.drafts().latest(ofB)).isEmpty());
    // A's version 1 under B: B's first match and draft, A's untouched.
    probes.put(
        "drafts.saveMatch",
        () -> {
          PlaybookMatch m = storage.drafts().saveMatch(DraftStoreSuite.match(ofB, "mallory"));
          assertThat(m.version()).isEqualTo(1);
        });
    // A's card id under B: at most B's own match is recorded, A's stays as it is.
    probes.put(
        "drafts.recordMatches",
        () ->
            assertThat(
                    storage.drafts().recordMatches(List.of(DraftStoreSuite.match(ofB, "mallory"))))
                .allSatisfy(m -> assertThat(m.tenant()).isEqualTo(b)));
    probes.put(
        "drafts.append",
        () ->
            assertThat(
                    storage
                        .drafts()
                        .append(List.of(DraftStoreSuite.draft(ofB, Channel.EMAIL, 1, "Mallory"))))
                .extracting(Draft::tenant)
                .containsExactly(b));
  }
}
