package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealImport;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealRequest;
import io.github.discoverysdk.deals.DealSource;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DealImportTest {
  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  final MutableClock clock = MutableClock.at(Instant.parse("2026-09-01T09:00:00Z"));
  final InMemoryStorage storage = InMemoryStorage.create();
  final PagedSource source = new PagedSource();

  /** Serves its deals changed at or after since, two a page, cursor = offset; may fail a page. */
  static final class PagedSource implements DealSource {
    final List<Deal> deals = new CopyOnWriteArrayList<>();
    final List<DealRequest> requests = new CopyOnWriteArrayList<>();
    volatile int failAtOffset = -1;

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public DealPage fetch(DealRequest request, SourceContext context) throws Exception {
      requests.add(request);
      int offset = request.cursor().map(Integer::parseInt).orElse(0);
      if (offset == failAtOffset) {
        throw new java.io.IOException("connection reset");
      }
      List<Deal> due =
          deals.stream()
              .filter(d -> !d.updatedAt().isBefore(request.since()))
              .sorted(Comparator.comparing(Deal::updatedAt).thenComparing(Deal::id))
              .toList();
      int end = Math.min(due.size(), offset + 2);
      return new DealPage(
          due.subList(Math.min(offset, end), end),
          offset == 0 ? List.of(RejectedRecord.of("x", "bad")) : List.of(),
          end < due.size() ? Optional.of(String.valueOf(end)) : Optional.empty());
    }
  }

  private static Deal deal(String id, Instant updated) {
    return Deal.builder()
        .tenant("acme")
        .source("crm")
        .id(id)
        .name("Deal " + id)
        .stage(DealStage.CLOSED_WON)
        .closedAt(updated)
        .updatedAt(updated)
        .build();
  }

  private List<Deal> stored() {
    return storage.deals().listClosed("acme", Instant.EPOCH, Optional.empty(), 100);
  }

  @Test
  void anImportSavesEveryPageAndTheNextStartsAtTheLatestChange() {
    for (int i = 0; i < 5; i++) {
      source.deals.add(deal("d-" + i, T0.plusSeconds(i)));
    }
    DealImport.Report report = DealImport.of(storage, source, clock).run("acme", T0, 10);

    assertThat(report.pages()).isEqualTo(3);
    assertThat(report.deals()).isEqualTo(5);
    assertThat(report.finished()).isTrue();
    assertThat(report.rejected()).extracting(RejectedRecord::reason).containsExactly("bad");
    assertThat(stored()).hasSize(5).allSatisfy(d -> assertThat(d.version()).isOne());

    source.requests.clear();
    source.deals.add(deal("d-5", T0.plusSeconds(60)));
    DealImport.Report next = DealImport.of(storage, source, clock).run("acme", T0, 10);

    assertThat(source.requests.get(0).since()).isEqualTo(T0.plusSeconds(4));
    assertThat(source.requests.get(0).cursor()).isEmpty();
    assertThat(next.deals()).as("the boundary deal again, and the new one").isEqualTo(2);
    assertThat(stored()).hasSize(6).allSatisfy(d -> assertThat(d.version()).isOne());
  }

  @Test
  void aFailedPageLeavesTheCommittedOnesAndTheNextRunResumesAfterThem() {
    for (int i = 0; i < 5; i++) {
      source.deals.add(deal("d-" + i, T0.plusSeconds(i)));
    }
    source.failAtOffset = 2;

    assertThatThrownBy(() -> DealImport.of(storage, source, clock).run("acme", T0, 10))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.getMessage()).contains("crm"))
        .hasMessageContaining("connection reset");
    assertThat(stored()).extracting(Deal::id).containsExactly("d-0", "d-1");

    source.failAtOffset = -1;
    source.requests.clear();
    DealImport.Report resumed = DealImport.of(storage, source, clock).run("acme", T0, 10);

    assertThat(source.requests.get(0).cursor()).contains("2");
    assertThat(source.requests.get(0).since()).isEqualTo(T0);
    assertThat(resumed.deals()).isEqualTo(3);
    assertThat(stored()).hasSize(5);
  }

  @Test
  void maxPagesStopsAnImportThatTheNextRunContinues() {
    List<Deal> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(deal("d-" + i, T0.plusSeconds(i)));
    }
    source.deals.addAll(all);

    assertThat(DealImport.of(storage, source, clock).run("acme", T0, 1).finished()).isFalse();
    assertThat(stored()).hasSize(2);
    assertThat(DealImport.of(storage, source, clock).run("acme", T0, 5).finished()).isTrue();
    assertThat(stored()).hasSize(6);
    assertThatThrownBy(() -> DealImport.of(storage, source, clock).run("acme", T0, 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxPages");
  }
}
