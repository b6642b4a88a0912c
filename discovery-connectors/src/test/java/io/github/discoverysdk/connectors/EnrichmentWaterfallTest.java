package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrichmentWaterfallTest {
  static final String CANARY = "key-CANARY-91c2";

  /** An enricher that needs a key and answers fixed attributes for every subject. */
  record FixedEnricher(String id, Map<String, String> answer, boolean fails) implements Enricher {
    @Override
    public Set<EnrichmentSubject.Kind> kinds() {
      return Set.of(EnrichmentSubject.Kind.PERSON);
    }

    @Override
    public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context) {
      if (context.credentials().find(context.tenant(), id).isEmpty()) {
        return EnrichmentResult.builder().addSkipped(id + ": no API key for this tenant").build();
      }
      if (fails) {
        throw new IllegalStateException("service down");
      }
      EnrichmentResult.Builder b = EnrichmentResult.builder().calls(1).estimatedCost(0.1);
      subjects.forEach(s -> b.putAttributes(s.id(), answer));
      return b.build();
    }
  }

  private final EnrichmentSubject jane =
      EnrichmentSubject.builder()
          .id("p-1")
          .kind(EnrichmentSubject.Kind.PERSON)
          .name("Jane Doe")
          .domain("acme.com")
          .putAttributes("title", "Head of Sales")
          .addUserSetFields("title")
          .build();

  private EnrichmentContext context(CredentialStore store) {
    return new EnrichmentContext(
        MutableClock.at(Instant.parse("2026-09-01T00:00:00Z")), "acme", "run", store);
  }

  @Test
  void laterSourcesFillOnlyWhatEarlierOnesLeftAndUserFieldsAreNeverOverwritten() throws Exception {
    EnrichmentWaterfall w =
        EnrichmentWaterfall.of(
            new FixedEnricher("apollo", Map.of("title", "VP Sales", "seniority", "vp"), false),
            new FixedEnricher(
                "serper",
                Map.of("seniority", "director", "linkedin", "https://x.test/jane"),
                false));
    CredentialStore keys =
        CredentialStore.of(
            Map.of("acme/apollo", Secret.of(CANARY), "acme/serper", Secret.of(CANARY)));

    EnrichmentResult r = w.enrich(List.of(jane), context(keys));

    assertThat(r.attributes().get("p-1"))
        .containsOnly(Map.entry("seniority", "vp"), Map.entry("linkedin", "https://x.test/jane"));
    assertThat(r.calls()).isEqualTo(2);
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void aSourceWithoutKeyOrFailingIsSkippedWithAReasonAndTheNextCarriesOn() throws Exception {
    EnrichmentWaterfall w =
        EnrichmentWaterfall.of(
            new FixedEnricher("apollo", Map.of("seniority", "vp"), false),
            new FixedEnricher("broken", Map.of("seniority", "x"), true),
            new FixedEnricher("serper", Map.of("seniority", "director"), false));
    CredentialStore keys =
        CredentialStore.of(
            Map.of("acme/broken", Secret.of(CANARY), "acme/serper", Secret.of(CANARY)));

    EnrichmentResult r = w.enrich(List.of(jane), context(keys));

    assertThat(r.attributes().get("p-1")).containsOnly(Map.entry("seniority", "director"));
    assertThat(r.skipped())
        .containsExactly(
            "apollo: no API key for this tenant", "broken: failed (IllegalStateException)");
    assertThat(r.toString()).doesNotContain(CANARY);
    assertThat(keys.toString()).doesNotContain(CANARY);
  }
}
