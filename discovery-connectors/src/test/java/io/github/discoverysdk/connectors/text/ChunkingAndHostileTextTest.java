package io.github.discoverysdk.connectors.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Theme;
import io.github.discoverysdk.spi.EntityExtractor;
import io.github.discoverysdk.spi.SignalProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Long documents are read in chunks whose spans stay right in the original text, and hostile text
 * of about 10 MB (one run, nested HTML, every script, bidirectional overrides) stays bounded: the
 * chunks cover the text exactly, none is longer than the limit, and each processor finishes (a
 * generous hang detector, minutes rather than seconds, so that a slow shared machine never fails
 * it; a quadratic pass would take hours) and still finds what was planted at the end.
 */
class ChunkingAndHostileTextTest {
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final Duration HANG = Duration.ofMinutes(5);
  private static final String TAIL = " Globex Corp appointed Jane Doe as Chief Revenue Officer.";

  @Test
  void aMentionFarIntoAFilingKeepsItsSpanInTheOriginalText() {
    StringBuilder filing = new StringBuilder();
    while (filing.length() < 200_000) {
      filing.append("The registrant's revenue grew in the period under review. ");
    }
    int at = filing.length();
    filing.append("Initech Holdings named Priya Sharma as Chief Financial Officer. ");
    filing.append("Further risk factors follow. ".repeat(1_000));
    String text = filing.toString();
    Signal signal =
        Signal.builder()
            .key(SignalKey.of("sec", "10-K"))
            .type(SignalType.FILING)
            .title("Annual report")
            .text(text)
            .publishedAt(Instant.EPOCH)
            .observedAt(Instant.EPOCH)
            .build();

    Signal out = TextProcessors.entities().process(signal, (k, n) -> {});

    PersonMention priya =
        out.people().stream()
            .filter(p -> p.name().equals("Priya Sharma"))
            .findFirst()
            .orElseThrow();
    MentionSpan span = priya.span().orElseThrow();
    assertThat(span.start()).isGreaterThan(Chunker.DEFAULT_MAX_CHARS);
    assertThat(text.substring(span.start(), span.end())).isEqualTo("Priya Sharma");
    assertThat(priya.title()).contains("Chief Financial Officer");
    OrganizationMention initech =
        out.organizations().stream()
            .filter(o -> o.name().equals("Initech Holdings"))
            .findFirst()
            .orElseThrow();
    assertThat(initech.span().orElseThrow().start()).isEqualTo(at);
  }

  @Test
  void chunksCoverTheTextExactlyAndCutBetweenSentences() {
    String text = "One sentence here. Another one there! A third? ".repeat(50);
    Chunker chunker = Chunker.of(100);

    List<Chunker.Chunk> chunks = chunker.chunks(text);

    StringBuilder joined = new StringBuilder();
    for (Chunker.Chunk c : chunks) {
      assertThat(c.offset()).isEqualTo(joined.length());
      assertThat(c.text().length()).isLessThanOrEqualTo(100);
      joined.append(c.text());
    }
    assertThat(joined.toString()).isEqualTo(text);
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allSatisfy(c -> assertThat(c.text()).matches("(?s).*[.!?] $"));
  }

  @Test
  void aChunkNeverSplitsASurrogatePair() {
    String text = "😀".repeat(1_000);

    for (Chunker.Chunk c : Chunker.of(17).chunks(text)) {
      assertThat(Character.isLowSurrogate(c.text().charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(c.text().charAt(c.text().length() - 1))).isFalse();
    }
  }

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("one run", "A".repeat(TEN_MB)),
        Arguments.of("capitalised words", fill("Acme Beta Gamma Delta Inc ")),
        Arguments.of("title words", fill("Chief Vice President of Sales and ")),
        Arguments.of("nested HTML", "<div>".repeat(TEN_MB / 10) + "</div>".repeat(TEN_MB / 12)),
        Arguments.of("every script", everyCodePoint()),
        Arguments.of("bidi overrides", fill("\u202EAcme\u202D Corp \u2066Jane\u200F Doe\u061C ")));
  }

  private static String fill(String unit) {
    return unit.repeat(TEN_MB / unit.length());
  }

  /** Every assigned code point outside the surrogates, repeated to about 10 MB. */
  private static String everyCodePoint() {
    StringBuilder b = new StringBuilder();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.isDefined(cp) && Character.getType(cp) != Character.SURROGATE) {
        b.appendCodePoint(cp).append(cp % 7 == 0 ? " " : "");
      }
    }
    String one = b.toString();
    return one.repeat(Math.max(1, TEN_MB / one.length()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileTextIsChunkedExtractedAndThemedWithinBounds(String name, String hostile) {
    String text = hostile + "\n" + TAIL;
    EntityExtractor extractor = RuleEntityExtractor.create();
    Chunker chunker = Chunker.defaults();
    PersonMention[] planted = new PersonMention[1];
    long[] covered = new long[1];
    int[] mentions = new int[1];

    assertTimeoutPreemptively(
        HANG,
        () ->
            chunker.forEach(
                text,
                c -> {
                  assertThat(c.offset()).isEqualTo(covered[0]);
                  assertThat(c.text().length()).isLessThanOrEqualTo(Chunker.DEFAULT_MAX_CHARS);
                  covered[0] += c.text().length();
                  EntityExtractor.Extraction found =
                      extractor.extract(c.text(), EvidenceField.TEXT);
                  mentions[0] += found.people().size() + found.organizations().size();
                  for (PersonMention p : found.people()) {
                    MentionSpan s = p.span().orElseThrow();
                    assertThat(c.text().substring(s.start(), s.end())).isEqualTo(p.name());
                    if (p.name().equals("Jane Doe") && p.title().isPresent()) {
                      planted[0] = p;
                    }
                  }
                  return true;
                }));

    assertThat(covered[0]).isEqualTo(text.length());
    assertThat(planted[0]).isNotNull();
    assertThat(planted[0].title()).contains("Chief Revenue Officer");
    // At most one mention per two tokens of a chunk, whatever the text.
    assertThat(mentions[0]).isLessThanOrEqualTo(text.length());
    assertThat(
            assertTimeoutPreemptively(
                HANG, () -> RuleThemeDetector.create().detect("", hostile + TAIL)))
        .isNotNull();
  }

  @Test
  void aSignalAtTheTextLimitGoesThroughEveryProcessor() {
    String text =
        fill("Acme Corp \u202Ehired\u202D Jane Doe <div><div> ").substring(0, Signal.MAX_TEXT);
    Signal signal =
        Signal.builder()
            .key(SignalKey.of("web", "huge"))
            .type(SignalType.NEWS)
            .title("A very long page")
            .text(text)
            .publishedAt(Instant.EPOCH)
            .observedAt(Instant.EPOCH)
            .build();
    List<SignalProcessor> processors =
        List.of(TextProcessors.language(), TextProcessors.entities(), TextProcessors.themes());

    Signal out =
        assertTimeoutPreemptively(
            HANG,
            () -> {
              Signal s = signal;
              for (SignalProcessor p : processors) {
                s = p.process(s, (k, n) -> {});
              }
              return s;
            });

    assertThat(out.text()).isEqualTo(text);
    assertThat(out.organizations().size()).isLessThanOrEqualTo(Signal.MAX_MENTIONS);
    assertThat(out.people().size()).isLessThanOrEqualTo(Signal.MAX_MENTIONS);
    assertThat(out.organizations()).anySatisfy(o -> assertThat(o.name()).isEqualTo("Acme Corp"));
    assertThat(out.themes()).doesNotContain(Theme.FUNDING);
  }
}
