package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A deal of a tenant's CRM, as a {@link DealSource} read it: identified by (tenant, {@link
 * #source()}, {@link #id()}), with its stage normalised, its value, the account it was with and its
 * contacts. {@link #updatedAt()} is the CRM's last modification, which orders the versions of a
 * deal; {@link #version()} is the store's count of changes (0 for a deal never stored). Immutable
 * and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Deal {
  /** Most contacts per deal. */
  int MAX_CONTACTS = 500;

  /** Most significant digits of an amount. */
  int MAX_AMOUNT_DIGITS = 30;

  /** Most digits after the decimal point of an amount. */
  int MAX_AMOUNT_SCALE = 6;

  String tenant();

  /** The id of the source the deal came from ({@code "hubspot"}, {@code "csv"}, …). */
  String source();

  /** The deal's id in its source. */
  String id();

  String name();

  DealStage stage();

  /** The deal's value, not negative; in {@link #currency()} when that is present. */
  Optional<BigDecimal> amount();

  /** ISO 4217 code in upper case ({@code "EUR"}). */
  Optional<String> currency();

  /** When the deal closed; present for every closed deal. */
  Optional<Instant> closedAt();

  Optional<DealAccount> account();

  /** Distinct by email. */
  List<DealContact> contacts();

  /** The source's last modification of the deal. */
  Instant updatedAt();

  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Tenants.check("deal.tenant", tenant());
    Fields.identifier("deal.source", source(), 100);
    Fields.identifier("deal.id", id(), 200);
    Fields.identifier("deal.name", name(), 500);
    amount().ifPresent(Deal::checkAmount);
    currency().ifPresent(Deal::checkCurrency);
    if (stage().closed() && closedAt().isEmpty()) {
      throw new ValidationException("deal.closedAt is required for a " + stage() + " deal");
    }
    Fields.maxCount("deal.contacts", contacts(), MAX_CONTACTS);
    Set<String> emails = new HashSet<>();
    for (DealContact c : contacts()) {
      if (!emails.add(c.email())) {
        throw new ValidationException(
            "deal.contacts must not repeat an email, repeated " + c.email());
      }
    }
    if (version() < 0) {
      throw new ValidationException("deal.version must not be negative, was " + version());
    }
  }

  private static void checkAmount(BigDecimal amount) {
    if (amount.signum() < 0) {
      throw new ValidationException("deal.amount must not be negative, was " + amount);
    }
    if (amount.scale() > MAX_AMOUNT_SCALE) {
      throw new ValidationException(
          "deal.amount must have at most "
              + MAX_AMOUNT_SCALE
              + " decimal places, had "
              + amount.scale());
    }
    if (amount.precision() > MAX_AMOUNT_DIGITS || amount.scale() < -MAX_AMOUNT_DIGITS) {
      throw new ValidationException(
          "deal.amount must have at most " + MAX_AMOUNT_DIGITS + " digits, was " + amount);
    }
  }

  private static void checkCurrency(String currency) {
    if (currency.length() != 3 || !currency.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
      throw new ValidationException(
          "deal.currency must be an ISO 4217 code of three upper-case letters, was '"
              + currency
              + "'");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Deal}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableDeal.Builder {
    @Override
    public Deal build() {
      return Fields.build("Deal", super::build);
    }
  }
}
