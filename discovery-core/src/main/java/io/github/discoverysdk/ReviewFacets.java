package io.github.discoverysdk;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.Accounts;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.review.Reviews;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The account-monitoring facets of one engine, built from its settings, its one audit log and its
 * deliveries, so that the engine's constructor stays a list of facets. Immutable.
 *
 * @param accounts the engine's {@link DiscoveryEngine#accounts()}
 * @param reviews the engine's {@link DiscoveryEngine#reviews()}
 */
record ReviewFacets(Accounts accounts, Reviews reviews) {
  static ReviewFacets of(EngineSettings s, AuditLog audit, Deliveries deliveries) {
    return new ReviewFacets(
        new Accounts(s.storage(), s.clock(), audit),
        new Reviews(
            s.storage(),
            s.clock(),
            s.ids(),
            audit,
            s.review(),
            s.alertSinks().stream().map(AlertSink::id).toList(),
            s.opportunitySinks().stream().map(OpportunitySink::id).collect(Collectors.toSet()),
            deliveries::dispatchIfOpen,
            ReviewFacets::accountOf,
            (tx, id) -> tx.insight().refresh(List.of(id))));
  }

  /**
   * The id of the account {@code o}'s company identifies (after {@link Normalizer#companyName}),
   * read through {@code tx}, as runs attach opportunities: for a card a reviewer creates by acting
   * on an opportunity no run carded. Here because the review package may not use the account
   * package, which shows cards.
   */
  static Optional<String> accountOf(Storage tx, Opportunity o) {
    return o.company()
        .map(Normalizer::companyName)
        .filter(k -> !k.isEmpty())
        .flatMap(
            k -> Optional.ofNullable(tx.accounts().findByCompanies(o.tenant(), List.of(k)).get(k)))
        .map(Account::id);
  }
}
