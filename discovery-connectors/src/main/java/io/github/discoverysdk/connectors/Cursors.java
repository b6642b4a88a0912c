package io.github.discoverysdk.connectors;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The incremental cursor of a source whose records carry a change time: the latest change time
 * returned, and the ids returned at exactly that time. A record is new when it changed later, or at
 * that time but is not among those ids, so comparisons are {@code >=} (nothing published in the
 * same second is lost) without returning a record twice. Immutable and thread-safe.
 */
final class Cursors {
  private static final String PREFIX = "t1|";

  private final Instant since; // null: from the beginning
  private final Set<String> idsAtSince;

  private Cursors(Instant since, Set<String> idsAtSince) {
    this.since = since;
    this.idsAtSince = idsAtSince;
  }

  /** The cursor of a request; an unreadable cursor starts over (duplicates are harmless). */
  static Cursors parse(Optional<String> cursor) {
    if (cursor.isEmpty() || !cursor.get().startsWith(PREFIX)) {
      return new Cursors(null, Set.of());
    }
    String[] parts = cursor.get().substring(PREFIX.length()).split("\\|", 2);
    try {
      Instant since = Instant.parse(parts[0]);
      Set<String> ids = new TreeSet<>();
      if (parts.length > 1 && !parts[1].isEmpty()) {
        for (String id : parts[1].split(",")) {
          ids.add(URLDecoder.decode(id, StandardCharsets.UTF_8));
        }
      }
      return new Cursors(since, ids);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      // A bad time, or an id with a broken %-escape, which URLDecoder rejects.
      return new Cursors(null, Set.of());
    }
  }

  boolean isNew(Instant changedAt, String id) {
    return since == null
        || changedAt.isAfter(since)
        || (changedAt.equals(since) && !idsAtSince.contains(id));
  }

  /** The cursor after returning {@code returned}, as (change time, id) pairs. */
  Optional<String> next(Collection<Entry> returned) {
    Instant max = since;
    for (Entry e : returned) {
      if (max == null || e.changedAt().isAfter(max)) {
        max = e.changedAt();
      }
    }
    if (max == null) {
      return Optional.empty();
    }
    Set<String> ids = new TreeSet<>();
    if (max.equals(since)) {
      ids.addAll(idsAtSince);
    }
    for (Entry e : returned) {
      if (e.changedAt().equals(max)) {
        ids.add(e.id());
      }
    }
    StringBuilder b = new StringBuilder(PREFIX).append(max).append('|');
    boolean first = true;
    for (String id : ids) {
      if (!first) {
        b.append(',');
      }
      b.append(URLEncoder.encode(id, StandardCharsets.UTF_8));
      first = false;
    }
    return Optional.of(b.toString());
  }

  /** A record's id and change time. */
  record Entry(String id, Instant changedAt) {}
}
