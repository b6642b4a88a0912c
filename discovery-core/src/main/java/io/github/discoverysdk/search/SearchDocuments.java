package io.github.discoverysdk.search;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.spi.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns stored opportunities into the documents of a search index: one {@link
 * SearchKind#OPPORTUNITY} each (title, company, changes, the card's narrative) and one {@link
 * SearchKind#SIGNAL} per signal (title and body). Both carry the account of the opportunity's
 * review card; a signal that several opportunities share takes the first of them, by id, that has
 * an account. Reads storage in a fixed number of calls per batch. Stateless and thread-safe.
 */
final class SearchDocuments {
  private SearchDocuments() {}

  /** The documents of a batch of one tenant's opportunities, read from {@code storage}. */
  static List<SearchDocument> of(Storage storage, String tenant, List<Opportunity> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<OpportunityId> ids = batch.stream().map(Opportunity::id).toList();
    Map<OpportunityId, ReviewCard> cards = storage.reviews().findAll(ids);
    Map<SignalKey, Signal> signals =
        storage.signals().findAll(tenant, batch.stream().map(Opportunity::signalKey).toList());
    List<SearchDocument> out = new ArrayList<>(batch.size() * 2);
    Map<SignalKey, SearchDocument> bySignal = new LinkedHashMap<>();
    for (Opportunity o :
        batch.stream()
            .sorted(java.util.Comparator.comparing((Opportunity x) -> x.id().value()))
            .toList()) {
      Optional<ReviewCard> card = Optional.ofNullable(cards.get(o.id()));
      Optional<String> account = card.flatMap(ReviewCard::accountId);
      out.add(opportunity(o, card, account));
      Signal s = signals.get(o.signalKey());
      SearchDocument known = bySignal.get(o.signalKey());
      if (s != null && (known == null || (known.accountId().isEmpty() && account.isPresent()))) {
        bySignal.put(o.signalKey(), signal(tenant, s, o, account));
      }
    }
    out.addAll(bySignal.values());
    return out;
  }

  /** The id of a signal's document: its key, as {@code source:externalId}. */
  static String signalId(SignalKey key) {
    return key.toString();
  }

  private static SearchDocument opportunity(
      Opportunity o, Optional<ReviewCard> card, Optional<String> account) {
    StringBuilder text = new StringBuilder();
    o.company().ifPresent(c -> text.append(c).append('\n'));
    card.flatMap(ReviewCard::narrative).ifPresent(n -> text.append(n).append('\n'));
    o.changes().forEach(c -> text.append(c).append('\n'));
    return SearchDocument.builder()
        .kind(SearchKind.OPPORTUNITY)
        .tenant(o.tenant())
        .id(o.id().value())
        .accountId(account)
        .opportunityId(o.id().value())
        .title(cut(o.title(), SearchDocument.MAX_TITLE))
        .text(cut(text.toString(), SearchDocument.MAX_TEXT))
        .time(o.publishedAt())
        .source(o.signalKey().sourceId())
        .stamp(o.version() + "/" + card.map(ReviewCard::version).orElse(0L))
        .build();
  }

  private static SearchDocument signal(
      String tenant, Signal s, Opportunity o, Optional<String> account) {
    return SearchDocument.builder()
        .kind(SearchKind.SIGNAL)
        .tenant(tenant)
        .id(signalId(s.key()))
        .accountId(account)
        .opportunityId(o.id().value())
        .title(cut(s.title(), SearchDocument.MAX_TITLE))
        .text(cut(s.text(), SearchDocument.MAX_TEXT))
        .time(s.publishedAt())
        .source(s.key().sourceId())
        .stamp(s.contentHash() + "/" + o.id().value() + "/" + account.orElse(""))
        .build();
  }

  /** The first {@code max} characters, never splitting a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
