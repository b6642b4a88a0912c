package io.github.discoverysdk.storage;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.AccountStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The accounts of an {@link InMemoryStorage}, ordered by id per tenant. Thread-safe: every method
 * runs under the state's lock.
 */
final class MemoryAccountStore implements AccountStore {
  private final MemoryState state;
  private final Map<String, TreeMap<String, Account>> byTenant = new HashMap<>();

  MemoryAccountStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public Account save(Account account) {
    Objects.requireNonNull(account, "account");
    return state.write(
        () -> {
          TreeMap<String, Account> accounts =
              byTenant.computeIfAbsent(account.tenant(), k -> new TreeMap<>());
          Account stored = accounts.get(account.id());
          MemoryState.checkVersion(
              "account", account.id(), account.version(), stored, Account::version);
          Account saved = Account.builder().from(account).version(account.version() + 1).build();
          state.put(accounts, account.id(), saved);
          return saved;
        });
  }

  @Override
  public Optional<Account> find(String tenant, String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return state.read(() -> Optional.ofNullable(accounts(tenant).get(accountId)));
  }

  /** Reads only under the lock. */
  Optional<Account> findLocked(String tenant, String accountId) {
    return Optional.ofNullable(accounts(tenant).get(accountId));
  }

  @Override
  public List<Account> list(String tenant, AccessScope scope, String afterId, int limit) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(afterId, "afterId");
    MemoryState.checkLimit(limit);
    return state.read(
        () -> {
          List<Account> out = new ArrayList<>();
          for (Account a : accounts(tenant).tailMap(afterId, false).values()) {
            if (out.size() >= limit) {
              break;
            }
            if (scope.covers(a.owner(), a.team())) {
              out.add(a);
            }
          }
          return List.copyOf(out);
        });
  }

  @Override
  public Map<String, Account> findByCompanies(String tenant, Collection<String> companyKeys) {
    Set<String> keys = Set.copyOf(companyKeys);
    return state.read(
        () -> {
          Map<String, Account> found = new HashMap<>();
          // Accounts in id order, so that the first to claim a key is the one with the smallest id;
          // each account's few keys are looked up in the wanted set, not the other way round.
          for (Account a : accounts(tenant).values()) {
            for (String key : a.companyKeys()) {
              if (keys.contains(key)) {
                found.putIfAbsent(key, a);
              }
            }
          }
          return Map.copyOf(found);
        });
  }

  private TreeMap<String, Account> accounts(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return byTenant.getOrDefault(tenant, new TreeMap<>());
  }
}
