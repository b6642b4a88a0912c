package io.github.discoverysdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private Profile.Builder valid() {
    return Profile.builder()
        .tenant("acme")
        .owner("u1")
        .name("Fintech")
        .addWatchlist(Company.of("Stripe", "stripe.com"));
  }

  @Test
  void aValidProfileBuildsWithDefaults() {
    Profile p = valid().build();
    assertThat(p.id().tenant()).isEqualTo("acme");
    assertThat(p.version()).isZero();
    assertThat(p.frequency()).isEqualTo(Frequency.DAILY);
    assertThat(p.minConfidence()).isEqualTo(0.5);
  }

  @Test
  void invalidProfilesAreRejectedWithTheFieldNamed() {
    assertThatThrownBy(() -> valid().name(" ").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name must not be blank");
    assertThatThrownBy(() -> valid().minConfidence(1.5).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("minConfidence must be between 0 and 1, was 1.5");
    assertThatThrownBy(() -> Profile.builder().tenant("acme").name("x").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("owner");
    assertThatThrownBy(() -> valid().id(ProfileId.of("other", "p1")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tenant 'other'");
    assertThatThrownBy(() -> Profile.builder().tenant("acme").owner("u").name("empty").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("watchlist, competitors, keywords and targetTitles are all empty");
    assertThatThrownBy(() -> valid().addKeywords("").build())
        .hasMessageContaining("keywords must not contain blank entries");
  }

  @Test
  void companyDomainsAreLowerCased() {
    assertThat(Company.of("Stripe", "Stripe.COM").domains()).containsExactly("stripe.com");
  }

  @Test
  void validationErrorsAreTypedDiscoveryExceptions() {
    assertThatThrownBy(
            () -> Feedback.builder().type(FeedbackType.SAVE).value(BigDecimal.ONE).build())
        .isInstanceOfSatisfying(
            DiscoveryException.class,
            e -> assertThat(e.reason()).isEqualTo(DiscoveryException.Reason.VALIDATION))
        .hasMessageContaining("value is only allowed with CONVERTED");
    assertThatThrownBy(() -> Feedback.converted(new BigDecimal("-1")))
        .hasMessageContaining("value must not be negative");
  }

  @Test
  void signalUrlMustBeHttpAndEventMustNotEndBeforeItStarts() {
    Instant now = Instant.parse("2026-11-21T00:00:00Z");
    Signal.Builder signal =
        Signal.builder()
            .key(SignalKey.of("s", "1"))
            .type(SignalType.NEWS)
            .title("t")
            .publishedAt(now)
            .observedAt(now);
    assertThatThrownBy(() -> signal.url(java.net.URI.create("javascript:alert(1)")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("signal.url must be http or https");
    assertThatThrownBy(() -> EventDetails.builder().start(now).end(now.minusSeconds(1)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("event.end must not be before event.start");
  }

  @Test
  void contentHashIgnoresObservationTimeButNotContent() {
    Instant now = Instant.parse("2026-11-21T00:00:00Z");
    Signal a =
        Signal.builder()
            .key(SignalKey.of("s", "1"))
            .type(SignalType.NEWS)
            .title("Stripe expands")
            .publishedAt(now)
            .observedAt(now)
            .build();
    Signal later = Signal.builder().from(a).observedAt(now.plusSeconds(60)).build();
    Signal edited = Signal.builder().from(a).title("Stripe expands to Dublin").build();

    assertThat(later.contentHash()).isEqualTo(a.contentHash());
    assertThat(edited.contentHash()).isNotEqualTo(a.contentHash());
  }

  @Test
  void languagesAreIsoCodesAndDerivedFieldsStayOutOfTheContentHash() {
    Instant now = Instant.parse("2026-11-21T00:00:00Z");
    Signal a =
        Signal.builder()
            .key(SignalKey.of("s", "1"))
            .type(SignalType.NEWS)
            .title("Stripe expands")
            .publishedAt(now)
            .observedAt(now)
            .build();
    Signal processed = Signal.builder().from(a).language("en").addThemes(Theme.EXPANSION).build();

    assertThat(processed.contentHash()).isEqualTo(a.contentHash());
    assertThatThrownBy(() -> Signal.builder().from(a).language("EN").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("signal.language must be an ISO 639 code");
    assertThatThrownBy(() -> Signal.builder().from(a).language("english").build())
        .hasMessageContaining("was 'english'");
    assertThat(valid().addLanguages("de").build().languages()).containsExactly("de");
    assertThatThrownBy(() -> valid().addLanguages("German").build())
        .hasMessageContaining("languages must be an ISO 639 code");
  }

  @Test
  void aProfileWithLanguagesAcceptsThoseAndUnknownOnly() {
    Profile de = valid().addLanguages("de").build();

    assertThat(de.acceptsLanguage(java.util.Optional.of("de"))).isTrue();
    assertThat(de.acceptsLanguage(java.util.Optional.of("en"))).isFalse();
    assertThat(de.acceptsLanguage(java.util.Optional.empty())).isTrue();
    assertThat(valid().build().acceptsLanguage(java.util.Optional.of("en"))).isTrue();
  }

  @Test
  void aMentionSpanIsOrderedInsideTheTitleOrTextWithAConfidence() {
    assertThat(MentionSpan.of(EvidenceField.TEXT, 0, 4, 0.9).end()).isEqualTo(4);
    assertThatThrownBy(() -> MentionSpan.of(EvidenceField.TEXT, 4, 4, 0.9))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("0 <= start < end");
    assertThatThrownBy(() -> MentionSpan.of(EvidenceField.URL, 0, 4, 0.9))
        .hasMessageContaining("TITLE or TEXT");
    assertThatThrownBy(() -> MentionSpan.of(EvidenceField.TITLE, 0, 4, 0.0))
        .hasMessageContaining("(0, 1]");
  }

  @Test
  void feedQueryLimitsAreChecked() {
    assertThatThrownBy(() -> FeedQuery.forTenant("acme").limit(0).build())
        .hasMessageContaining("limit must be between 1 and 500, was 0");
    assertThatThrownBy(
            () -> FeedQuery.forTenant("acme").profileId(ProfileId.of("other", "p")).build())
        .hasMessageContaining("profileId belongs to tenant 'other'");
  }
}
