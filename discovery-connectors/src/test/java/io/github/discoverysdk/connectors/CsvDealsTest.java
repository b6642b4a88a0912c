package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealRequest;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.testkit.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDealsTest {
  static final Instant SINCE = Instant.parse("2026-06-01T00:00:00Z");
  static final String HEADER =
      "Deal_ID,deal_name,stage,amount,currency,closed_at,updated_at,account_name,account_domain,"
          + "contact_email,contact_name,contact_title\r\n";

  @TempDir Path dir;
  final SourceContext context =
      SourceContext.of(MutableClock.at(Instant.parse("2026-09-01T09:00:00Z")), "acme", "run-1");

  private CsvDeals source(String csv) throws Exception {
    Path file = dir.resolve("acme.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return CsvDeals.builder()
        .id("crm-export")
        .files(tenant -> dir.resolve(tenant + ".csv"))
        .build();
  }

  @Test
  void readsClosedDealsWithOneRowPerContactAndRejectsMalformedRowsAlone() throws Exception {
    CsvDeals csv =
        source(
            HEADER
                + "d-1,\"Acme, Inc. — Platform\",won,48000.50,eur,2026-06-30,2026-07-01T08:00:00Z,"
                + "\"Acme, Inc.\",https://www.acme.com,Jane.Doe@acme.com,Jane Doe,\"VP Sales,"
                + " EMEA\"\r\n"
                + "d-1,ignored,lost,,,,,,,ops@acme.com,,\r\n"
                + "d-1,,,,,,,,,not-an-email,,\r\n"
                + "d-2,\"Globex\nPilot\",closed_lost,,,2026-07-02T10:00:00Z,2026-07-02T10:00:00Z,,,,,\r\n"
                + "d-3,Open deal,open,,,,2026-07-03T00:00:00Z,,,,,\r\n"
                + "d-4,Bad stage,maybe,,,2026-07-04,2026-07-04,,,,,\r\n"
                + "d-5,Bad amount,won,lots,,2026-07-04,2026-07-04,,,,,\r\n"
                + "d-6,Too few fields,won\r\n"
                + "d-7,Old,won,,,2026-01-01,2026-01-02,,,,,\r\n"
                + "d-8,\"Nul\u0000name\",won,,,2026-07-05,2026-07-05,,,,,\r\n");

    DealPage page = csv.fetch(DealRequest.first(SINCE), context);

    assertThat(page.deals()).extracting(Deal::id).containsExactly("d-1", "d-2");
    Deal won = page.deals().get(0);
    assertThat(won.source()).isEqualTo("crm-export");
    assertThat(won.tenant()).isEqualTo("acme");
    assertThat(won.name()).isEqualTo("Acme, Inc. — Platform");
    assertThat(won.stage()).isEqualTo(DealStage.CLOSED_WON);
    assertThat(won.amount()).contains(new BigDecimal("48000.50"));
    assertThat(won.currency()).contains("EUR");
    assertThat(won.closedAt()).contains(Instant.parse("2026-06-30T00:00:00Z"));
    assertThat(won.account()).contains(DealAccount.of("Acme, Inc.", "acme.com"));
    assertThat(won.contacts())
        .containsExactly(
            DealContact.of("jane.doe@acme.com", "Jane Doe", "VP Sales, EMEA"),
            DealContact.of("ops@acme.com", null, null));
    assertThat(page.deals().get(1).name()).as("a quoted line break").isEqualTo("Globex Pilot");
    assertThat(page.rejected())
        .extracting(RejectedRecord::recordId)
        .containsExactly(
            "line 4 (deal d-1)",
            "line 8 (deal d-4)",
            "line 9 (deal d-5)",
            "line 10",
            "line 12 (deal d-8)");
    assertThat(page.rejected().get(0).reason()).contains("deal.contact.email");
    assertThat(page.rejected().get(1).reason()).contains("stage must be won, lost or open");
    assertThat(page.rejected().get(2).reason()).contains("amount is not a number");
    assertThat(page.rejected().get(3).reason()).isEqualTo("has 3 fields, the header has 12");
    assertThat(page.rejected().get(4).reason()).contains("deal.name", "U+0000");
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void pagesFollowTheCursorInUpdateOrderAndReportRejectionsOnce() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 9; i >= 0; i--) {
      csv.append("d-")
          .append(i)
          .append(",Deal ")
          .append(i)
          .append(",won,,,2026-07-01,2026-07-0")
          .append(1 + i % 3)
          .append(",,,,,\r\n");
    }
    csv.append("bad,Bad,won,,,never,2026-07-01,,,,,\r\n");
    CsvDeals source = source(csv.toString());

    List<Deal> all = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    DealRequest request = new DealRequest(SINCE, Optional.empty(), 4);
    for (int guard = 0; guard < 10; guard++) {
      DealPage page = source.fetch(request, context);
      all.addAll(page.deals());
      rejected.addAll(page.rejected());
      if (page.nextCursor().isEmpty()) {
        break;
      }
      request = request.next(page.nextCursor().get());
    }

    assertThat(all).hasSize(10);
    assertThat(all)
        .isSortedAccordingTo(
            java.util.Comparator.comparing(Deal::updatedAt).thenComparing(Deal::id));
    assertThat(rejected)
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("closed_at"));
  }

  @Test
  void aBrokenFileFailsAsAParseErrorNamingTheLine() throws Exception {
    CsvDeals csv = source(HEADER + "d-1,\"never closed,won,,,2026-07-01,2026-07-01,,,,,\r\n");

    assertThatThrownBy(() -> csv.fetch(DealRequest.first(SINCE), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.PARSE_ERROR))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> source("name,stage\r\n").fetch(DealRequest.first(SINCE), context))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("deal_id");
  }

  @Test
  void aCursorItDidNotMakeIsRefused() throws Exception {
    CsvDeals csv = source(HEADER);
    assertThatThrownBy(() -> csv.fetch(new DealRequest(SINCE, Optional.of("9001:3"), 10), context))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cursor");
    assertThat(csv.fetch(DealRequest.first(SINCE), context).deals()).isEmpty();
  }
}
