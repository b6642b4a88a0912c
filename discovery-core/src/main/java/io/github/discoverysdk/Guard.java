package io.github.discoverysdk;

import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.access.Scope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access checks of {@link SecuredEngine} and the switch for trusted system calls: whether a
 * principal's roles grant a permission in its tenant, whether the data it names lies in the
 * permission's scope, and the audit entry of every denial. Who owns what is read from storage: an
 * account's owner and team, a profile's owner, and for an opportunity the account of its review
 * card if it has one, else its profile's owner. Thread-safe.
 */
final class Guard {
  private static final Logger log = LoggerFactory.getLogger(Guard.class);

  static final String PROFILE = "profile";
  static final String OPPORTUNITY = "opportunity";
  static final String ACCOUNT = "account";

  /** Who owns a piece of a tenant's data, for scope checks. */
  record Owner(String user, Optional<String> team) {}

  private final Storage storage;
  private final AccessPolicy policy;
  private final AuditLog audit;
  private final boolean systemCalls;

  Guard(Storage storage, AccessPolicy policy, AuditLog audit, boolean systemCalls) {
    this.storage = storage;
    this.policy = policy;
    this.audit = audit;
    this.systemCalls = systemCalls;
  }

  /**
   * Lets a trusted system call through, or refuses it.
   *
   * @throws AccessDeniedException if the engine was built without {@code allowSystemCalls()}
   */
  void system() {
    if (!systemCalls) {
      throw new AccessDeniedException(
          "trusted system calls are off: call engine.as(principal), or build the engine with"
              + " allowSystemCalls() for back-office use");
    }
  }

  /**
   * The principal's scope for {@code permission} in {@code tenant}.
   *
   * @throws AccessDeniedException (audited) if the tenant is another, or no role grants it
   */
  Scope require(
      Principal p, Actor actor, Permission permission, String tenant, String type, String id) {
    Objects.requireNonNull(tenant, "tenant");
    if (!p.tenant().equals(tenant)) {
      throw deny(p, actor, permission, type, id, "the data belongs to another tenant");
    }
    return policy
        .scope(p, permission)
        .orElseThrow(
            () ->
                deny(
                    p,
                    actor,
                    permission,
                    type,
                    id,
                    "no role of " + p.user() + " grants " + permission));
  }

  /** {@link #require} for the whole tenant: only {@link Scope#TENANT} passes. */
  void requireTenantWide(
      Principal p, Actor actor, Permission permission, String tenant, String type, String id) {
    if (require(p, actor, permission, tenant, type, id) != Scope.TENANT) {
      throw deny(p, actor, permission, type, id, permission + " over the whole tenant is needed");
    }
  }

  /** {@link #require}, then that {@code owner}'s data lies in the granted scope. */
  void requireOwned(
      Principal p,
      Actor actor,
      Permission permission,
      String tenant,
      String type,
      String id,
      Owner owner) {
    Scope scope = require(p, actor, permission, tenant, type, id);
    if (!covers(p, scope, owner)) {
      throw deny(p, actor, permission, type, id, "outside the " + scope + " scope of " + p.user());
    }
  }

  /** The rows a listing may return for the principal's scope of {@code permission}. */
  AccessScope listing(Principal p, Actor actor, Permission permission, String tenant) {
    return AccessScope.of(p, require(p, actor, permission, tenant, "tenant", tenant));
  }

  /** {@link #requireOwned} over a profile's owner, after the tenant check. */
  void profile(Principal p, Actor actor, Permission permission, ProfileId id) {
    Objects.requireNonNull(id, "id");
    require(p, actor, permission, id.tenant(), PROFILE, id.value());
    requireOwned(p, actor, permission, id.tenant(), PROFILE, id.value(), ownerOf(id));
  }

  /** {@link #requireOwned} over an opportunity's owner, after the tenant check. */
  void opportunity(Principal p, Actor actor, Permission permission, OpportunityId id) {
    Objects.requireNonNull(id, "id");
    require(p, actor, permission, id.tenant(), OPPORTUNITY, id.value());
    requireOwned(p, actor, permission, id.tenant(), OPPORTUNITY, id.value(), ownerOf(id));
  }

  /** {@link #requireOwned} over an account of the principal's tenant. */
  void account(Principal p, Actor actor, Permission permission, String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    require(p, actor, permission, p.tenant(), ACCOUNT, accountId);
    requireOwned(
        p,
        actor,
        permission,
        p.tenant(),
        ACCOUNT,
        accountId,
        ownerOfAccount(p.tenant(), accountId));
  }

  boolean covers(Principal p, Scope scope, Owner owner) {
    switch (scope) {
      case TENANT:
        return true;
      case TEAM:
        return owner.user().equals(p.user())
            || owner.team().filter(p.teams()::contains).isPresent()
            || (owner.team().isEmpty() && sharesTeam(p, owner.user()));
      default:
        return owner.user().equals(p.user());
    }
  }

  private boolean sharesTeam(Principal p, String user) {
    for (String teamId : p.teams()) {
      Optional<Team> team = storage.teams().find(p.tenant(), teamId);
      if (team.filter(t -> t.hasMember(user)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  Owner ownerOf(ProfileId id) {
    Profile profile =
        storage.profiles().find(id).orElseThrow(() -> new NotFoundException("no profile " + id));
    return new Owner(profile.owner(), Optional.empty());
  }

  Owner ownerOfAccount(String tenant, String accountId) {
    Account a =
        storage
            .accounts()
            .find(tenant, accountId)
            .orElseThrow(() -> new NotFoundException("no account " + accountId));
    return new Owner(a.owner(), a.team());
  }

  Owner ownerOf(OpportunityId id) {
    Opportunity o =
        storage
            .opportunities()
            .find(id)
            .orElseThrow(() -> new NotFoundException("no opportunity " + id));
    Optional<Account> account =
        storage
            .reviews()
            .find(id)
            .flatMap(c -> c.accountId())
            .flatMap(a -> storage.accounts().find(id.tenant(), a));
    return account.map(a -> new Owner(a.owner(), a.team())).orElseGet(() -> ownerOf(o.profileId()));
  }

  /** Records that {@code actor} read an entity, if the engine audits views. */
  void viewed(Actor actor, String tenant, String type, String id) {
    if (audit.auditsViews()) {
      storage.inTransaction(tx -> audit.view(tx.audit(), actor, tenant, type, id));
    }
  }

  /** Audits a denial in a transaction of its own, and returns the exception to throw. */
  AccessDeniedException deny(
      Principal p, Actor actor, Permission permission, String type, String id, String why) {
    String message = "access denied: " + permission + " on " + type + " " + id + ": " + why;
    try {
      storage.inTransaction(
          tx ->
              audit.record(
                  tx.audit(),
                  actor,
                  p.tenant(),
                  type,
                  id,
                  AuditAction.DENY,
                  List.of(),
                  Optional.of(permission + ": " + why)));
    } catch (RuntimeException e) {
      // The denial stands even if it cannot be recorded.
      log.warn("could not audit a denial of {} to {}", permission, p.user(), e);
    }
    return new AccessDeniedException(permission, message);
  }
}
