package io.github.discoverysdk.connectors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keyset cursor of a source that reads a whole listing whose records carry a change time: the
 * position {@code (change time, id)} of the last record returned, in the order of change time, then
 * id. A record is new when it comes after that position, so a listing longer than a page is
 * returned page by page, each record once and none skipped, however many records share one change
 * time.
 *
 * <p>A keyset alone would lose a record that appears later with the cursor's exact change time but
 * an id before the cursor's (published in the same second, seen a fetch later). So the cursor also
 * keeps a short digest of the ids at its change time up to its id: when the listing's ids there no
 * longer match, the records at that change time come again (duplicates are harmless, the engine
 * keeps what changed) instead of being lost. The cursor's size is bounded whatever the number of
 * ties: one id (at most 512 characters, so at most 2,048 in base64) and a 16-character digest.
 *
 * <p>Written as {@code t2|<change time>|<base64url id>|<digest>|<c>}, where {@code c} is {@code p}
 * while more pages follow within the listing and {@code e} at its end. {@code t1} cursors of
 * earlier versions (a change time and every id at it) are still read. Immutable and thread-safe.
 */
final class Cursors {
  private static final String V1 = "t1|";
  private static final String V2 = "t2|";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final Instant since; // null: from the beginning
  private final String lastId; // null: every record at since is new
  private final String digest; // of the ids at since up to lastId; null: not checked
  private final Set<String> legacyIds; // t1 only: the ids already returned at since
  private final boolean paging;

  private Cursors(
      Instant since, String lastId, String digest, Set<String> legacyIds, boolean paging) {
    this.since = since;
    this.lastId = lastId;
    this.digest = digest;
    this.legacyIds = legacyIds;
    this.paging = paging;
  }

  private static Cursors start() {
    return new Cursors(null, null, null, Set.of(), false);
  }

  /** The cursor of a request; an unreadable cursor starts over (duplicates are harmless). */
  static Cursors parse(Optional<String> cursor) {
    if (cursor.isEmpty()) {
      return start();
    }
    String c = cursor.get();
    try {
      if (c.startsWith(V2)) {
        String[] p = c.substring(V2.length()).split("\\|", -1);
        if (p.length != 4 || p[1].isEmpty() || p[2].length() != 16) {
          return start();
        }
        String id = new String(B64D.decode(p[1]), StandardCharsets.UTF_8);
        return new Cursors(Instant.parse(p[0]), id, p[2], Set.of(), p[3].equals("p"));
      }
      if (c.startsWith(V1)) {
        String[] parts = c.substring(V1.length()).split("\\|", 2);
        Instant since = Instant.parse(parts[0]);
        Set<String> ids = new TreeSet<>();
        if (parts.length > 1 && !parts[1].isEmpty()) {
          for (String id : parts[1].split(",")) {
            ids.add(URLDecoder.decode(id, StandardCharsets.UTF_8));
          }
        }
        return new Cursors(since, null, null, Set.copyOf(ids), false);
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      // A bad time, a broken %-escape or base64: start over.
    }
    return start();
  }

  /**
   * This cursor checked against the current {@code listing} (every record, sorted by change time,
   * then id): when the ids at its change time up to its id are no longer those it saw, a record may
   * have appeared before its position, and every record at that change time counts as new again.
   */
  Cursors checkedAgainst(List<Entry> listing) {
    if (since == null || lastId == null || digest.equals(digest(listing, since, lastId))) {
      return this;
    }
    return new Cursors(since, null, null, Set.of(), paging);
  }

  /** The change time of the last record returned, if any. */
  Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /** Whether the previous page said that more pages of the same listing follow. */
  boolean continuesAPage() {
    return paging;
  }

  boolean isNew(Instant changedAt, String id) {
    if (since == null || changedAt.isAfter(since)) {
      return true;
    }
    if (!changedAt.equals(since)) {
      return false;
    }
    if (lastId != null) {
      return id.compareTo(lastId) > 0;
    }
    return !legacyIds.contains(id);
  }

  /**
   * The cursor after returning records up to {@code last} of {@code listing} (sorted by change
   * time, then id), with {@code more} when records of the listing follow it.
   */
  static String after(Entry last, List<Entry> listing, boolean more) {
    return V2
        + last.changedAt()
        + '|'
        + B64.encodeToString(last.id().getBytes(StandardCharsets.UTF_8))
        + '|'
        + digest(listing, last.changedAt(), last.id())
        + '|'
        + (more ? 'p' : 'e');
  }

  /** A digest of the ids in {@code listing} at {@code at} up to and including {@code upTo}. */
  private static String digest(List<Entry> listing, Instant at, String upTo) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Set<String> ids = new TreeSet<>();
    for (Entry e : listing) {
      if (e.changedAt().equals(at) && e.id().compareTo(upTo) <= 0) {
        ids.add(e.id());
      }
    }
    for (String id : ids) {
      sha.update(id.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  /** A record's id and change time. */
  record Entry(String id, Instant changedAt) {}
}
