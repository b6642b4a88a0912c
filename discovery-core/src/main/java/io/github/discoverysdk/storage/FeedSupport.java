package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Feed logic shared by every {@code Storage} implementation: filtering, ordering and the opaque
 * keyset cursor. Public for the authors of a {@code Storage}: use it so that every storage pages
 * the feed the same way. Stateless and thread-safe.
 *
 * <p>Each {@link FeedSort} maps an opportunity to a {@link SortKey} compared ascending, so that
 * "highest score first" becomes "smallest negated score first". A cursor is the key of the last
 * item of a page; the next page holds the items whose keys are strictly greater. Because the key
 * ends with the opportunity's id, no two items share a key and paging returns each item exactly
 * once, even when items tie on score or date. A storage that pages in SQL orders by the same three
 * columns and compares with {@code (primary, secondary, id) > (?, ?, ?)}.
 *
 * <p>A cursor is only a position: it carries no tenant and no data, so using one in another
 * tenant's query merely positions that query and never reveals anything.
 */
public final class FeedSupport {
  private static final String VERSION = "v1";
  private static final int FIELDS = 5;

  /** Longer cursors are rejected before decoding: no valid cursor comes anywhere near this. */
  private static final int MAX_CURSOR_LENGTH = FeedQuery.MAX_CURSOR_LENGTH;

  /** The longest opportunity id a cursor may name. */
  private static final int MAX_ID_LENGTH = 512;

  private FeedSupport() {}

  /**
   * Position of an opportunity in a feed order; smaller comes first.
   *
   * @param primary the sort's main criterion, already negated where the feed shows largest first
   * @param secondary the tie-breaker of the sort
   * @param id the opportunity's {@code OpportunityId.value()}, the final tie-breaker
   */
  public record SortKey(long primary, long secondary, String id) implements Comparable<SortKey> {
    /** Validates the id. */
    public SortKey {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(SortKey other) {
      int c = Long.compare(primary, other.primary);
      if (c != 0) {
        return c;
      }
      c = Long.compare(secondary, other.secondary);
      return c != 0 ? c : id.compareTo(other.id);
    }
  }

  /** Whether an opportunity passes the query's tenant, profile and filters (not its cursor). */
  public static boolean accepts(FeedQuery query, Opportunity opportunity) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(opportunity, "opportunity");
    return opportunity.tenant().equals(query.tenant())
        && query.profileId().map(p -> p.equals(opportunity.profileId())).orElse(true)
        && (query.statuses().isEmpty() || query.statuses().contains(opportunity.status()))
        && (query.types().isEmpty() || query.types().contains(opportunity.signalType()))
        && (query.strengths().isEmpty() || query.strengths().contains(opportunity.strength()))
        && (query.urgencies().isEmpty()
            || query.urgencies().contains(opportunity.temporal().urgency()))
        && (query.minScore().isEmpty()
            || opportunity.score().total() >= query.minScore().getAsDouble());
  }

  /** The key of an opportunity under a sort. */
  public static SortKey sortKey(FeedSort sort, Opportunity opportunity) {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(opportunity, "opportunity");
    long score = Math.round(opportunity.score().total() * 1000);
    long published = opportunity.publishedAt().getEpochSecond();
    String id = opportunity.id().value();
    return switch (sort) {
      case RELEVANCE -> new SortKey(-score, -published, id);
      case DATE -> new SortKey(-published, -score, id);
      case URGENCY ->
          new SortKey(
              opportunity.temporal().urgency().ordinal(),
              opportunity
                  .temporal()
                  .outreachDate()
                  .map(LocalDate::toEpochDay)
                  .orElse(Long.MAX_VALUE),
              id);
    };
  }

  /** The feed order of a sort, consistent with {@link #sortKey}. */
  public static Comparator<Opportunity> comparator(FeedSort sort) {
    Objects.requireNonNull(sort, "sort");
    return Comparator.comparing(o -> sortKey(sort, o));
  }

  /** An opaque, URL-safe cursor pointing just after {@code last} in the order of {@code sort}. */
  public static String encodeCursor(FeedSort sort, SortKey last) {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(last, "last");
    String text =
        String.join(
            "|",
            VERSION,
            sort.name(),
            Long.toString(last.primary()),
            Long.toString(last.secondary()),
            last.id());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a cursor points at.
   *
   * @throws ValidationException if the cursor is malformed or was issued for another sort
   */
  public static SortKey decodeCursor(FeedSort sort, String cursor) {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(cursor, "cursor");
    if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
      throw malformed("it is empty or too long");
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("it is not URL-safe base64");
    }
    String[] fields = text.split("\\|", FIELDS);
    if (fields.length != FIELDS) {
      throw malformed("it has " + fields.length + " fields instead of " + FIELDS);
    }
    if (!VERSION.equals(fields[0])) {
      throw malformed("its version is unknown");
    }
    if (!sort.name().equals(fields[1])) {
      throw new ValidationException(
          "feedQuery.cursor was issued for sort "
              + fields[1]
              + ", not "
              + sort
              + ": start again without it");
    }
    if (fields[4].isEmpty()) {
      throw malformed("it has no id");
    }
    if (fields[4].length() > MAX_ID_LENGTH) {
      throw malformed("its id is too long");
    }
    // The id is bound into the storage's query: a forged one holding a control character (NUL
    // included, which PostgreSQL refuses) or half a surrogate pair fails here, as a bad cursor.
    for (int i = 0; i < fields[4].length(); i++) {
      char c = fields[4].charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        throw malformed("its id holds a control character or a broken one");
      }
    }
    try {
      return new SortKey(Long.parseLong(fields[2]), Long.parseLong(fields[3]), fields[4]);
    } catch (NumberFormatException e) {
      throw malformed("its position is not numeric");
    }
  }

  /**
   * One page of {@code candidates}: filtered by {@link #accepts}, ordered by the query's sort,
   * starting after the query's cursor, at most {@code limit} items; the next cursor is present only
   * if more items follow.
   *
   * @throws ValidationException if the query's cursor is malformed or for another sort
   */
  public static Page<Opportunity> page(FeedQuery query, Collection<Opportunity> candidates) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(candidates, "candidates");
    FeedSort sort = query.sortBy();
    // Decoded before looking at any row, so that a bad cursor fails even on an empty feed.
    Optional<SortKey> after = query.cursor().map(c -> decodeCursor(sort, c));
    List<Keyed> rows =
        candidates.stream()
            .filter(o -> accepts(query, o))
            .map(o -> new Keyed(sortKey(sort, o), o))
            .filter(k -> after.isEmpty() || k.key().compareTo(after.get()) > 0)
            .sorted(Comparator.comparing(Keyed::key))
            .limit(query.limit() + 1L)
            .toList();
    if (rows.size() <= query.limit()) {
      return Page.of(rows.stream().map(Keyed::opportunity).toList(), Optional.empty());
    }
    List<Keyed> page = rows.subList(0, query.limit());
    return Page.of(
        page.stream().map(Keyed::opportunity).toList(),
        Optional.of(encodeCursor(sort, page.get(page.size() - 1).key())));
  }

  private static ValidationException malformed(String why) {
    return new ValidationException(
        "feedQuery.cursor is malformed ("
            + why
            + "): pass the nextCursor of the previous page unchanged");
  }

  private record Keyed(SortKey key, Opportunity opportunity) {}
}
