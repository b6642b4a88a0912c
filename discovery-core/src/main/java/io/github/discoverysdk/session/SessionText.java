package io.github.discoverysdk.session;

import java.math.BigDecimal;
import java.util.Map;
import java.util.StringJoiner;

/** Answers as one line of text, for audit entries and CSV cells. Stateless. */
final class SessionText {
  private SessionText() {}

  static String answer(Answer a) {
    switch (a.type()) {
      case TEXT:
      case RADIO:
        return a.value();
      case VENDOR_MULTI:
        StringJoiner j = new StringJoiner("; ");
        a.selected().forEach(j::add);
        a.freeForm().forEach(v -> j.add(v + " (free-form)"));
        return j.toString();
      default:
        StringJoiner s = new StringJoiner("; ");
        for (Map.Entry<String, Double> e : a.sizing().entrySet()) {
          s.add(e.getKey() + "=" + number(e.getValue()));
        }
        return s.toString();
    }
  }

  /** A number without a trailing ".0" or an exponent. */
  static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
