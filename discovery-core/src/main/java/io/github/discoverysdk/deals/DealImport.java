package io.github.discoverysdk.deals;

import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies a tenant's closed deals from a {@link DealSource} into {@code Storage.deals()},
 * incrementally: each page is saved in one transaction with the watermark that covers it (under the
 * source's id and the query key {@value #QUERY_KEY}), so a crash resumes at the page after the last
 * one committed, and a finished import makes the next one start at the latest change it saw.
 * Re-reading that instant is harmless: {@link DealStore#saveAll} keeps the later version. A deal
 * that turns closed-won is queued for enrichment in the same transaction ({@link
 * EnrichmentStatus.Outcome#QUEUED}), not enriched here: {@code ClosedDeals.enrichQueued} and the
 * monthly chain take the queue.
 *
 * <p>Thread-safe if its storage and source are; imports of one tenant and source should not
 * overlap.
 */
public final class DealImport {
  /** The watermark's query key. */
  public static final String QUERY_KEY = "closed-deals";

  private final Storage storage;
  private final DealSource source;
  private final Clock clock;

  private DealImport(Storage storage, DealSource source, Clock clock) {
    this.storage = storage;
    this.source = source;
    this.clock = clock;
  }

  /** An import from {@code source} into {@code storage}, timed by {@code clock}. */
  public static DealImport of(Storage storage, DealSource source, Clock clock) {
    return new DealImport(
        Objects.requireNonNull(storage, "storage"),
        Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * What one {@link #run} did.
   *
   * @param pages pages read and committed
   * @param deals deals saved (new or changed, or already stored)
   * @param rejected malformed records the source left out, with their reasons
   * @param finished whether the source had no further page; false when {@code maxPages} stopped it
   */
  public record Report(int pages, int deals, List<RejectedRecord> rejected, boolean finished) {
    public Report {
      rejected = List.copyOf(rejected);
    }
  }

  /**
   * Imports at most {@code maxPages} pages of the tenant's deals changed since the watermark, or
   * since {@code firstSince} when there is none yet.
   *
   * @throws SourceException naming the source when a page cannot be read; the pages before it stay
   *     committed
   */
  public Report run(String tenant, Instant firstSince, int maxPages) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(firstSince, "firstSince");
    if (maxPages < 1) {
      throw new ValidationException("maxPages must be positive, was " + maxPages);
    }
    Position at =
        storage
            .sourceState()
            .findWatermark(tenant, source.id(), QUERY_KEY)
            .map(w -> Position.parse(w.cursor()))
            .orElse(new Position(firstSince, firstSince, Optional.empty()));
    SourceContext context = SourceContext.of(clock, tenant, "deal-import");
    List<RejectedRecord> rejected = new ArrayList<>();
    int pages = 0;
    int deals = 0;
    while (pages < maxPages) {
      DealPage page =
          fetch(new DealRequest(at.since(), at.cursor(), DealRequest.MAX_LIMIT), context);
      for (Deal d : page.deals()) {
        if (!d.tenant().equals(tenant) || !d.source().equals(source.id())) {
          throw new SourceException(
              source.id(), "returned deal " + d.id() + " of another tenant or source", null);
        }
      }
      Instant latest = at.latest();
      for (Deal d : page.deals()) {
        if (d.updatedAt().isAfter(latest)) {
          latest = d.updatedAt();
        }
      }
      Position next =
          page.nextCursor().isPresent()
              ? new Position(at.since(), latest, page.nextCursor())
              : new Position(latest, latest, Optional.empty());
      storage.inTransaction(
          tx -> {
            List<EnrichmentStatus> won = turnedWon(tx, page.deals());
            tx.deals().saveAll(page.deals());
            tx.deals().saveStatuses(won);
            tx.sourceState()
                .saveWatermark(
                    Watermark.builder()
                        .tenant(tenant)
                        .sourceId(source.id())
                        .queryKey(QUERY_KEY)
                        .cursor(next.encode())
                        .updatedAt(clock.instant())
                        .build());
            return null;
          });
      pages++;
      deals += page.deals().size();
      rejected.addAll(page.rejected());
      at = next;
      if (page.nextCursor().isEmpty()) {
        return new Report(pages, deals, rejected, true);
      }
    }
    return new Report(pages, deals, rejected, false);
  }

  /**
   * The deals of the page that turn closed-won by being saved (new, or stored in another stage, and
   * newer than the stored one), as {@link EnrichmentStatus.Outcome#QUEUED} statuses: their
   * enrichment waits for the next batch ({@code ClosedDeals.enrichQueued} or the monthly chain),
   * never runs inside the import.
   */
  private List<EnrichmentStatus> turnedWon(Storage tx, List<Deal> deals) {
    List<EnrichmentStatus> out = new ArrayList<>();
    for (Deal d : deals) {
      if (d.stage() != DealStage.CLOSED_WON) {
        continue;
      }
      Optional<Deal> stored = tx.deals().find(d.tenant(), d.source(), d.id());
      if (stored.isPresent()
          && (stored.get().stage() == DealStage.CLOSED_WON
              || !d.updatedAt().isAfter(stored.get().updatedAt()))) {
        continue;
      }
      out.add(
          EnrichmentStatus.builder()
              .tenant(d.tenant())
              .subject(EnrichmentStatus.Subject.DEAL)
              .key(ClosedDeals.dealKey(d))
              .outcome(EnrichmentStatus.Outcome.QUEUED)
              .source(source.id())
              .reason("turned closed-won")
              .at(clock.instant())
              .build());
    }
    return out;
  }

  private DealPage fetch(DealRequest request, SourceContext context) {
    try {
      return source.fetch(request, context);
    } catch (DiscoveryException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(source.id(), "interrupted", e);
    } catch (Exception e) {
      throw new SourceException(source.id(), "could not read deals: " + e.getMessage(), e);
    }
  }

  /**
   * Where an import stands: the watermark its query started at, the latest change seen in it, and
   * the source's cursor within it (empty between imports). Written as {@code
   * since-millis|latest-millis|cursor}.
   */
  private record Position(Instant since, Instant latest, Optional<String> cursor) {
    String encode() {
      return since.toEpochMilli() + "|" + latest.toEpochMilli() + "|" + cursor.orElse("");
    }

    static Position parse(String text) {
      String[] parts = text.split("\\|", 3);
      if (parts.length != 3) {
        throw new ValidationException("deal import watermark is corrupt: '" + text + "'");
      }
      try {
        return new Position(
            Instant.ofEpochMilli(Long.parseLong(parts[0])),
            Instant.ofEpochMilli(Long.parseLong(parts[1])),
            parts[2].isEmpty() ? Optional.empty() : Optional.of(parts[2]));
      } catch (NumberFormatException e) {
        throw new ValidationException("deal import watermark is corrupt: '" + text + "'", e);
      }
    }
  }
}
