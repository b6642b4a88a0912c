package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Theme;
import io.github.discoverysdk.spi.SignalWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of signals().
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Signals} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class SignalStoreSuite extends StoreSuiteSupport {
  SignalStoreSuite() {}

  @Test
  void upsertingASignalSaysWhetherItIsNewChangedOrUnchanged() {
    Signal original = signal("s-1", T0);
    Signal observedLater =
        Signal.builder().from(original).observedAt(T0.plus(Duration.ofHours(1))).build();
    Signal edited = Signal.builder().from(observedLater).title("Edited title").build();

    assertThat(storage().signals().upsert(TENANT_A, original)).isEqualTo(SignalWrite.NEW);
    assertThat(storage().signals().upsert(TENANT_A, observedLater))
        .isEqualTo(SignalWrite.UNCHANGED);
    assertThat(storage().signals().find(TENANT_A, original.key()))
        .hasValueSatisfying(s -> assertThat(s.observedAt()).isEqualTo(observedLater.observedAt()));
    assertThat(storage().signals().upsert(TENANT_A, edited)).isEqualTo(SignalWrite.CHANGED);
    assertThat(storage().signals().find(TENANT_A, original.key()))
        .hasValueSatisfying(s -> assertThat(s.title()).isEqualTo("Edited title"));
  }

  /**
   * A version observed before the stored one arrives late (a slower run, a re-delivered page) and
   * must not replace the newer content: last write wins by observation time, not by arrival.
   */
  @Test
  void anOlderVersionArrivingLateDoesNotReplaceANewerOne() {
    Signal older = signal("s-1", T0);
    Signal newer =
        Signal.builder()
            .from(older)
            .title("Newer title")
            .observedAt(T0.plus(Duration.ofHours(1)))
            .build();
    Signal sameTimeEdit = Signal.builder().from(newer).title("Same time, other title").build();

    assertThat(storage().signals().upsert(TENANT_A, newer)).isEqualTo(SignalWrite.NEW);
    assertThat(storage().signals().upsert(TENANT_A, older)).isEqualTo(SignalWrite.UNCHANGED);
    assertThat(storage().signals().upsertAll(TENANT_A, List.of(older, signal("s-2", T0))))
        .containsExactly(SignalWrite.UNCHANGED, SignalWrite.NEW);
    assertThat(storage().signals().find(TENANT_A, older.key()))
        .hasValueSatisfying(
            s -> {
              assertThat(s.title()).isEqualTo("Newer title");
              assertThat(s.observedAt()).isEqualTo(newer.observedAt());
            });
    // Two versions observed at the same instant: the later write wins, as before.
    assertThat(storage().signals().upsert(TENANT_A, sameTimeEdit)).isEqualTo(SignalWrite.CHANGED);
    assertThat(storage().signals().find(TENANT_A, older.key()))
        .hasValueSatisfying(s -> assertThat(s.title()).isEqualTo("Same time, other title"));
  }

  /**
   * What the ingestion processors derive (language, themes, extracted mentions with their spans and
   * confidence) is stored with the signal and read back as it was, alone and in a batch.
   */
  @Test
  void processedFieldsAreStoredAndReadBack() {
    String text = "Acme Corp appointed Jane Doe as Chief Revenue Officer.";
    Signal processed =
        Signal.builder()
            .from(signal("s-nlp", T0))
            .text(text)
            .language("en")
            .addThemes(Theme.LEADERSHIP_CHANGE, Theme.FUNDING)
            .addOrganizations(
                OrganizationMention.builder()
                    .name("Acme Corp")
                    .role(OrganizationRole.MENTIONED)
                    .span(MentionSpan.of(EvidenceField.TEXT, 0, 9, 0.9))
                    .build())
            .addPeople(
                PersonMention.builder()
                    .name("Jane Doe")
                    .title("Chief Revenue Officer")
                    .employer("Acme Corp")
                    .span(MentionSpan.of(EvidenceField.TEXT, 20, 28, 0.85))
                    .build())
            .build();
    Signal plain = signal("s-plain", T0);

    storage().signals().upsertAll(TENANT_A, List.of(processed, plain));

    assertThat(storage().signals().find(TENANT_A, processed.key())).contains(processed);
    Signal back = storage().signals().find(TENANT_A, processed.key()).orElseThrow();
    assertThat(back.language()).contains("en");
    assertThat(back.themes()).containsExactlyInAnyOrder(Theme.LEADERSHIP_CHANGE, Theme.FUNDING);
    MentionSpan span = back.people().get(0).span().orElseThrow();
    assertThat(text.substring(span.start(), span.end())).isEqualTo("Jane Doe");
    assertThat(span.confidence()).isEqualTo(0.85);
    assertThat(back.organizations().get(0).span()).isPresent();
    Signal plainBack = storage().signals().find(TENANT_A, plain.key()).orElseThrow();
    assertThat(plainBack.language()).isEmpty();
    assertThat(plainBack.themes()).isEmpty();
  }

  @Test
  void upsertingABatchReportsEachSignal() {
    storage().signals().upsert(TENANT_A, signal("s-1", T0));

    List<SignalWrite> writes =
        storage()
            .signals()
            .upsertAll(
                TENANT_A,
                List.of(
                    signal("s-1", T0),
                    signal("s-2", T0),
                    Signal.builder().from(signal("s-1", T0)).text("changed").build()));

    assertThat(writes).containsExactly(SignalWrite.UNCHANGED, SignalWrite.NEW, SignalWrite.CHANGED);
  }

  /** 1,200 keys: more than one SQL IN list of 500. */
  @Test
  void findingManySignalsReturnsExactlyTheStoredOnesOfTheTenant() {
    List<Signal> stored = new ArrayList<>();
    List<SignalKey> asked = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      Signal s = signal("f-" + i, T0.minusSeconds(i));
      if (i % 3 == 0) {
        stored.add(s);
      }
      asked.add(s.key());
    }
    Signal otherSource =
        Fixtures.signal("other-source", "f-1", SignalType.NEWS, "Other source", T0);
    stored.add(otherSource);
    storage().signals().upsertAll(TENANT_A, stored);
    storage().signals().upsertAll(TENANT_B, List.of(signal("f-1", T0)));
    asked.add(SignalKey.of("other-source", "f-3"));

    Map<SignalKey, Signal> found = storage().signals().findAll(TENANT_A, asked);

    assertThat(found.keySet())
        .containsExactlyElementsOf(
            stored.stream().map(Signal::key).filter(asked::contains).toList());
    found.forEach((k, s) -> assertThat(s.key()).isEqualTo(k));
    assertThat(found.get(key("f-0"))).isEqualTo(stored.get(0));
    assertThat(storage().signals().findAll(TENANT_B, List.of(key("f-0"), key("f-1"))))
        .containsOnlyKeys(key("f-1"));
    assertThat(storage().signals().findAll(TENANT_A, List.of())).isEmpty();
  }

  @Test
  void listingSignalsReturnsThoseSinceNewestFirstUpToTheLimit() {
    for (int i = 0; i < 5; i++) {
      storage().signals().upsert(TENANT_A, signal("s-" + i, T0.minus(Duration.ofHours(i))));
    }
    Instant since = T0.minus(Duration.ofHours(3));

    assertThat(storage().signals().list(TENANT_A, since, 10))
        .extracting(s -> s.key().externalId())
        .containsExactly("s-0", "s-1", "s-2", "s-3");
    assertThat(storage().signals().list(TENANT_A, since, 2))
        .extracting(s -> s.key().externalId())
        .containsExactly("s-0", "s-1");
  }
}
