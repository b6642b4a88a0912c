package io.github.discoverysdk.connectors.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile text of about 10 MB each: the redactor must finish (a generous hang detector, minutes
 * rather than seconds, so that a slow shared machine never fails it; a catastrophic pattern would
 * take hours), keep the text's length bounded, and still find the one planted number at the end.
 *
 * <p>The three decoy texts made only of digits and separators (digit groups, phone-like decoys,
 * IBAN lookalikes) send every character through libphonenumber, whose work is linear but slow:
 * about 5 to 11 s per MB of such decoys on a 2-core CI machine. CI runs them at {@value
 * #CI_DECOY_MB} MB, twice the largest text a signal may carry ({@code Signal.MAX_TEXT}), so that
 * the suite costs seconds rather than four minutes; {@code -Ddiscovery.test.hostileDecoyMb=10} is
 * the nightly size.
 */
class PiiHostileTextTest {
  private static final int TEN_MB = 10 * 1024 * 1024;
  static final int CI_DECOY_MB = 2;
  private static final int DECOY_BYTES =
      Integer.getInteger("discovery.test.hostileDecoyMb", CI_DECOY_MB) * 1024 * 1024;
  private static final Duration HANG = Duration.ofMinutes(5);
  private static final String TAIL = " mail x@y.org tel +1 415 555 2671";

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("one digit run", "7".repeat(TEN_MB)),
        Arguments.of("digit groups", decoys("4111 1111 1111 1112 ")),
        Arguments.of("phone-like decoys", decoys("+1 (0) 12-34.56/7 ")),
        Arguments.of("at signs", fill("a@b@c.d@")),
        Arguments.of("dotted domains", fill("x@a.b.c.d.e.f.g.h-")),
        Arguments.of("IBAN lookalikes", decoys("DE89 3704 0044 0532 0130 01 ")),
        Arguments.of("nested HTML", "<div>".repeat(TEN_MB / 10) + "</div>".repeat(TEN_MB / 12)),
        Arguments.of("every script", everyCodePoint()),
        Arguments.of("bidi overrides", fill("\u202E12\u202D34\u2066+4\u200F9\u061C30 ")));
  }

  private static String fill(String unit) {
    return unit.repeat(TEN_MB / unit.length());
  }

  /** Digits and separators only, every character a phone-number candidate: see the class doc. */
  private static String decoys(String unit) {
    return unit.repeat(DECOY_BYTES / unit.length());
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
  void finishesAndStillFindsThePlantedContact(String name, String text) {
    PiiRedactor redactor = PiiRedactor.defaults();
    Map<String, Integer> counts = new TreeMap<>();
    String out =
        assertTimeoutPreemptively(
            HANG, () -> redactor.redact(text + TAIL, (k, n) -> counts.merge(k, n, Integer::sum)));

    assertThat(out).endsWith(" mail [EMAIL] tel [PHONE]");
    assertThat(out.length()).isLessThanOrEqualTo(text.length() + TAIL.length() * 2);
    assertThat(counts).containsKeys("EMAIL", "PHONE");
  }
}
