package io.github.discoverysdk.account;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.support.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tenant's monitored accounts: created, updated and reassigned with an audit entry (entity type
 * {@code "account"}) in the same transaction as the change, listed by scope, and viewed with their
 * open review cards. Reassigning an account moves its cards at once, since a card's scope is its
 * account's.
 *
 * <p>Reached through {@code DiscoveryEngine.accounts()} for trusted system calls, and through
 * {@code SecuredEngine} for principals, which checks permissions and account scope and then calls
 * this class with the principal's {@link Actor}. This class checks no permission.
 *
 * <p>Thread-safe: all state lives in storage; versions guard concurrent changes.
 */
public final class Accounts {
  /** The audit entity type of an account. */
  public static final String ENTITY = "account";

  /** Most accounts a listing returns per page. */
  public static final int MAX_LIMIT = 500;

  /** Most open cards an account view holds. */
  public static final int MAX_OPEN_CARDS = 200;

  private final Storage storage;
  private final Clock clock;
  private final AuditLog audit;

  /** For the engine, which builds one per engine; hosts use {@code DiscoveryEngine.accounts()}. */
  public Accounts(Storage storage, Clock clock, AuditLog audit) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * Creates an account (version 0), stamping {@code createdAt} and {@code updatedAt}.
   *
   * @return the stored account, version 1
   * @throws ValidationException if its version is not 0
   * @throws ConcurrentUpdateException if the tenant has an account with that id
   */
  public Account create(Actor actor, Account account) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(account, "account");
    if (account.version() != 0) {
      throw new ValidationException(
          "account.version must be 0 to create an account, was " + account.version());
    }
    Instant now = clock.instant();
    Account stamped = Account.builder().from(account).createdAt(now).updatedAt(now).build();
    return storage.inTransaction(
        tx -> {
          Account saved = tx.accounts().save(stamped);
          audit.record(
              tx.audit(),
              actor,
              saved.tenant(),
              ENTITY,
              saved.id(),
              AuditAction.CREATE,
              AuditLog.diff(Map.of(), fields(saved)),
              Optional.empty());
          return saved;
        });
  }

  /**
   * Updates an account from its current version, keeping its {@code createdAt}.
   *
   * @throws NotFoundException if the tenant has no such account
   * @throws ConcurrentUpdateException if the version is stale
   */
  public Account update(Actor actor, Account account) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(account, "account");
    return change(
        actor,
        account.tenant(),
        account.id(),
        account.version(),
        AuditAction.UPDATE,
        Optional.empty(),
        stored -> Account.builder().from(account).createdAt(stored.createdAt()));
  }

  /**
   * Moves an account to another owner and, when {@code newTeam} is given, another team; its cards
   * move with it. {@code reason} is required.
   *
   * @throws NotFoundException if the tenant has no such account
   * @throws ConcurrentUpdateException if the version is stale
   * @throws ValidationException if the owner, team or reason is invalid
   */
  public Account reassign(
      Actor actor,
      String tenant,
      String accountId,
      long version,
      String newOwner,
      Optional<String> newTeam,
      String reason) {
    Objects.requireNonNull(actor, "actor");
    Fields.identifier("newOwner", newOwner, 200);
    Objects.requireNonNull(newTeam, "newTeam").ifPresent(t -> Fields.identifier("newTeam", t, 100));
    Fields.notBlank("reason", reason);
    Fields.text("reason", reason, AuditEntry.MAX_REASON);
    return change(
        actor,
        tenant,
        accountId,
        version,
        AuditAction.ASSIGN,
        Optional.of(reason),
        stored -> {
          Account.Builder b = Account.builder().from(stored).owner(newOwner);
          newTeam.ifPresent(b::team);
          return b;
        });
  }

  private interface Edit {
    Account.Builder apply(Account stored);
  }

  private Account change(
      Actor actor,
      String tenant,
      String accountId,
      long version,
      AuditAction action,
      Optional<String> reason,
      Edit edit) {
    Tenants.check("tenant", tenant);
    Fields.identifier("accountId", accountId, 100);
    return storage.inTransaction(
        tx -> {
          Account stored =
              tx.accounts()
                  .find(tenant, accountId)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "no account " + accountId + " for tenant " + tenant));
          if (stored.version() != version) {
            throw new ConcurrentUpdateException(
                "account "
                    + accountId
                    + " is at version "
                    + stored.version()
                    + ", not "
                    + version
                    + ": read it again");
          }
          Account next = edit.apply(stored).updatedAt(clock.instant()).version(version).build();
          Account saved = tx.accounts().save(next);
          audit.record(
              tx.audit(),
              actor,
              tenant,
              ENTITY,
              accountId,
              action,
              AuditLog.diff(fields(stored), fields(saved)),
              reason);
          return saved;
        });
  }

  /** The account, or empty if the tenant has none with that id. */
  public Optional<Account> find(String tenant, String id) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(id, "id");
    return storage.accounts().find(tenant, id);
  }

  /**
   * A page of the tenant's accounts in {@code scope}, ordered by id, after {@code afterId} (empty
   * for the first page; the next page's is the page's {@link Page#nextCursor()}).
   *
   * @throws ValidationException if {@code limit} is not in 1..{@link #MAX_LIMIT}
   */
  public Page<Account> list(String tenant, AccessScope scope, String afterId, int limit) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(afterId, "afterId");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    List<Account> found = storage.accounts().list(tenant, scope, afterId, limit + 1);
    if (found.size() <= limit) {
      return Page.of(found, Optional.empty());
    }
    List<Account> page = List.copyOf(found.subList(0, limit));
    return Page.of(page, Optional.of(page.get(limit - 1).id()));
  }

  /**
   * The account with its open cards (at most {@link #MAX_OPEN_CARDS}, oldest queued first) and
   * their opportunities.
   *
   * @throws NotFoundException if the tenant has no such account
   */
  public AccountView view(String tenant, String accountId) {
    Account account =
        find(tenant, accountId)
            .orElseThrow(
                () -> new NotFoundException("no account " + accountId + " for tenant " + tenant));
    List<AccountView.OpenCard> open = new ArrayList<>();
    for (ReviewCard c :
        storage.reviews().byAccount(tenant, accountId, ReviewState.OPEN, MAX_OPEN_CARDS)) {
      OpportunityId id = c.opportunityId();
      Optional<Opportunity> o = storage.opportunities().find(id);
      o.ifPresent(x -> open.add(new AccountView.OpenCard(c, x)));
    }
    return new AccountView(account, open);
  }

  /** The audited fields of an account, as text. */
  static Map<String, String> fields(Account a) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name", a.name());
    f.put("owner", a.owner());
    a.team().ifPresent(v -> f.put("team", v));
    a.manager().ifPresent(v -> f.put("manager", v));
    f.put("tier", a.tier());
    f.put("domains", String.join(",", new TreeSet<>(a.domains())));
    f.put("companies", String.join(",", new TreeSet<>(a.companies())));
    f.put("crmIds", new TreeMap<>(a.crmIds()).toString());
    return f;
  }
}
