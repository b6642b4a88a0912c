package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The company a deal was with: its name and, when known, its web domain, the key of the account
 * enrichment cache. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface DealAccount {
  /** Longest domain name (RFC 1035). */
  int MAX_DOMAIN = 253;

  String name();

  /** The lower-case web domain ({@code acme.com}), without scheme, {@code www.} or path. */
  Optional<String> domain();

  @Value.Check
  default void check() {
    Fields.identifier("deal.account.name", name(), 200);
    domain().ifPresent(DealAccount::checkDomain);
  }

  private static void checkDomain(String domain) {
    Fields.identifier("deal.account.domain", domain, MAX_DOMAIN);
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
        throw new ValidationException(
            "deal.account.domain may hold only a-z 0-9 - . (lower case, punycode for IDNs), was '"
                + domain
                + "'");
      }
    }
    if (domain.startsWith(".") || domain.endsWith(".") || !domain.contains(".")) {
      throw new ValidationException(
          "deal.account.domain must be a dotted host name such as acme.com, was '" + domain + "'");
    }
  }

  /**
   * An account named {@code name} with {@code domain} normalised: trimmed, lower case, without a
   * scheme, a leading {@code www.} or a path; a blank domain counts as none.
   */
  static DealAccount of(String name, String domain) {
    Objects.requireNonNull(name, "name");
    return builder().name(name.strip()).domain(normalizeDomain(domain)).build();
  }

  /** {@code domain} normalised as {@link #of} does; empty for null or blank. */
  static Optional<String> normalizeDomain(String domain) {
    if (domain == null || domain.isBlank()) {
      return Optional.empty();
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    int scheme = d.indexOf("://");
    if (scheme >= 0) {
      d = d.substring(scheme + 3);
    }
    int slash = d.indexOf('/');
    if (slash >= 0) {
      d = d.substring(0, slash);
    }
    if (d.startsWith("www.")) {
      d = d.substring(4);
    }
    return d.isEmpty() ? Optional.empty() : Optional.of(d);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DealAccount}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableDealAccount.Builder {
    @Override
    public DealAccount build() {
      return Fields.build("DealAccount", super::build);
    }
  }
}
