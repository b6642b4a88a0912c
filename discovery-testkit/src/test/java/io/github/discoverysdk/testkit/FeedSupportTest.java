package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.storage.FeedSupport;
import io.github.discoverysdk.storage.FeedSupport.SortKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedSupportTest {
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
  private static final ProfileId PROFILE = ProfileId.of("t", "p");

  @ParameterizedTest
  @EnumSource(FeedSort.class)
  void aCursorDecodesToTheKeyItWasEncodedFrom(FeedSort sort) {
    SortKey key = new SortKey(-42_500, Long.MAX_VALUE, "id|with|bars and ünïcode");

    String cursor = FeedSupport.encodeCursor(sort, key);

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(FeedSupport.decodeCursor(sort, cursor)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "***",
        "not base64 at all",
        "djF8UkVMRVZBTkNFfDE", // v1|RELEVANCE|1: too few fields
        "djF8UkVMRVZBTkNFfGF8MnxpZA", // v1|RELEVANCE|a|2|id: not numeric
        "djJ8UkVMRVZBTkNFfDF8MnxpZA", // v2|RELEVANCE|1|2|id: unknown version
        "djF8UkVMRVZBTkNFfDF8Mnw", // v1|RELEVANCE|1|2|: no id
      })
  void aMalformedCursorIsRejected(String cursor) {
    assertThatThrownBy(() -> FeedSupport.decodeCursor(FeedSort.RELEVANCE, cursor))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("feedQuery.cursor is malformed");
  }

  @Test
  void theTestCursorsAboveSayWhatTheirCommentsSay() {
    assertThat(decode("djF8UkVMRVZBTkNFfGF8MnxpZA")).isEqualTo("v1|RELEVANCE|a|2|id");
    assertThat(decode("djJ8UkVMRVZBTkNFfDF8MnxpZA")).isEqualTo("v2|RELEVANCE|1|2|id");
    assertThat(decode("djF8UkVMRVZBTkNFfDF8Mnw")).isEqualTo("v1|RELEVANCE|1|2|");
    assertThat(decode("djF8UkVMRVZBTkNFfDE")).isEqualTo("v1|RELEVANCE|1");
  }

  @Test
  void anOverlongCursorIsRejectedBeforeDecoding() {
    assertThatThrownBy(() -> FeedSupport.decodeCursor(FeedSort.DATE, "A".repeat(5_000)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aCursorOfAnotherSortIsRejectedNamingBothSorts() {
    String cursor = FeedSupport.encodeCursor(FeedSort.DATE, new SortKey(1, 2, "x"));

    assertThatThrownBy(() -> FeedSupport.decodeCursor(FeedSort.RELEVANCE, cursor))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cursor was issued for sort DATE, not RELEVANCE");
  }

  @Test
  void relevanceOrdersByScoreThenNewestThenId() {
    Opportunity high = opportunity("b", 80, T0);
    Opportunity newer = opportunity("z", 60, T0);
    Opportunity olderA = opportunity("a", 60, T0.minus(Duration.ofDays(1)));
    Opportunity olderC = opportunity("c", 60, T0.minus(Duration.ofDays(1)));

    assertThat(sorted(FeedSort.RELEVANCE, olderC, newer, olderA, high))
        .containsExactly(high, newer, olderA, olderC);
  }

  @Test
  void dateOrdersByNewestThenScoreThenId() {
    Opportunity newest = opportunity("z", 10, T0);
    Opportunity olderHigh = opportunity("y", 90, T0.minusSeconds(1));
    Opportunity olderLowA = opportunity("a", 50, T0.minusSeconds(1));
    Opportunity olderLowB = opportunity("b", 50, T0.minusSeconds(1));

    assertThat(sorted(FeedSort.DATE, olderLowB, olderHigh, newest, olderLowA))
        .containsExactly(newest, olderHigh, olderLowA, olderLowB);
  }

  @Test
  void urgencyOrdersByUrgencyThenEarliestOutreachWithoutADateLast() {
    Opportunity critical = withTiming(opportunity("z", 10, T0), Urgency.CRITICAL, null);
    Opportunity highSoon = withTiming(opportunity("y", 10, T0), Urgency.HIGH, 3);
    Opportunity highLater = withTiming(opportunity("x", 10, T0), Urgency.HIGH, 9);
    Opportunity highUndated = withTiming(opportunity("a", 10, T0), Urgency.HIGH, null);

    assertThat(sorted(FeedSort.URGENCY, highUndated, highLater, critical, highSoon))
        .containsExactly(critical, highSoon, highLater, highUndated);
  }

  @Test
  void acceptsAppliesTenantProfileAndEveryFilter() {
    Opportunity o =
        Opportunity.builder()
            .from(opportunity("a", 50, T0))
            .status(OpportunityStatus.SAVED)
            .build();

    assertThat(FeedSupport.accepts(FeedQuery.forProfile(PROFILE).build(), o)).isTrue();
    assertThat(FeedSupport.accepts(FeedQuery.forTenant("other").build(), o)).isFalse();
    assertThat(FeedSupport.accepts(FeedQuery.forProfile(ProfileId.of("t", "q")).build(), o))
        .isFalse();
    assertThat(FeedSupport.accepts(FeedQuery.forTenant("t").minScore(50).build(), o)).isTrue();
    assertThat(FeedSupport.accepts(FeedQuery.forTenant("t").minScore(50.1).build(), o)).isFalse();
    assertThat(
            FeedSupport.accepts(
                FeedQuery.forTenant("t").addStatuses(OpportunityStatus.NEW).build(), o))
        .isFalse();
  }

  @Test
  void aPageFetchesOneMoreItemToKnowWhetherAnotherPageFollows() {
    List<Opportunity> three =
        List.of(opportunity("a", 30, T0), opportunity("b", 20, T0), opportunity("c", 10, T0));

    Page<Opportunity> full = FeedSupport.page(FeedQuery.forTenant("t").limit(3).build(), three);
    Page<Opportunity> partial = FeedSupport.page(FeedQuery.forTenant("t").limit(2).build(), three);
    Page<Opportunity> rest =
        FeedSupport.page(
            FeedQuery.forTenant("t").limit(2).cursor(partial.nextCursor()).build(), three);

    assertThat(full.nextCursor()).isEmpty();
    assertThat(partial.items()).extracting(o -> o.id().value()).containsExactly("a", "b");
    assertThat(rest.items()).extracting(o -> o.id().value()).containsExactly("c");
    assertThat(rest.nextCursor()).isEmpty();
  }

  @Test
  void aBadCursorFailsEvenWhenThereIsNothingToPage() {
    assertThatThrownBy(
            () -> FeedSupport.page(FeedQuery.forTenant("t").cursor("***").build(), List.of()))
        .isInstanceOf(ValidationException.class);
  }

  private static List<Opportunity> sorted(FeedSort sort, Opportunity... opportunities) {
    return List.of(opportunities).stream().sorted(FeedSupport.comparator(sort)).toList();
  }

  private static Opportunity opportunity(String id, double score, Instant publishedAt) {
    return Fixtures.opportunity(
        OpportunityId.of("t", id), PROFILE, SignalKey.of("s", id), score, publishedAt);
  }

  private static Opportunity withTiming(Opportunity o, Urgency urgency, Integer outreachInDays) {
    return Opportunity.builder()
        .from(o)
        .temporal(
            TemporalAssessment.builder()
                .from(o.temporal())
                .urgency(urgency)
                .outreachDate(
                    Optional.ofNullable(outreachInDays)
                        .map(d -> LocalDate.of(2025, 2, 1).plusDays(d)))
                .build())
        .build();
  }

  private static String decode(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }
}
