package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A person on a deal: the lower-case email that keys the contact enrichment cache, and the name and
 * job title the CRM had. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface DealContact {
  /** Longest email address accepted (RFC 5321 path limit). */
  int MAX_EMAIL = 254;

  /** Lower case; one {@code @}, no whitespace. */
  String email();

  Optional<String> name();

  Optional<String> title();

  @Value.Check
  default void check() {
    Fields.identifier("deal.contact.email", email(), MAX_EMAIL);
    int at = email().indexOf('@');
    if (at <= 0 || at != email().lastIndexOf('@') || at == email().length() - 1) {
      throw new ValidationException(
          "deal.contact.email must hold one @ between a local part and a domain, was '"
              + email()
              + "'");
    }
    for (int i = 0; i < email().length(); i++) {
      if (Character.isWhitespace(email().charAt(i))) {
        throw new ValidationException(
            "deal.contact.email must not contain whitespace, found at index " + i);
      }
    }
    if (!email().equals(email().toLowerCase(Locale.ROOT))) {
      throw new ValidationException(
          "deal.contact.email must be lower case (DealContact.of normalises it), was '"
              + email()
              + "'");
    }
    name().ifPresent(n -> Fields.identifier("deal.contact.name", n, 200));
    title().ifPresent(t -> Fields.identifier("deal.contact.title", t, 300));
  }

  /**
   * A contact with {@code email} trimmed and in lower case; a null or blank name or title counts as
   * none, others are trimmed.
   */
  static DealContact of(String email, String name, String title) {
    Objects.requireNonNull(email, "email");
    return builder()
        .email(email.strip().toLowerCase(Locale.ROOT))
        .name(blankToEmpty(name))
        .title(blankToEmpty(title))
        .build();
  }

  private static Optional<String> blankToEmpty(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DealContact}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableDealContact.Builder {
    @Override
    public DealContact build() {
      return Fields.build("DealContact", super::build);
    }
  }
}
