package io.github.discoverysdk.storage;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.AccountStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AccountStore} that forwards every call to another: the base of decorators (metrics,
 * fault injection in tests). Override the methods of interest; return it from {@link
 * ForwardingStorage}'s accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingAccountStore implements AccountStore {
  private final AccountStore delegate;

  protected ForwardingAccountStore(AccountStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected AccountStore delegate() {
    return delegate;
  }

  @Override
  public Account save(Account account) {
    return delegate.save(account);
  }

  @Override
  public Optional<Account> find(String tenant, String accountId) {
    return delegate.find(tenant, accountId);
  }

  @Override
  public List<Account> list(String tenant, AccessScope scope, String afterId, int limit) {
    return delegate.list(tenant, scope, afterId, limit);
  }

  @Override
  public Map<String, Account> findByCompanies(String tenant, Collection<String> companyKeys) {
    return delegate.findByCompanies(tenant, companyKeys);
  }
}
