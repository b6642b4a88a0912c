package io.github.discoverysdk.deals;

import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the deals store in pages of {@link DealStore#MAX_BATCH}: the closed deals of a window
 * and the cached attributes of their contacts and accounts. Stateless.
 */
final class DealWindow {
  /** Most deals read for one window. */
  static final int MAX_DEALS = DealReports.MAX_DEALS;

  private DealWindow() {}

  /** The tenant's deals closed in {@code [since, until)}, in (closedAt, source, id) order. */
  static List<Deal> closed(Storage storage, String tenant, Instant since, Instant until) {
    List<Deal> out = new ArrayList<>();
    Optional<DealCursor> after = Optional.empty();
    while (out.size() < MAX_DEALS) {
      List<Deal> page = storage.deals().listClosed(tenant, since, after, DealStore.MAX_BATCH);
      for (Deal d : page) {
        if (!d.closedAt().orElse(since).isBefore(until)) {
          return out;
        }
        out.add(d);
      }
      if (page.size() < DealStore.MAX_BATCH) {
        break;
      }
      after = Optional.of(DealCursor.after(page.get(page.size() - 1)));
    }
    return out;
  }

  /** The cached attributes of the tenant's contacts or accounts among {@code keys}, by key. */
  static Map<String, Map<String, String>> attributes(
      Storage storage, String tenant, CachedEnrichment.Kind kind, Collection<String> keys) {
    List<String> all = List.copyOf(keys);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (int from = 0; from < all.size(); from += DealStore.MAX_BATCH) {
      storage
          .deals()
          .findEnrichments(
              tenant, kind, all.subList(from, Math.min(all.size(), from + DealStore.MAX_BATCH)))
          .forEach((k, v) -> out.put(k, v.attributes()));
    }
    return out;
  }

  /** The distinct contact e-mails of the deals. */
  static List<String> emails(List<Deal> deals) {
    return deals.stream()
        .flatMap(d -> d.contacts().stream())
        .map(DealContact::email)
        .distinct()
        .toList();
  }

  /** The distinct account domains of the deals. */
  static List<String> domains(List<Deal> deals) {
    return deals.stream()
        .flatMap(d -> d.account().flatMap(DealAccount::domain).stream())
        .distinct()
        .toList();
  }
}
