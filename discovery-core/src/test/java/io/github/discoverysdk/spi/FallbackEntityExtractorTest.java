package io.github.discoverysdk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.EntityExtractionException;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.spi.EntityExtractor.Extraction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link EntityExtractor#withFallback}: the tenant reaches both extractors, the fallback answers
 * when the primary throws or returns null, and a failing fallback propagates. The LLM extractor
 * with the rules as its fallback is tested against WireMock in discovery-connectors.
 */
class FallbackEntityExtractorTest {
  /** Names the first word of the text, or fails as told; records the tenants it was called for. */
  private static final class FirstWord implements EntityExtractor {
    final String id;
    final RuntimeException failure;
    final boolean answerNull;
    final List<String> tenants = new CopyOnWriteArrayList<>();

    FirstWord(String id, RuntimeException failure, boolean answerNull) {
      this.id = id;
      this.failure = failure;
      this.answerNull = answerNull;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Extraction extract(String text, EvidenceField field) {
      return extract("(none)", text, field);
    }

    @Override
    public Extraction extract(String tenant, String text, EvidenceField field) {
      tenants.add(tenant);
      if (failure != null) {
        throw failure;
      }
      if (answerNull) {
        return null;
      }
      int end = text.indexOf(' ');
      return new Extraction(
          List.of(
              OrganizationMention.builder()
                  .name(text.substring(0, end))
                  .role(OrganizationRole.MENTIONED)
                  .span(MentionSpan.of(field, 0, end, id.equals("rules") ? 0.7 : 0.8))
                  .build()),
          List.of());
    }
  }

  @Test
  void thePrimaryAnswersWhenItCanWithTheTenant() {
    FirstWord llm = new FirstWord("llm", null, false);
    FirstWord rules = new FirstWord("rules", null, false);
    EntityExtractor both = EntityExtractor.withFallback(llm, rules);

    Extraction found = both.extract("acme", "Acme raised funds", EvidenceField.TITLE);

    assertThat(found.organizations().get(0).span().orElseThrow().confidence()).isEqualTo(0.8);
    assertThat(llm.tenants).containsExactly("acme");
    assertThat(rules.tenants).isEmpty();
    assertThat(both.id()).isEqualTo("llm-or-rules");
  }

  @Test
  void theFallbackAnswersWhenThePrimaryThrowsOrReturnsNull() {
    FirstWord rules = new FirstWord("rules", null, false);
    for (EntityExtractor llm :
        List.of(
            new FirstWord("llm", new EntityExtractionException("llm: no key"), false),
            new FirstWord("llm", new IllegalStateException("quotes Acme raised"), false),
            new FirstWord("llm", null, true))) {
      Extraction found =
          EntityExtractor.withFallback(llm, rules)
              .extract("acme", "Acme raised funds", EvidenceField.TEXT);

      assertThat(found.organizations().get(0).span().orElseThrow().confidence()).isEqualTo(0.7);
    }
    assertThat(rules.tenants).containsExactly("acme", "acme", "acme");
  }

  @Test
  void aFailingFallbackPropagates() {
    EntityExtractor both =
        EntityExtractor.withFallback(
            new FirstWord("llm", new EntityExtractionException("llm: unavailable"), false),
            new FirstWord("rules", new IllegalArgumentException("broken"), false));

    assertThatThrownBy(() -> both.extract("acme", "Acme raised funds", EvidenceField.TEXT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("broken");
    assertThatThrownBy(() -> EntityExtractor.withFallback(null, both))
        .isInstanceOf(NullPointerException.class);
  }
}
