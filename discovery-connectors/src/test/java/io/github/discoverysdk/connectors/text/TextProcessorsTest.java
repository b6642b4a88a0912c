package io.github.discoverysdk.connectors.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.pii.PiiRedactor;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Theme;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextProcessorsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final SignalProcessor LANGUAGE = TextProcessors.language();

  private static Signal signal(String id, String title, String text) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.NEWS)
        .title(title)
        .text(text)
        .publishedAt(NOW.minusSeconds(3_600))
        .observedAt(NOW.minusSeconds(3_600))
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "en|Acme raises funding|Acme, the payments company, raised forty million dollars from its"
            + " existing investors to expand into new markets next year.",
        "de|Acme sammelt Kapital|Das Zahlungsunternehmen Acme hat von seinen bisherigen"
            + " Investoren vierzig Millionen Euro erhalten und will im nächsten Jahr expandieren.",
        "fr|Acme lève des fonds|La société de paiement Acme a levé quarante millions d'euros"
            + " auprès de ses investisseurs pour se développer sur de nouveaux marchés.",
        "es|Acme recauda fondos|La empresa de pagos Acme ha recaudado cuarenta millones de euros"
            + " de sus inversores actuales para expandirse a nuevos mercados el próximo año.",
      })
  void theLanguageProcessorStoresTheDetectedLanguage(String language, String title, String text) {
    Signal out = LANGUAGE.process(signal("n1", title, text), (k, n) -> {});

    assertThat(out.language()).contains(language);
    assertThat(LANGUAGE.process(out, (k, n) -> {})).isSameAs(out);
  }

  @Test
  void aTextTooShortToTellKeepsItsLanguageUnknown() {
    Signal out = LANGUAGE.process(signal("n1", "Q3", ""), (k, n) -> {});

    assertThat(out.language()).isEmpty();
  }

  @Test
  void entitiesAreAddedWithSpansIntoTheStoredTextAndProcessingIsIdempotent() {
    String text = "Acme Robotics appointed Jane Doe as Chief Revenue Officer on Monday.";
    Signal in = signal("n1", "Acme Robotics names a new CRO", text);
    SignalProcessor entities = TextProcessors.entities();

    Signal out = entities.process(in, (k, n) -> {});

    assertThat(out.organizations())
        .anySatisfy(o -> assertThat(o.name()).isEqualTo("Acme Robotics"));
    PersonMention jane =
        out.people().stream().filter(p -> p.name().equals("Jane Doe")).findFirst().orElseThrow();
    assertThat(jane.title()).contains("Chief Revenue Officer");
    MentionSpan span = jane.span().orElseThrow();
    assertThat(span.field()).isEqualTo(EvidenceField.TEXT);
    assertThat(text.substring(span.start(), span.end())).isEqualTo("Jane Doe");
    assertThat(entities.process(out, (k, n) -> {})).isSameAs(out);
    assertThat(out.contentHash()).isNotEqualTo(in.contentHash());
  }

  @Test
  void themesAreAddedAndProcessingIsIdempotent() {
    Signal in = signal("n1", "Acme lays off 200", "Acme laid off 200 people after its merger.");
    SignalProcessor themes = TextProcessors.themes();

    Signal out = themes.process(in, (k, n) -> {});

    assertThat(out.themes()).contains(Theme.LAYOFFS, Theme.MERGERS_ACQUISITIONS);
    assertThat(themes.process(out, (k, n) -> {})).isSameAs(out);
    assertThat(out.contentHash()).isEqualTo(in.contentHash());
  }

  /**
   * Through a run: the processors fill language, entities and themes before storage; a profile
   * restricted to German does not match the English signal, one restricted to English does, and a
   * profile without languages matches both.
   */
  @Test
  void aRunStoresWhatTheProcessorsFoundAndProfilesKeepToTheirLanguages() {
    Storage storage = InMemoryStorage.create();
    Signal english =
        signal(
            "en",
            "Acme raises $40 million",
            "Acme, the payments company, raised forty million dollars in a Series B round led"
                + " by Accel. CEO Jane Doe said the money will fund an office in Berlin.");
    Signal german =
        signal(
            "de",
            "Acme sammelt 40 Millionen ein",
            "Das Zahlungsunternehmen Acme hat in einer Finanzierungsrunde vierzig Millionen Euro"
                + " eingesammelt und eröffnet ein Büro in Berlin.");
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(ScriptedSource.feed("news").publish(english, german))
            .scorer(TestSupport.scorer())
            .clock(MutableClock.at(NOW))
            .addSignalProcessor(PiiRedactor.defaults())
            .addSignalProcessor(LANGUAGE)
            .addSignalProcessor(TextProcessors.entities())
            .addSignalProcessor(TextProcessors.themes())
            .build()) {
      Profile any = engine.profiles().save(Fixtures.profile("acme", "any", Company.of("Acme")));
      Profile de =
          engine
              .profiles()
              .save(
                  Profile.builder()
                      .from(Fixtures.profile("acme", "de", Company.of("Acme")))
                      .addLanguages("de")
                      .build());
      Profile en =
          engine
              .profiles()
              .save(
                  Profile.builder()
                      .from(Fixtures.profile("acme", "en", Company.of("Acme")))
                      .addLanguages("en")
                      .build());
      engine.discover(any.id());
      engine.discover(de.id());
      engine.discover(en.id());

      assertThat(keys(engine, any)).containsExactlyInAnyOrder("en", "de");
      assertThat(keys(engine, de)).containsExactly("de");
      assertThat(keys(engine, en)).containsExactly("en");
    }
    Signal stored = storage.signals().find("acme", english.key()).orElseThrow();
    assertThat(stored.language()).contains("en");
    assertThat(stored.themes()).contains(Theme.FUNDING);
    assertThat(stored.people())
        .anySatisfy(
            p -> {
              assertThat(p.name()).isEqualTo("Jane Doe");
              assertThat(p.title()).contains("CEO");
            });
    assertThat(stored.organizations()).anySatisfy(o -> assertThat(o.name()).isEqualTo("Accel"));
    assertThat(storage.signals().find("acme", german.key()).flatMap(Signal::language))
        .isEqualTo(Optional.of("de"));
  }

  private static java.util.List<String> keys(DiscoveryEngine engine, Profile p) {
    return engine.feed(FeedQuery.forProfile(p.id()).build()).items().stream()
        .map(o -> o.signalKey().externalId())
        .toList();
  }
}
