package io.github.discoverysdk.account;

import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.immutables.value.Value;

/**
 * A monitored account of a tenant: the company an account manager owns, with the watchlist company
 * names that identify it, so that an opportunity about one of them attaches to the account. {@link
 * #version()} is 0 for an account never saved; storage increments it on every save and rejects a
 * stale one. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Account {
  /** Most company names and domains per account. */
  int MAX_NAMES = 50;

  String tenant();

  /** Unique within the tenant, chosen by the host (a CRM account id, say). */
  String id();

  String name();

  /** Web domains of the company, such as {@code acme.com}. */
  Set<String> domains();

  /** The host user id of the owning account manager. */
  String owner();

  /** The team the account belongs to, for team-scoped managers and viewers. */
  Optional<String> team();

  /** Who hears about cards left too long in review; the team's manager, as the host knows it. */
  Optional<String> manager();

  /** The host's tier label ({@code "enterprise"}, {@code "mid-market"}, …). */
  @Value.Default
  default String tier() {
    return "standard";
  }

  /** The account's ids in CRMs, by CRM name. */
  Map<String, String> crmIds();

  /**
   * Watchlist company names that identify the account, beside {@link #name()}: an opportunity whose
   * company matches one of them (after {@link Normalizer#companyName} folding) attaches here.
   */
  Set<String> companies();

  Instant createdAt();

  Instant updatedAt();

  @Value.Default
  default long version() {
    return 0;
  }

  /**
   * The normalized company keys that identify the account: its name and {@link #companies()},
   * folded by {@link Normalizer#companyName}. Two accounts of a tenant should not share a key; if
   * they do, the one with the smallest id wins.
   */
  @Value.Derived
  default Set<String> companyKeys() {
    Set<String> keys = new TreeSet<>();
    keys.add(Normalizer.companyName(name()));
    for (String c : companies()) {
      keys.add(Normalizer.companyName(c));
    }
    keys.remove("");
    return keys;
  }

  @Value.Check
  default void check() {
    Tenants.check("account.tenant", tenant());
    Fields.identifier("account.id", id(), 100);
    Fields.identifier("account.name", name(), 200);
    Fields.identifier("account.owner", owner(), 200);
    team().ifPresent(t -> Fields.identifier("account.team", t, 100));
    manager().ifPresent(m -> Fields.identifier("account.manager", m, 200));
    Fields.identifier("account.tier", tier(), 40);
    Fields.maxCount("account.domains", domains(), MAX_NAMES);
    Fields.identifiers("account.domains", domains(), 253);
    Fields.maxCount("account.companies", companies(), MAX_NAMES);
    Fields.identifiers("account.companies", companies(), 200);
    Fields.maxCount("account.crmIds", crmIds().keySet(), 20);
    Fields.identifiers("account.crmIds", crmIds().keySet(), 40);
    Fields.identifiers("account.crmIds", crmIds().values(), 200);
    if (version() < 0) {
      throw new io.github.discoverysdk.ValidationException(
          "account.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Account}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableAccount.Builder {
    @Override
    public Account build() {
      return Fields.build("Account", super::build);
    }
  }
}
