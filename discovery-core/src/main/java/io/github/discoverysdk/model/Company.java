package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.util.Locale;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A company on a profile's watchlist: its name, other names it goes by, and its web domains.
 * Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Company {
  /** The company's usual name, for example {@code "Stripe"}. */
  String name();

  /**
   * Other names: former names, abbreviations, tickers ({@code "SFDC"}); each at most 200
   * characters.
   */
  Set<String> aliases();

  /** Web domains without scheme or path, lower case ({@code "stripe.com"}). */
  Set<String> domains();

  @Value.Check
  default Company normalize() {
    Checks.notBlank("company.name", name());
    Checks.maxLength("company.name", name(), 200);
    Checks.noBlankElements("company.aliases", aliases());
    Checks.maxLengthEach("company.aliases", aliases(), 200);
    for (String d : domains()) {
      String lower = d.trim().toLowerCase(Locale.ROOT);
      if (lower.isEmpty() || lower.contains("/") || lower.contains(" ") || !lower.contains(".")) {
        throw new ValidationException(
            "company.domains must hold bare domains like 'stripe.com', was '" + d + "'");
      }
      if (!lower.equals(d)) {
        return builder()
            .from(this)
            .domains(domains().stream().map(x -> x.trim().toLowerCase(Locale.ROOT)).toList())
            .build();
      }
    }
    return this;
  }

  /** A company with a name and optional domains. */
  static Company of(String name, String... domains) {
    return builder().name(name).addDomains(domains).build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Company}; {@code build()} throws {@code ValidationException} on bad input. */
  final class Builder extends ImmutableCompany.Builder {
    @Override
    public Company build() {
      return Checks.build("Company", super::build);
    }
  }
}
