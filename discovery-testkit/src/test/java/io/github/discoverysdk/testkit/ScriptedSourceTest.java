package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScriptedSourceTest extends SignalSourceContract {
  private static final Instant T0 = Instant.parse("2025-01-10T08:00:00Z");
  private static final SourceContext CONTEXT = TestSourceContext.of(MutableClock.at(T0), "tenant");

  @Override
  protected SignalSource createSource() {
    return ScriptedSource.search("scripted");
  }

  @Override
  protected void prepare(SignalSource source) {
    seed((ScriptedSource) source);
  }

  @Override
  protected SourceQuery prepareBacklog(int records) {
    // A fresh source: the seed holds an edited record, which paging rightly delivers twice.
    ScriptedSource backlog = ScriptedSource.search("scripted");
    for (int i = 0; i < records; i++) {
      backlog.publish(news("scripted", "backlog-" + i, "Acme news " + i));
    }
    source = backlog;
    return SourceQuery.company("Acme");
  }

  /** The same contract for the feed flavour of the source. */
  @Nested
  class FeedMode extends SignalSourceContract {
    @Override
    protected SignalSource createSource() {
      return ScriptedSource.feed("scripted-feed");
    }

    @Override
    protected void prepare(SignalSource source) {
      seed((ScriptedSource) source);
    }

    @Override
    protected SourceQuery prepareBacklog(int records) {
      ScriptedSource backlog = ScriptedSource.feed("scripted-feed");
      for (int i = 0; i < records; i++) {
        backlog.publish(news("scripted-feed", "backlog-" + i, "News " + i));
      }
      source = backlog;
      return SourceQuery.all();
    }
  }

  @Test
  void failNextMakesOnlyTheNextFetchThrow() throws Exception {
    IOException failure = new IOException("timeout");
    ScriptedSource source = ScriptedSource.feed("news").publish(news("news", "n-1", "Hello"));

    source.failNext(failure);

    assertThatThrownBy(() -> source.fetch(all(), CONTEXT)).isSameAs(failure);
    assertThat(source.fetch(all(), CONTEXT).signals()).hasSize(1);
    assertThat(source.calls()).isEqualTo(2);
    assertThat(source.requests()).containsExactly(all(), all());
  }

  @Test
  void aRejectedRecordIsReportedByTheNextFetchOnly() throws Exception {
    ScriptedSource source = ScriptedSource.feed("news").reject("#3", "title is missing");

    assertThat(source.fetch(all(), CONTEXT).rejected())
        .containsExactly(RejectedRecord.of("#3", "title is missing"));
    assertThat(source.fetch(all(), CONTEXT).rejected()).isEmpty();
  }

  @Test
  void aSearchReturnsOnlySignalsNamingTheTermInTitleTextOrOrganisations() throws Exception {
    ScriptedSource source =
        ScriptedSource.search("search")
            .publish(
                news("search", "title", "STRIPE raises a round"),
                Signal.builder()
                    .from(news("search", "text", "Funding news"))
                    .text("Led by stripe ventures")
                    .build(),
                news(
                    "search",
                    "org",
                    "Sponsors announced",
                    OrganizationMention.of("Stripe, Inc.", OrganizationRole.SPONSOR)),
                news("search", "other", "Adyen expands"));

    SourceResult result = source.fetch(request(SourceQuery.company("Stripe")), CONTEXT);

    assertThat(result.signals())
        .extracting(s -> s.key().externalId())
        .containsExactly("title", "text", "org");
    assertThat(source.fetch(all(), CONTEXT).signals()).hasSize(4);
  }

  @Test
  void aFeedIgnoresTheQueryTerm() throws Exception {
    ScriptedSource source =
        ScriptedSource.feed("feed").publish(news("feed", "a", "Adyen"), news("feed", "b", "Other"));

    assertThat(source.fetch(request(SourceQuery.keyword("stripe")), CONTEXT).signals()).hasSize(2);
  }

  @Test
  void theCursorResumesAfterWhatWasReturnedWhenTheLimitCutsTheFetch() throws Exception {
    ScriptedSource source = ScriptedSource.feed("feed");
    for (int i = 0; i < 5; i++) {
      source.publish(news("feed", "n-" + i, "News " + i));
    }

    SourceResult first = source.fetch(all(Optional.empty(), 2), CONTEXT);
    SourceResult second = source.fetch(all(first.nextCursor(), 2), CONTEXT);
    SourceResult rest = source.fetch(all(second.nextCursor(), 500), CONTEXT);
    SourceResult nothing = source.fetch(all(rest.nextCursor(), 500), CONTEXT);

    assertThat(first.signals()).extracting(s -> s.key().externalId()).containsExactly("n-0", "n-1");
    assertThat(first.nextCursor()).contains("2");
    assertThat(second.signals())
        .extracting(s -> s.key().externalId())
        .containsExactly("n-2", "n-3");
    assertThat(rest.signals()).extracting(s -> s.key().externalId()).containsExactly("n-4");
    assertThat(nothing.signals()).isEmpty();
    assertThat(nothing.nextCursor()).contains("5");
  }

  @Test
  void aSearchCursorSkipsNonMatchingEntriesItExamined() throws Exception {
    ScriptedSource source =
        ScriptedSource.search("search")
            .publish(
                news("search", "1", "Stripe one"),
                news("search", "2", "Adyen"),
                news("search", "3", "Stripe two"),
                news("search", "4", "Stripe three"));
    SourceResult first =
        source.fetch(request(SourceQuery.company("stripe"), Optional.empty(), 2), CONTEXT);
    SourceResult second =
        source.fetch(request(SourceQuery.company("stripe"), first.nextCursor(), 2), CONTEXT);

    assertThat(first.signals()).extracting(s -> s.key().externalId()).containsExactly("1", "3");
    assertThat(first.nextCursor()).contains("3");
    assertThat(second.signals()).extracting(s -> s.key().externalId()).containsExactly("4");
  }

  @Test
  void aNewVersionOfAPublishedSignalIsFetchedAndRefreshed() throws Exception {
    Signal v1 = news("feed", "n-1", "First title");
    Signal v2 = Signal.builder().from(v1).title("Second title").build();
    ScriptedSource source = ScriptedSource.feed("feed").publish(v1);
    SourceResult first = source.fetch(all(), CONTEXT);

    source.publish(v2);

    assertThat(source.fetch(all(first.nextCursor(), 500), CONTEXT).signals()).containsExactly(v2);
    assertThat(source.refresh(v1.key(), CONTEXT)).contains(v2);
  }

  @Test
  void aCursorThatIsNotAPositionFailsNamingTheSource() {
    ScriptedSource source = ScriptedSource.feed("feed");

    assertThatThrownBy(() -> source.fetch(all(Optional.of("abc"), 500), CONTEXT))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("'feed'")
        .hasMessageContaining("abc");
  }

  @Test
  void publishingASignalOfAnotherSourceIsRejected() {
    ScriptedSource source = ScriptedSource.feed("feed");

    assertThatThrownBy(() -> source.publish(news("other", "x", "Title")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'other'");
  }

  @Test
  void theCapabilitiesAnnounceModeRefreshAndCost() {
    ScriptedSource source = ScriptedSource.search("search").costPerCall(0.25);

    assertThat(source.capabilities().queryMode()).isEqualTo(QueryMode.SEARCH);
    assertThat(source.capabilities().supportsRefresh()).isTrue();
    assertThat(source.capabilities().costPerCall()).isEqualTo(0.25);
    assertThatThrownBy(() -> source.costPerCall(-1)).isInstanceOf(ValidationException.class);
  }

  private static void seed(ScriptedSource source) {
    String id = source.id();
    source.publish(
        news(id, "acme-1", "Acme opens an office in Berlin"),
        news(id, "acme-2", "Acme hires a CRO"),
        news(id, "other-1", "Globex is acquired"),
        Signal.builder()
            .from(news(id, "acme-1", "Acme opens an office in Berlin"))
            .text("Updated with the address")
            .build());
  }

  private static Signal news(
      String sourceId, String externalId, String title, OrganizationMention... organizations) {
    return Fixtures.signal(
        sourceId, externalId, SignalType.NEWS, title, T0.minus(Duration.ofHours(1)), organizations);
  }

  private static SourceRequest all() {
    return request(SourceQuery.all());
  }

  private static SourceRequest all(Optional<String> cursor, int limit) {
    return request(SourceQuery.all(), cursor, limit);
  }

  private static SourceRequest request(SourceQuery query) {
    return SourceRequest.builder().query(query).build();
  }

  private static SourceRequest request(SourceQuery query, Optional<String> cursor, int limit) {
    return SourceRequest.builder().query(query).cursor(cursor).limit(limit).build();
  }
}
