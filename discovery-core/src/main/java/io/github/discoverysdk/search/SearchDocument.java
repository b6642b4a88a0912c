package io.github.discoverysdk.search;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One searchable item of a tenant: identified by (tenant, {@link #kind()}, {@link #id()}), scoped
 * by {@link #accountId()}, searched over {@link #title()} and {@link #text()}. A document without
 * an account is found only by readers of the whole tenant, as a review card without an account is
 * seen only by them. {@link #stamp()} says which stored version it was made from, so that
 * reconciliation can tell a stale copy. Immutable and thread-safe.
 *
 * <pre>{@code
 * SearchDocument.builder().kind(SearchKind.DRAFT).tenant("acme").id("draft-1-v2")
 *     .accountId("acc-7").opportunityId("opp-1").title("Email: congrats on the Series B")
 *     .text(body).time(now).source("template").stamp("2").build();
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface SearchDocument {
  /** Longest {@link #title()}. */
  int MAX_TITLE = 1_000;

  /**
   * Longest {@link #text()}: an index keeps the first 100,000 characters of a longer body, which is
   * where a reader looks anyway.
   */
  int MAX_TEXT = 100_000;

  SearchKind kind();

  String tenant();

  /** Unique per tenant and kind: the opportunity id, the signal key, the draft id. */
  String id();

  /** The account whose scope the document is in; empty: readers of the whole tenant only. */
  Optional<String> accountId();

  /** The opportunity the document belongs to (itself for an opportunity), if any. */
  Optional<String> opportunityId();

  String title();

  /** Body text; may be empty. */
  @Value.Default
  default String text() {
    return "";
  }

  /** When the item happened: a signal's publication, a draft's writing. */
  Instant time();

  /** Where it came from: the signal's source id, the draft's generator. */
  String source();

  /** The stored version it was made from, opaque: compared for equality only. */
  @Value.Default
  default String stamp() {
    return "";
  }

  @Value.Check
  default void check() {
    Tenants.check("searchDocument.tenant", tenant());
    Fields.identifier("searchDocument.id", id(), 500);
    accountId().ifPresent(a -> Fields.identifier("searchDocument.accountId", a, 200));
    opportunityId().ifPresent(o -> Fields.identifier("searchDocument.opportunityId", o, 500));
    Fields.maxLength("searchDocument.title", title(), MAX_TITLE);
    Fields.maxLength("searchDocument.text", text(), MAX_TEXT);
    Fields.identifier("searchDocument.source", source(), 200);
    Fields.maxLength("searchDocument.stamp", stamp(), 1_000);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SearchDocument}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableSearchDocument.Builder {
    @Override
    public SearchDocument build() {
      return Fields.build("SearchDocument", super::build);
    }
  }
}
