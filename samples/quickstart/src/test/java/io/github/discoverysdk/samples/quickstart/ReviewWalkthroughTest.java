package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReviewWalkthroughTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  @Test
  void aCardGoesThroughRefineApproveActivateAndItsTrailIsPrinted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReviewCard card;
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      card =
          ReviewWalkthrough.run(
              new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK, storage);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(card.state()).isEqualTo(ReviewState.ACTIVATED);
    assertThat(card.narrative()).get().asString().contains("Adyen champion");
    assertThat(card.decidedBy()).contains("mia");
    assertThat(out)
        .contains("Ana's inbox: ")
        .contains("REFINE")
        .contains("APPROVE")
        .contains("ACTIVATE")
        .contains("state: PENDING_REVIEW → APPROVED")
        .contains("from 198.51.100.23")
        .contains("the CRM received [");
  }
}
