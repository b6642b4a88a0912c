package io.github.discoverysdk.account;

import io.github.discoverysdk.access.AccessScope;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Monitored accounts: {@code Storage.accounts()}. Accounts carry their tenant; lookups by an
 * account id, which has none, take it first. Thread-safe, as every store is.
 */
public interface AccountStore {
  /**
   * Inserts an account whose version is 0, or updates one whose version equals the stored one;
   * returns it with the version incremented. Its company keys are indexed for {@link
   * #findByCompanies}.
   *
   * @throws io.github.discoverysdk.ConcurrentUpdateException if the version is stale, or 0 while
   *     the id exists
   */
  Account save(Account account);

  Optional<Account> find(String tenant, String accountId);

  /**
   * The tenant's accounts in {@code scope} (owned by its owner or in one of its teams, or all),
   * ordered by id, with ids after {@code afterId} (empty string for the first page), at most {@code
   * limit}. The scope is applied in the query.
   */
  List<Account> list(String tenant, AccessScope scope, String afterId, int limit);

  /**
   * The accounts identified by any of the normalized company keys ({@link Account#companyKeys()}),
   * by key; a key that two accounts share maps to the one with the smallest id. One query however
   * many keys: the run calls it once per batch.
   */
  Map<String, Account> findByCompanies(String tenant, Collection<String> companyKeys);
}
