package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Urgency;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code urgency} request parameter of the feed and the inbox: repeated ({@code
 * urgency=CRITICAL&urgency=HIGH}) or a comma list ({@code urgency=CRITICAL,HIGH}), any case. An
 * unknown value is a {@link ValidationException} (400) that names the parameter and the values it
 * takes, rather than a bare conversion error. Stateless.
 */
final class UrgencyParam {
  static final String NAME = "urgency";

  private static final String ALLOWED =
      Arrays.stream(Urgency.values()).map(Enum::name).collect(Collectors.joining(", "));

  private UrgencyParam() {}

  /** The urgencies named; empty (every urgency) when the parameter is absent or blank. */
  static Set<Urgency> parse(List<String> values) {
    Set<Urgency> out = EnumSet.noneOf(Urgency.class);
    if (values == null) {
      return out;
    }
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        String name = part.strip();
        if (name.isEmpty()) {
          continue;
        }
        try {
          out.add(Urgency.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ValidationException(
              NAME + " must be one of " + ALLOWED + ", was '" + abbreviate(name) + "'");
        }
      }
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
