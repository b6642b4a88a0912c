package io.github.discoverysdk;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Optional;

/**
 * The account an opportunity attaches to, by its company's normalized name, as runs attach it: for
 * a card a reviewer creates by acting on an opportunity the run did not card. Lives here because
 * the review package may not use the account package (accounts show their cards). Stateless.
 */
final class CardAccounts {
  private CardAccounts() {}

  /** The id of the account {@code o}'s company identifies, read through {@code tx}; or empty. */
  static Optional<String> accountOf(Storage tx, Opportunity o) {
    return o.company()
        .map(Normalizer::companyName)
        .filter(k -> !k.isEmpty())
        .flatMap(
            k -> Optional.ofNullable(tx.accounts().findByCompanies(o.tenant(), List.of(k)).get(k)))
        .map(Account::id);
  }
}
