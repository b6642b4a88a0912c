package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.AccountView;
import io.github.discoverysdk.account.Accounts;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.model.Page;
import java.util.Objects;
import java.util.Optional;

/**
 * Monitored accounts as one principal sees them ({@link SecuredEngine#accounts()}): an account
 * manager its own accounts, a manager its teams', an admin all. Each call needs the permission its
 * documentation names, over the account's owner and team; changes are audited by {@link Accounts}.
 * Immutable and thread-safe.
 */
public final class SecuredAccounts {
  private final Accounts accounts;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;

  SecuredAccounts(EngineParts parts, Principal principal, Actor actor) {
    this.accounts = parts.accounts();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
  }

  /**
   * Creates an account ({@link Accounts#create}). Needs {@code ACCOUNT_WRITE} over the new
   * account's owner and team.
   */
  public Account create(Account account) {
    Objects.requireNonNull(account, "account");
    guard.requireOwned(
        principal,
        actor,
        ACCOUNT_WRITE,
        account.tenant(),
        Guard.ACCOUNT,
        account.id(),
        new Guard.Owner(account.owner(), account.team()));
    return accounts.create(actor, account);
  }

  /**
   * Updates an account ({@link Accounts#update}). Needs {@code ACCOUNT_WRITE} over the account as
   * stored and as changed; moving it to another owner needs {@link #reassign} rights as well.
   */
  public Account update(Account account) {
    Objects.requireNonNull(account, "account");
    guard.require(principal, actor, ACCOUNT_WRITE, account.tenant(), Guard.ACCOUNT, account.id());
    guard.account(principal, actor, ACCOUNT_WRITE, account.id());
    Account stored = accounts.find(account.tenant(), account.id()).orElseThrow();
    if (!stored.owner().equals(account.owner()) || !stored.team().equals(account.team())) {
      guard.account(principal, actor, ACCOUNT_ASSIGN, account.id());
    }
    guard.requireOwned(
        principal,
        actor,
        ACCOUNT_WRITE,
        account.tenant(),
        Guard.ACCOUNT,
        account.id(),
        new Guard.Owner(account.owner(), account.team()));
    return accounts.update(actor, account);
  }

  /**
   * Moves an account to another owner and team ({@link Accounts#reassign}). Needs {@code
   * ACCOUNT_ASSIGN} over the account as stored and over its new owner and team.
   */
  public Account reassign(
      String accountId, long version, String newOwner, Optional<String> newTeam, String reason) {
    guard.account(principal, actor, ACCOUNT_ASSIGN, accountId);
    Objects.requireNonNull(newOwner, "newOwner");
    Objects.requireNonNull(newTeam, "newTeam");
    Account stored = accounts.find(principal.tenant(), accountId).orElseThrow();
    guard.requireOwned(
        principal,
        actor,
        ACCOUNT_ASSIGN,
        principal.tenant(),
        Guard.ACCOUNT,
        accountId,
        new Guard.Owner(newOwner, newTeam.isPresent() ? newTeam : stored.team()));
    return accounts.reassign(
        actor, principal.tenant(), accountId, version, newOwner, newTeam, reason);
  }

  /** The account, if the tenant has it. Needs {@code ACCOUNT_READ} over it. */
  public Optional<Account> find(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (accounts.find(principal.tenant(), accountId).isEmpty()) {
      guard.require(principal, actor, ACCOUNT_READ, principal.tenant(), Guard.ACCOUNT, accountId);
      return Optional.empty();
    }
    guard.account(principal, actor, ACCOUNT_READ, accountId);
    guard.viewed(actor, principal.tenant(), Guard.ACCOUNT, accountId);
    return accounts.find(principal.tenant(), accountId);
  }

  /**
   * The accounts in the principal's scope, by id, after {@code afterId} ({@code ""} first). Needs
   * {@code ACCOUNT_READ}; the scope is applied in the query.
   */
  public Page<Account> list(String afterId, int limit) {
    return accounts.list(
        principal.tenant(),
        guard.listing(principal, actor, ACCOUNT_READ, principal.tenant()),
        afterId,
        limit);
  }

  /** The account with its open cards ({@link Accounts#view}). Needs {@code ACCOUNT_READ}. */
  public AccountView view(String accountId) {
    guard.account(principal, actor, ACCOUNT_READ, accountId);
    guard.viewed(actor, principal.tenant(), Guard.ACCOUNT, accountId);
    return accounts.view(principal.tenant(), accountId);
  }
}
