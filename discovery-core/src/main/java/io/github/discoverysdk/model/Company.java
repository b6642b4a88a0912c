package io.github.discoverysdk.model;

import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A company on a profile's watchlist: its name, other names it goes by, its web domains and its
 * stock tickers. Immutable and thread-safe.
 *
 * <p>Tickers are kept apart from aliases on purpose: a ticker is matched only where a text writes
 * it as a ticker ({@code "NYSE: CRM"}, {@code "(NASDAQ: MDB)"}, {@code "$CRM"}, {@code "ticker
 * CRM"}), never as the ordinary word ({@code "the CRM market"}), which an alias would be.
 */
@Value.Immutable
@DiscoveryStyle
public interface Company {
  /** The company's usual name, for example {@code "Stripe"}. */
  String name();

  /**
   * Other names: former names, abbreviations, brands ({@code "SFDC"}); each at most 200 characters.
   * An alias is matched wherever the text names it, so put stock symbols in {@link #tickers()}.
   */
  Set<String> aliases();

  /**
   * Web domains, lower case, without scheme, port, path or a leading {@code www.} ({@code
   * "stripe.com"}). A web address is reduced to its host name: {@code
   * "https://www.stripe.com/about"} is kept as {@code "stripe.com"}; a value with no host name is
   * refused with a {@code ValidationException} naming it.
   */
  Set<String> domains();

  /**
   * Stock tickers with their exchange, in upper case without spaces ({@code "NYSE:CRM"}, {@code
   * "NASDAQ:MDB"}, {@code "NYSE:BRK.B"}); {@code "nyse: crm"} is kept as {@code "NYSE:CRM"}. The
   * exchange is 2 to 10 letters, the symbol 1 to 10 letters and digits with inner dots or hyphens;
   * a symbol without exchange is refused with a {@code ValidationException} naming it. A ticker
   * matches only in a ticker context: after its exchange and a colon, as a cashtag ({@code
   * "$CRM"}), or after the word {@code ticker} in capitals.
   */
  Set<String> tickers();

  @Value.Check
  default Company normalize() {
    Checks.notBlank("company.name", name());
    Checks.maxLength("company.name", name(), 200);
    Checks.noBlankElements("company.aliases", aliases());
    Checks.maxLengthEach("company.aliases", aliases(), 200);
    Checks.noBlankElements("company.domains", domains());
    Checks.noBlankElements("company.tickers", tickers());
    List<String> ds = domains().stream().map(CompanyKeys::domain).toList();
    List<String> ts = tickers().stream().map(CompanyKeys::ticker).toList();
    if (!ds.equals(List.copyOf(domains())) || !ts.equals(List.copyOf(tickers()))) {
      return builder().from(this).domains(ds).tickers(ts).build();
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
