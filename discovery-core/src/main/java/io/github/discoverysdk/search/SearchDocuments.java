package io.github.discoverysdk.search;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.spi.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns stored opportunities into the documents of a search index: one {@link
 * SearchKind#OPPORTUNITY} each (title, company, changes, the card's narrative) and one {@link
 * SearchKind#SIGNAL} per signal (title and body). Both carry the account of the opportunity's
 * review card; a signal that several opportunities share (one per profile that matched it) takes,
 * among all of them and not only the batch's, the first by id that has an account, else the first:
 * the same document whichever batch or page it is made from, so that reconcile settles. Reads
 * storage in three calls per batch. Stateless and thread-safe.
 */
final class SearchDocuments {
  private SearchDocuments() {}

  /** The documents of a batch of one tenant's opportunities, read from {@code storage}. */
  static List<SearchDocument> of(Storage storage, String tenant, List<Opportunity> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    Set<SignalKey> keys = new LinkedHashSet<>();
    batch.forEach(o -> keys.add(o.signalKey()));
    // Ordered by id, and holding the batch's own opportunities as stored.
    List<Opportunity> siblings = storage.opportunities().listBySignals(tenant, keys);
    Set<OpportunityId> ids = new LinkedHashSet<>();
    batch.forEach(o -> ids.add(o.id()));
    siblings.forEach(o -> ids.add(o.id()));
    Map<OpportunityId, ReviewCard> cards = storage.reviews().findAll(ids);
    Map<SignalKey, Signal> signals = storage.signals().findAll(tenant, keys);
    List<SearchDocument> out = new ArrayList<>(batch.size() + keys.size());
    for (Opportunity o : batch) {
      Optional<ReviewCard> card = Optional.ofNullable(cards.get(o.id()));
      out.add(opportunity(o, card, card.flatMap(ReviewCard::accountId)));
    }
    Map<SignalKey, Opportunity> chosen = new LinkedHashMap<>();
    for (Opportunity o : siblings) {
      Opportunity known = chosen.get(o.signalKey());
      if (known == null || (account(cards, known).isEmpty() && account(cards, o).isPresent())) {
        chosen.put(o.signalKey(), o);
      }
    }
    chosen.forEach(
        (key, o) -> {
          Signal s = signals.get(key);
          if (s != null) {
            out.add(signal(tenant, s, o, account(cards, o)));
          }
        });
    return out;
  }

  private static Optional<String> account(Map<OpportunityId, ReviewCard> cards, Opportunity o) {
    return Optional.ofNullable(cards.get(o.id())).flatMap(ReviewCard::accountId);
  }

  /**
   * The documents of a card's drafts: one per channel, its id {@code draft:{opportunity}:{channel}}
   * so that a new version replaces the last, titled after the card's opportunity.
   */
  static List<SearchDocument> drafts(
      Opportunity o, Optional<String> account, List<io.github.discoverysdk.draft.Draft> drafts) {
    List<SearchDocument> out = new ArrayList<>(drafts.size());
    for (io.github.discoverysdk.draft.Draft d : drafts) {
      String channel = d.channel().name().toLowerCase(java.util.Locale.ROOT);
      out.add(
          SearchDocument.builder()
              .kind(SearchKind.DRAFT)
              .tenant(o.tenant())
              .id("draft:" + o.id().value() + ":" + channel)
              .accountId(account)
              .opportunityId(o.id().value())
              .title(cut(channel + " draft: " + o.title(), SearchDocument.MAX_TITLE))
              .text(cut(d.text(), SearchDocument.MAX_TEXT))
              .time(d.createdAt())
              .source("draft." + d.generator())
              .stamp(Long.toString(d.version()))
              .build());
    }
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
