package io.github.discoverysdk.connectors.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the redactor replaces in free text, and what it must leave alone. */
class PiiRedactorTest {
  private final PiiRedactor redactor = PiiRedactor.defaults();

  private String redact(String text, Map<String, Integer> counts) {
    return redactor.redact(text, (k, n) -> counts.merge(k, n, Integer::sum));
  }

  private String redact(String text) {
    return redact(text, new TreeMap<>());
  }

  @Test
  void eachKindIsReplacedByItsPlaceholderAndCounted() {
    Map<String, Integer> counts = new TreeMap<>();
    String out =
        redact(
            "Write to jane.doe+events@example.co.uk or call +44 20 7946 0958 / (415) 555-2671."
                + " Pay with 4111 1111 1111 1111 or 378282246310005, IBAN DE89 3704 0044 0532 0130"
                + " 00 or GB82WEST12345698765432.",
            counts);

    assertThat(out)
        .isEqualTo(
            "Write to [EMAIL] or call [PHONE] / [PHONE]. Pay with [CARD] or [CARD], IBAN [IBAN]"
                + " or [IBAN].");
    assertThat(counts).isEqualTo(Map.of("EMAIL", 1, "PHONE", 2, "CARD", 2, "IBAN", 2));
  }

  @Test
  void redactedTextRedactsToItself() {
    String once = redact("mail a@b.io, card 5555-5555-5555-4444, tel +1 415 555 2671");
    Map<String, Integer> again = new TreeMap<>();
    assertThat(redact(once, again)).isEqualTo(once);
    assertThat(again).isEmpty();
    assertThat(once).isEqualTo("mail [EMAIL], card [CARD], tel [PHONE]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Order #2026-00042 shipped on 2026-12-06 at 10:15",
        "Invoice 98765, PO 4500012345",
        "Dated 06.12.2026, 12/06/2026 and 2026-12-06T10:15:30Z",
        "Release v2.14.1, 1.0.0-SNAPSHOT, build 20261206.1",
        "Card 4111 1111 1111 1112 fails Luhn",
        "IBAN DE89 3704 0044 0532 0130 01 fails mod-97",
        "Serial 1234567890123456789012345 is too long for a card",
        "Revenue grew 12.5% to $1,234,567 in Q3 2026",
        "the user @handle and a@b are not addresses",
        "ISBN 978-3-16-148410-0"
      })
  void lookalikesStayUntouched(String text) {
    Map<String, Integer> counts = new TreeMap<>();
    assertThat(redact(text, counts)).isEqualTo(text);
    assertThat(counts).isEmpty();
  }

  @Test
  void numbersAroundBidiOverridesAndOtherScriptsAreStillFound() {
    assertThat(redact("\u202Eاتصل على\u202C +49 30 901820 \u05D0 mail: 名前@例え.jp"))
        .isEqualTo("\u202Eاتصل على\u202C [PHONE] \u05D0 mail: [EMAIL]");
  }

  @Test
  void aPhoneAfterManyDecoysIsStillFound() {
    String decoys = "12-34 ".repeat(10_000);
    assertThat(redact(decoys + "call +1 415 555 2671")).endsWith("call [PHONE]");
  }

  @Test
  void anUnknownPhoneRegionIsRefused() {
    assertThatThrownBy(() -> PiiRedactor.builder().phoneRegion("XX"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
