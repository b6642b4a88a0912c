package io.github.discoverysdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Values a host passes on from its users have documented bounds: a deal value the learners can read
 * as a finite double, and a maximum for every free-text field of profiles, teams, notes and
 * feedback. Each refusal is a {@link ValidationException} naming the field.
 */
class FreeTextAndNumberLimitsTest {
  private static final String HUGE = "x".repeat(1_000_000);

  private static Profile.Builder profile() {
    return Profile.builder().tenant("acme").owner("u-42").name("Fintech").addKeywords("payments");
  }

  @Test
  void aConvertedValueBeyondTheBoundIsRefusedBeforeItBecomesInfinity() {
    BigDecimal infinite = new BigDecimal("1e400");
    assertThat(infinite.doubleValue()).isInfinite();

    assertThatThrownBy(() -> Feedback.converted(infinite))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("value must be at most 1000000000000000");
    assertThatThrownBy(() -> Feedback.converted(Feedback.MAX_VALUE.add(BigDecimal.ONE)))
        .isInstanceOf(ValidationException.class);
    assertThat(Feedback.converted(Feedback.MAX_VALUE).value()).hasValue(Feedback.MAX_VALUE);
    assertThat(Feedback.converted(new BigDecimal("125000.50")).value())
        .hasValue(new BigDecimal("125000.50"));
  }

  @Test
  void feedbackActorAndNoteHaveMaxima() {
    assertThatThrownBy(() -> Feedback.builder().type(FeedbackType.SAVE).actor(HUGE).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("actor must be at most " + Feedback.MAX_ACTOR);
    assertThatThrownBy(() -> Feedback.builder().type(FeedbackType.SAVE).note(HUGE).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("note must be at most " + Feedback.MAX_NOTE);
  }

  @Test
  void aProfileOwnerOfAMillionCharactersIsRefused() {
    assertThatThrownBy(() -> profile().owner(HUGE).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("owner must be at most " + Profile.MAX_OWNER);
    assertThatThrownBy(() -> profile().name(HUGE).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name must be at most " + Profile.MAX_NAME);
    assertThat(profile().owner("u".repeat(Profile.MAX_OWNER)).build().owner())
        .hasSize(Profile.MAX_OWNER);
  }

  @Test
  void teamNoteAuthorAndSharerHaveMaxima() {
    Instant at = Instant.parse("2026-11-23T10:00:00Z");
    assertThatThrownBy(() -> TeamNote.of(HUGE, "hi", at))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("teamNote.author must be at most " + TeamNote.MAX_AUTHOR);
    assertThatThrownBy(() -> TeamNote.of("u", HUGE, at))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("teamNote.text must be at most " + TeamNote.MAX_TEXT);
    assertThatThrownBy(
            () ->
                SharedOpportunity.builder()
                    .tenant("acme")
                    .teamId("t1")
                    .opportunityId(OpportunityId.of("acme", "o1"))
                    .sharedBy(HUGE)
                    .sharedAt(at)
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("shared.sharedBy must be at most 200");
  }
}
