package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.draft.Citation;
import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of drafts(): a card's playbook match, saved with optimistic
 * versions, and its draft versions per channel, appended in order, never changed.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Drafts} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class DraftStoreSuite extends StoreSuiteSupport {
  static final OpportunityId CARD = OpportunityId.of(TENANT_A, "opp-1");

  DraftStoreSuite() {}

  private DraftStore drafts() {
    return storage().drafts();
  }

  static PlaybookMatch match(OpportunityId id, String playbook) {
    return PlaybookMatch.builder()
        .opportunityId(id)
        .playbookId(playbook)
        .playbookName("Playbook " + playbook)
        .addReasons("signal type is FUNDING", "account tier is enterprise")
        .matchedAt(T0)
        .build();
  }

  static Draft draft(OpportunityId id, Channel channel, long version, String text) {
    return Draft.builder()
        .opportunityId(id)
        .channel(channel)
        .version(version)
        .text(text)
        .generator("template")
        .addCitations(
            Citation.builder()
                .signalKey("news:1")
                .url(URI.create("https://example.com/1"))
                .addFields(EvidenceField.TITLE, EvidenceField.TEXT)
                .addTerms("Acme", "funding")
                .build())
        .createdBy("am-1")
        .createdAt(T0.plusSeconds(version))
        .build();
  }

  @Test
  void aMatchIsSavedWithOptimisticVersions() {
    assertThat(drafts().findMatch(CARD)).isEmpty();

    PlaybookMatch first = drafts().saveMatch(match(CARD, "funding"));
    PlaybookMatch second =
        drafts().saveMatch(PlaybookMatch.builder().from(match(CARD, "general")).version(1).build());

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(drafts().findMatch(CARD)).contains(second);
    assertThat(drafts().findMatch(CARD).orElseThrow().reasons())
        .containsExactly("signal type is FUNDING", "account tier is enterprise");
    assertThatThrownBy(() -> drafts().saveMatch(match(CARD, "stale")))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () ->
                drafts()
                    .saveMatch(
                        PlaybookMatch.builder().from(match(CARD, "stale")).version(1).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(drafts().findMatch(CARD)).contains(second);
  }

  @Test
  void recordedMatchesAreStoredOnceAndNeverOverwriteAStoredOne() {
    OpportunityId other = OpportunityId.of(TENANT_A, "other-card");
    OpportunityId third = OpportunityId.of(TENANT_A, "third-card");
    PlaybookMatch kept = drafts().saveMatch(match(CARD, "funding"));

    List<PlaybookMatch> recorded =
        drafts()
            .recordMatches(
                List.of(match(CARD, "general"), match(other, "general"), match(other, "late")));

    assertThat(recorded).extracting(PlaybookMatch::opportunityId).containsExactly(other);
    assertThat(recorded.get(0).version()).isEqualTo(1);
    assertThat(drafts().findMatch(CARD)).contains(kept);
    assertThat(drafts().findMatch(other).map(PlaybookMatch::playbookId)).contains("general");
    assertThat(drafts().findMatch(other).map(PlaybookMatch::reasons))
        .contains(List.of("signal type is FUNDING", "account tier is enterprise"));
    // Recorded again (a re-run): nothing new, nothing changed; a new card in the batch is added.
    assertThat(drafts().recordMatches(List.of(match(other, "late"), match(third, "late"))))
        .extracting(PlaybookMatch::opportunityId)
        .containsExactly(third);
    assertThat(drafts().findMatch(other).map(PlaybookMatch::version)).contains(1L);
    assertThat(drafts().recordMatches(List.of())).isEmpty();

    assertThatThrownBy(
            () ->
                drafts()
                    .recordMatches(
                        List.of(match(other, "x"), match(OpportunityId.of(TENANT_B, "y"), "x"))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                drafts()
                    .recordMatches(
                        List.of(
                            PlaybookMatch.builder().from(match(third, "x")).version(3).build())))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void draftVersionsAreAppendedInOrderPerChannelAndComeBackAsWritten() {
    Draft email1 = draft(CARD, Channel.EMAIL, 1, "Hi Jane,\n\n{{company}} <b>&amp;</b> 🎉");
    Draft call1 =
        Draft.builder()
            .from(draft(CARD, Channel.CALL, 1, "Hello"))
            .generator("chat:test")
            .fallbackReason("chat: HTTP 429")
            .build();
    assertThat(drafts().append(List.of(email1, call1))).containsExactly(email1, call1);
    Draft email2 = draft(CARD, Channel.EMAIL, 2, "Edited");

    assertThat(drafts().append(List.of(email2))).containsExactly(email2);
    assertThat(drafts().versions(CARD, Channel.EMAIL)).containsExactly(email1, email2);
    assertThat(drafts().versions(CARD, Channel.LINKEDIN)).isEmpty();
    assertThat(drafts().latest(CARD)).containsExactly(email2, call1);
    assertThat(drafts().latest(OpportunityId.of(TENANT_A, "other"))).isEmpty();
    assertThat(drafts().versions(CARD, Channel.CALL).get(0).fallbackReason())
        .contains("chat: HTTP 429");
    assertThat(drafts().append(List.of())).isEmpty();
  }

  @Test
  void aTakenOrSkippedVersionFailsTheWholeBatch() {
    drafts().append(List.of(draft(CARD, Channel.EMAIL, 1, "one")));

    assertThatThrownBy(
            () ->
                drafts()
                    .append(
                        List.of(
                            draft(CARD, Channel.LINKEDIN, 1, "new"),
                            draft(CARD, Channel.EMAIL, 1, "taken"))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> drafts().append(List.of(draft(CARD, Channel.EMAIL, 3, "skips"))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(drafts().versions(CARD, Channel.LINKEDIN)).isEmpty();
    assertThat(drafts().versions(CARD, Channel.EMAIL))
        .extracting(Draft::text)
        .containsExactly("one");
  }

  @Test
  void aBatchIsBoundedAndNamesACardAndChannelOnce() {
    assertThatThrownBy(
            () ->
                drafts()
                    .append(
                        List.of(
                            draft(CARD, Channel.EMAIL, 1, "a"),
                            draft(CARD, Channel.EMAIL, 2, "b"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("twice");
    List<Draft> tooMany =
        java.util.stream.IntStream.range(0, DraftStore.MAX_BATCH + 1)
            .mapToObj(i -> draft(OpportunityId.of(TENANT_A, "o" + i), Channel.EMAIL, 1, "x"))
            .toList();
    assertThatThrownBy(() -> drafts().append(tooMany))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most " + DraftStore.MAX_BATCH);
    assertThat(drafts().latest(OpportunityId.of(TENANT_A, "o0"))).isEmpty();
  }

  @Test
  void aDraftOfAnotherTenantWithTheSameIdIsAnotherDraft() {
    OpportunityId ofB = OpportunityId.of(TENANT_B, CARD.value());
    drafts().append(List.of(draft(CARD, Channel.EMAIL, 1, "A's")));

    assertThat(drafts().append(List.of(draft(ofB, Channel.EMAIL, 1, "B's")))).hasSize(1);
    assertThat(drafts().versions(CARD, Channel.EMAIL))
        .extracting(Draft::text)
        .containsExactly("A's");
    assertThat(drafts().findMatch(ofB)).isEqualTo(Optional.empty());
  }
}
