package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SignalWrite;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of hostile values in every store.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code HostileInput} against the storage of its {@link StorageContract#createStorage()};
 * never extend this class directly.
 */
public abstract class HostileInputSuite extends StoreSuiteSupport {
  HostileInputSuite() {}

  /**
   * Quotes, comment markers, statement separators, wildcards, backslashes and characters outside
   * the BMP in every kind of identifier and text: a storage must store them as data and return them
   * unchanged, and they must not act on any query.
   */
  @Test
  void hostileStringsAreStoredAndReadBackVerbatim() {
    // A tenant id is restricted (see Tenants): its most awkward legal form, with SQL wildcards.
    String tenant = "t.a_b%c:d@e-f".replace("%", "_");
    String id = "p' OR '1'='1 /* */ ; --";
    Profile profile =
        storage()
            .profiles()
            .save(
                Profile.builder()
                    .from(Fixtures.profile(tenant, "Robert'); DROP TABLE profiles;--"))
                    .id(ProfileId.of(tenant, id))
                    .owner("o\"wner\\%")
                    .addKeywords("' OR 1=1 --", "\u2028line\nbreak")
                    .build());
    Signal signal =
        Signal.builder()
            .from(
                Fixtures.signal(
                    "src'\"", "ext%_'; --\ud83d\ude80", SignalType.NEWS, "Title ' \" ;", T0))
            .text("body with 'quotes', \\backslashes\\ and $1 ${x} ?")
            .addIndustries("fin'tech")
            .build();
    Opportunity opportunity =
        storage()
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(
                        Fixtures.opportunity(
                            OpportunityId.of(tenant, "o'pp\"; --"),
                            profile.id(),
                            signal.key(),
                            60,
                            T0))
                    .title("Title ' \" ;")
                    .company("Acme'; DELETE FROM opportunities; --")
                    .build());
    storage()
        .opportunities()
        .addFeedback(
            opportunity.id(),
            Feedback.builder().type(FeedbackType.SAVE).actor("a'ctor").note("n\"ote; --").build());
    storage()
        .sourceState()
        .saveWatermark(
            Watermark.builder()
                .tenant(tenant)
                .sourceId("src'\"")
                .queryKey("q' OR ''='")
                .cursor("c'; --")
                .updatedAt(T0)
                .build());

    assertThat(storage().signals().upsert(tenant, signal)).isEqualTo(SignalWrite.NEW);
    assertThat(storage().signals().upsert(tenant, signal)).isEqualTo(SignalWrite.UNCHANGED);
    assertThat(storage().profiles().find(profile.id())).contains(profile);
    assertThat(storage().profiles().list(tenant)).containsExactly(profile);
    assertThat(storage().signals().find(tenant, signal.key())).contains(signal);
    assertThat(storage().opportunities().find(opportunity.id())).contains(opportunity);
    assertThat(storage().opportunities().find(profile.id(), signal.key())).contains(opportunity);
    assertThat(storage().opportunities().feed(FeedQuery.forProfile(profile.id()).build()).items())
        .containsExactly(opportunity);
    assertThat(storage().opportunities().listFeedback(opportunity.id()))
        .singleElement()
        .satisfies(f -> assertThat(f.note()).contains("n\"ote; --"));
    assertThat(storage().sourceState().findWatermark(tenant, "src'\"", "q' OR ''='"))
        .hasValueSatisfying(w -> assertThat(w.cursor()).isEqualTo("c'; --"));
    // Nothing leaked into, or out of, the ordinary tenants.
    assertThat(storage().profiles().list(TENANT_A)).isEmpty();
    assertThat(storage().opportunities().feed(FeedQuery.forTenant(TENANT_A).build()).items())
        .isEmpty();
    assertThat(storage().profiles().delete(profile.id())).isTrue();
    assertThat(storage().opportunities().find(opportunity.id())).isEmpty();
  }

  /**
   * Text a database cannot hold as given (NUL, which PostgreSQL refuses; unpaired UTF-16
   * surrogates, which have no UTF-8 form) and values past each documented maximum are refused when
   * the signal is built, naming the field, so that no store ever fails a batch on one record.
   */
  @Test
  void unstorableOrOversizedSignalValuesAreRefusedNamingTheField() {
    Signal ok = signal("ok", T0);
    java.util.function.BiConsumer<String, Runnable> refused =
        (field, build) ->
            assertThatThrownBy(build::run)
                .as(field)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(field);
    refused.accept("signal.title", () -> Signal.builder().from(ok).title("a\u0000b").build());
    refused.accept("signal.text", () -> Signal.builder().from(ok).text("lone \ud83d high").build());
    refused.accept(
        "signal.industries", () -> Signal.builder().from(ok).addIndustries("\ude80").build());
    refused.accept(
        "signal.regions", () -> Signal.builder().from(ok).addRegions("EU\u0000").build());
    refused.accept("signalKey.externalId", () -> SignalKey.of(SOURCE, "ext\u0000"));
    refused.accept("signalKey.sourceId", () -> SignalKey.of("src\udc00", "ext"));
    refused.accept(
        "organization.name", () -> OrganizationMention.of("Acme\u0000", OrganizationRole.SUBJECT));
    refused.accept(
        "person.title", () -> PersonMention.builder().name("Jo").title("VP\ud800").build());
    refused.accept(
        "event.location", () -> EventDetails.builder().start(T0).location("Berlin\u0000").build());
    // Past each maximum.
    refused.accept(
        "signal.title",
        () -> Signal.builder().from(ok).title("x".repeat(Signal.MAX_TITLE + 1)).build());
    refused.accept(
        "signal.text",
        () -> Signal.builder().from(ok).text("x".repeat(Signal.MAX_TEXT + 1)).build());
    refused.accept(
        "signal.url",
        () ->
            Signal.builder()
                .from(ok)
                .url(java.net.URI.create("https://example.com/" + "x".repeat(Signal.MAX_URL)))
                .build());
    refused.accept(
        "signal.industries",
        () -> Signal.builder().from(ok).addIndustries("x".repeat(Signal.MAX_TAG + 1)).build());
    refused.accept(
        "signal.regions",
        () ->
            Signal.builder()
                .from(ok)
                .regions(IntStream.rangeClosed(0, Signal.MAX_TAGS).mapToObj(i -> "r" + i).toList())
                .build());
    refused.accept(
        "signal.organizations",
        () ->
            Signal.builder()
                .from(ok)
                .organizations(
                    IntStream.rangeClosed(0, Signal.MAX_MENTIONS)
                        .mapToObj(i -> OrganizationMention.of("o" + i, OrganizationRole.MENTIONED))
                        .toList())
                .build());
    refused.accept(
        "signalKey.externalId",
        () -> SignalKey.of(SOURCE, "x".repeat(SignalKey.MAX_EXTERNAL_ID + 1)));
    refused.accept(
        "signalKey.sourceId", () -> SignalKey.of("x".repeat(SignalKey.MAX_SOURCE_ID + 1), "e"));
    refused.accept(
        "organization.name",
        () -> OrganizationMention.of("x".repeat(301), OrganizationRole.SUBJECT));
    refused.accept(
        "person.employer",
        () -> PersonMention.builder().name("Jo").employer("x".repeat(301)).build());
    refused.accept(
        "event.location", () -> EventDetails.builder().start(T0).location("x".repeat(501)).build());

    assertThat(storage().signals().list(TENANT_A, Instant.EPOCH, 10)).isEmpty();
  }

  /**
   * Characters outside the BMP (4-byte UTF-8, such as emoji) and every value at its documented
   * maximum, in a signal's every field: stored by upsert and by batch, and read back unchanged.
   */
  @Test
  void fourByteCharactersAndValuesAtEachMaximumAreStoredExactly() {
    String rocket = "\ud83d\ude80";
    String emojiTitle = rocket.repeat(Signal.MAX_TITLE / 2);
    String text = ("é" + rocket + "x").repeat(Signal.MAX_TEXT / 4);
    Signal atMax =
        Signal.builder()
            .key(
                SignalKey.of(
                    "s".repeat(SignalKey.MAX_SOURCE_ID - 2) + rocket,
                    rocket.repeat(SignalKey.MAX_EXTERNAL_ID / 2)))
            .type(SignalType.EVENT)
            .title(emojiTitle)
            .text(text)
            .url(java.net.URI.create("https://example.com/" + "u".repeat(Signal.MAX_URL - 20)))
            .publishedAt(T0)
            .observedAt(T0)
            .event(EventDetails.builder().start(T0).location(rocket.repeat(250)).build())
            .industries(
                IntStream.range(0, Signal.MAX_TAGS)
                    .mapToObj(i -> String.format("%03d", i) + rocket.repeat(98) + "i")
                    .toList())
            .regions(
                IntStream.range(0, Signal.MAX_TAGS)
                    .mapToObj(i -> String.format("%03d", i) + "r".repeat(Signal.MAX_TAG - 3))
                    .toList())
            .organizations(
                IntStream.range(0, Signal.MAX_MENTIONS)
                    .mapToObj(
                        i ->
                            OrganizationMention.builder()
                                .name(i + rocket.repeat(145))
                                .role(OrganizationRole.MENTIONED)
                                .domain("d" + i + ".example.com")
                                .build())
                    .toList())
            .people(
                IntStream.range(0, Signal.MAX_MENTIONS)
                    .mapToObj(
                        i ->
                            PersonMention.builder()
                                .name(i + "p".repeat(290))
                                .title("t".repeat(300))
                                .employer(rocket.repeat(150))
                                .build())
                    .toList())
            .build();
    Signal other =
        Signal.builder()
            .from(signal("other", T0))
            .title("Ünïcödé " + rocket + " \ud834\udd1e \u2028 \u0001 \uffff")
            .build();
    String tenant = "t".repeat(Tenants.MAX_LENGTH);

    assertThat(storage().signals().upsert(tenant, atMax)).isEqualTo(SignalWrite.NEW);
    assertThat(storage().signals().upsertAll(tenant, List.of(atMax, other)))
        .containsExactly(SignalWrite.UNCHANGED, SignalWrite.NEW);

    assertThat(storage().signals().find(tenant, atMax.key())).contains(atMax);
    assertThat(storage().signals().find(tenant, other.key())).contains(other);
    assertThat(storage().signals().findAll(tenant, List.of(atMax.key(), other.key())))
        .hasSize(2)
        .containsValues(atMax, other);
    Profile profile =
        storage()
            .profiles()
            .save(
                Profile.builder()
                    .from(Fixtures.profile(tenant, rocket + " watch"))
                    .id(ProfileId.of(tenant, rocket + "-p"))
                    .build());
    assertThat(storage().profiles().find(profile.id())).contains(profile);
  }

  /**
   * A feed cursor is the client's to send, so it may be forged: raw control characters, a length
   * past the bound, or valid base64 of a position whose id holds NUL or another control character,
   * or is overlong. Each is refused with a {@link ValidationException} naming {@code
   * feedQuery.cursor} before any query runs, on every storage, instead of reaching SQL (PostgreSQL
   * refuses NUL as a storage error).
   */
  @Test
  void forgedFeedCursorsAreRefusedAsValidationNamingTheField() {
    for (String raw : List.of("abc\u0000def", "abc\ndef", "abc def", "A".repeat(5_000))) {
      assertThatThrownBy(() -> FeedQuery.forTenant(TENANT_A).cursor(raw).build())
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("feedQuery.cursor");
    }
    for (String id : List.of("x\u0000y", "\u0001", "x\u007fy", "x\u0085", "i".repeat(600))) {
      String forged =
          java.util.Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ("v1|RELEVANCE|1|2|" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      FeedQuery query = FeedQuery.forTenant(TENANT_A).cursor(forged).build();
      assertThatThrownBy(() -> storage().opportunities().feed(query))
          .as("a cursor naming id %s", id.length() > 20 ? id.length() + " characters" : id)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("feedQuery.cursor");
    }
  }
}
