package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReviewTourTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  @Test
  void theTourWalksOneCardThroughRefineApproveActivateAndPrintsItsHistoryAndAuditTrail() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    ReviewCard card = ReviewTour.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(card.state()).isEqualTo(ReviewState.ACTIVATED);
    assertThat(out)
        .contains("== ana's inbox: ")
        .contains("card is ACTIVATED; the CRM holds 1 record(s)")
        .contains("== history of the card")
        .contains("== audit trail of the tenant");
    String history = out.substring(out.indexOf("== history"), out.indexOf("== audit trail"));
    assertThat(history.lines().filter(l -> l.startsWith("#")).map(l -> l.split("\\s+")[2]))
        .containsExactly("CREATE", "REFINE", "APPROVE", "ACTIVATE");
    assertThat(history).contains("reason: their CFO asked for a call last week");
    assertThat(out.substring(out.indexOf("== audit trail")))
        .contains("account     acc-stripe   CREATE   by ana");
  }
}
