package io.github.discoverysdk;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionHooks;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.spi.Storage;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The opt-in rule of {@code DiscoveryEngine.Builder.applyCompletedSessions}: once a session of a
 * tenant that opted in is completed, its incumbents are applied ({@link SessionProfileLink}, so
 * audited on the session and the profile) to each discovery profile of the session's owner that is
 * for the session's account, that is whose watchlist names the account: by the session's account
 * name or, when the tenant monitors the account, one of its company names or domains. A session
 * whose owner has no such profile changes nothing. Thread-safe.
 */
final class SessionAutoApply implements SessionHooks.Completion {
  private final Storage storage;
  private final Profiles profiles;
  private final Predicate<String> tenants;

  SessionAutoApply(Storage storage, Profiles profiles, Predicate<String> tenants) {
    this.storage = storage;
    this.profiles = profiles;
    this.tenants = tenants;
  }

  @Override
  public void completed(Sessions sessions, Actor actor, Session session) {
    if (!tenants.test(session.tenant())) {
      return;
    }
    SessionProfileLink link = new SessionProfileLink(storage, profiles, sessions);
    for (Profile p : profilesFor(session)) {
      link.apply(actor, session.tenant(), session.id(), p.id());
    }
  }

  /** The owner's profiles whose watchlist names the session's account, by id. */
  List<Profile> profilesFor(Session s) {
    Set<String> names = new HashSet<>();
    Set<String> domains = new HashSet<>();
    names.add(Normalizer.companyName(s.accountName()));
    Optional<Account> account = storage.accounts().find(s.tenant(), s.accountId());
    account.ifPresent(
        a -> {
          names.addAll(a.companyKeys());
          domains.addAll(a.domains());
        });
    names.remove("");
    return storage.profiles().list(s.tenant()).stream()
        .filter(p -> p.owner().equals(s.owner()))
        .filter(p -> p.watchlist().stream().anyMatch(c -> names(c, names, domains)))
        .toList();
  }

  private static boolean names(Company c, Set<String> names, Set<String> domains) {
    return names.contains(Normalizer.companyName(c.name()))
        || c.aliases().stream().map(Normalizer::companyName).anyMatch(names::contains)
        || c.domains().stream().anyMatch(domains::contains);
  }
}
