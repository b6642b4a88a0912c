package io.github.discoverysdk.deals;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.schedule.CronExpression;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-deal enrichment and the ICP it feeds, as the engine's facet ({@code engine.closedDeals()},
 * or {@code engine.as(principal).closedDeals()} with permissions): the status report, the
 * enrichment batch, the queue of deals that turned closed-won, the ICP and its proposals, and the
 * monthly chain ({@link #refresh}) that runs them in order.
 *
 * <p>The chain of one tenant and month runs under a lease in storage, so two engines sharing the
 * store never run it at once, and it records each step it finished in a watermark (source {@code
 * _engine.deal-chain}, query key the month): a chain that died between steps resumes after the last
 * one finished, and a finished month is a no-op. Enrichment inside a step pays only for what is
 * neither cached nor a recent miss, so a crash mid-step does not pay twice either. Each step run is
 * recorded as a run ({@code engine.runs}, kind {@code ICP_*}) with its counts; a failed step as a
 * FAILED run naming the step and its error.
 *
 * <p>Thread-safe: the state lives in storage.
 */
public final class ClosedDeals {
  private static final Logger log = LoggerFactory.getLogger(ClosedDeals.class);

  /** Most queued deals one {@link #enrichQueued} call enriches. */
  public static final int QUEUE_BATCH = ClosedDealEnrichment.MAX_LIMIT;

  private final Storage storage;
  private final Clock clock;
  private final Optional<ClosedDealEnrichment> enrichment;
  private final ClosedDealSettings settings;
  private final Function<String, List<Profile>> profiles;
  private final UnaryOperator<Profile> saveProfile;
  private final IcpDerivation derivation = IcpDerivation.defaults();
  private final IcpChain chain;

  private ClosedDeals(
      Storage storage,
      Clock clock,
      Optional<ClosedDealEnrichment> enrichment,
      ClosedDealSettings settings,
      Function<String, List<Profile>> profiles,
      UnaryOperator<Profile> saveProfile,
      String owner,
      Supplier<String> ids) {
    this.storage = storage;
    this.clock = clock;
    this.enrichment = enrichment;
    this.settings = settings;
    this.profiles = profiles;
    this.saveProfile = saveProfile;
    this.chain = new IcpChain(this, storage, clock, owner, ids);
  }

  /**
   * The facet over {@code storage}: what the engine builds from its settings. Hosts reach it
   * through {@code engine.closedDeals()}.
   *
   * @param enrichment the batch over the engine's enricher; empty when the engine has none
   * @param profiles the tenant's profiles
   * @param saveProfile saves a changed profile through the engine (version check, audit)
   * @param owner this engine's instance id, the holder of the chain's leases
   * @param ids the engine's id generator, for the run ids of the chain's steps
   */
  public static ClosedDeals create(
      Storage storage,
      Clock clock,
      Optional<ClosedDealEnrichment> enrichment,
      ClosedDealSettings settings,
      Function<String, List<Profile>> profiles,
      UnaryOperator<Profile> saveProfile,
      String owner,
      Supplier<String> ids) {
    return new ClosedDeals(
        Objects.requireNonNull(storage, "storage"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(enrichment, "enrichment"),
        Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(profiles, "profiles"),
        Objects.requireNonNull(saveProfile, "saveProfile"),
        Objects.requireNonNull(owner, "owner"),
        Objects.requireNonNull(ids, "ids"));
  }

  /** The settings the facet runs with. */
  public ClosedDealSettings settings() {
    return settings;
  }

  /** The status, stats and summary over the settings' lookback ({@link DealReports#report}). */
  public DealReport status(String tenant) {
    return status(tenant, settings.lookbackMonths());
  }

  /** The status, stats and summary over the last {@code lookbackMonths}; calls no source. */
  public DealReport status(String tenant, int lookbackMonths) {
    return new DealReports(storage, clock).report(tenant, lookbackMonths);
  }

  /**
   * Enriches the contacts and accounts of the tenant's recently closed deals ({@link
   * ClosedDealEnrichment#enrichClosedDeals(String, int, int)}).
   *
   * @throws ValidationException when the engine has no enricher, or an argument is out of bounds
   */
  public ClosedDealRun enrich(String tenant, int lookbackMonths, int limit) {
    return batch().enrichClosedDeals(tenant, lookbackMonths, limit);
  }

  /**
   * Enriches up to {@value #QUEUE_BATCH} of the deals that turned closed-won in an import, oldest
   * key first, and marks each ENRICHED (its contacts and account are all cached) or PARTIAL, with
   * what is missing.
   *
   * @throws ValidationException when the engine has no enricher
   */
  public ClosedDealRun enrichQueued(String tenant) {
    Tenants.check("tenant", tenant);
    ClosedDealEnrichment batch = batch();
    List<EnrichmentStatus> queued =
        storage
            .deals()
            .listStatuses(
                tenant,
                EnrichmentStatus.Subject.DEAL,
                EnrichmentStatus.Outcome.QUEUED,
                QUEUE_BATCH);
    List<Deal> deals = new ArrayList<>();
    List<EnrichmentStatus> gone = new ArrayList<>();
    for (EnrichmentStatus q : queued) {
      int slash = q.key().indexOf('/');
      Optional<Deal> d =
          slash < 0
              ? Optional.empty()
              : storage
                  .deals()
                  .find(tenant, q.key().substring(0, slash), q.key().substring(slash + 1));
      if (d.isPresent()) {
        deals.add(d.get());
      } else {
        gone.add(
            dealStatus(
                tenant, q.key(), EnrichmentStatus.Outcome.NOT_FOUND, "deal no longer stored"));
      }
    }
    ClosedDealRun run = batch.enrich(tenant, deals);
    List<EnrichmentStatus> done = new ArrayList<>(gone);
    var contacts =
        DealWindow.attributes(
            storage, tenant, CachedEnrichment.Kind.CONTACT, DealWindow.emails(deals));
    var accounts =
        DealWindow.attributes(
            storage, tenant, CachedEnrichment.Kind.ACCOUNT, DealWindow.domains(deals));
    for (Deal d : deals) {
      List<String> missing = new ArrayList<>();
      d.account()
          .flatMap(DealAccount::domain)
          .filter(dom -> !accounts.containsKey(dom))
          .ifPresent(missing::add);
      d.contacts().stream()
          .map(DealContact::email)
          .filter(e -> !contacts.containsKey(e))
          .forEach(missing::add);
      done.add(
          missing.isEmpty()
              ? dealStatus(tenant, dealKey(d), EnrichmentStatus.Outcome.ENRICHED, "")
              : dealStatus(
                  tenant,
                  dealKey(d),
                  EnrichmentStatus.Outcome.PARTIAL,
                  EnrichmentBatch.clip("not enriched: " + String.join(", ", missing))));
    }
    storage.deals().saveStatuses(done);
    return run;
  }

  /**
   * The tenant's ideal customer from the deals closed (won and lost) in the settings' lookback
   * before now, with the cached enrichment of their accounts and contacts; calls no source.
   */
  public Icp icp(String tenant) {
    Tenants.check("tenant", tenant);
    return icp(tenant, clock.instant());
  }

  Icp icp(String tenant, Instant until) {
    Instant since = until.atZone(ZoneOffset.UTC).minusMonths(settings.lookbackMonths()).toInstant();
    List<Deal> deals = DealWindow.closed(storage, tenant, since, until);
    return derivation.derive(
        tenant,
        deals,
        DealWindow.attributes(
            storage, tenant, CachedEnrichment.Kind.ACCOUNT, DealWindow.domains(deals)),
        DealWindow.attributes(
            storage, tenant, CachedEnrichment.Kind.CONTACT, DealWindow.emails(deals)),
        clock.instant());
  }

  /** What the current ICP proposes for each of the tenant's profiles that lacks some of it. */
  public List<IcpDiff> proposals(String tenant) {
    Icp icp = icp(tenant);
    return profiles.apply(tenant).stream()
        .map(p -> IcpDiff.between(icp, p))
        .filter(d -> !d.changes().isEmpty())
        .toList();
  }

  /**
   * Applies what the current ICP proposes to one profile, opted in or not: the host's approval.
   *
   * @return the profile as saved, or as it was when the ICP proposes nothing for it
   * @throws NotFoundException if the tenant has no such profile
   */
  public Profile applyProposal(ProfileId profileId) {
    Profile p = profile(profileId);
    return proposed(p).map(saveProfile).orElse(p);
  }

  /**
   * The profile as the current ICP would change it, or empty when the ICP proposes nothing for it.
   * Nothing is saved: {@code SecuredClosedDeals} saves it on behalf of its principal.
   */
  public Optional<Profile> proposed(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    IcpDiff diff = IcpDiff.between(icp(profile.tenant()), profile);
    return diff.changes().isEmpty() ? Optional.empty() : Optional.of(diff.applyTo());
  }

  /**
   * The tenant's profile {@code profileId}.
   *
   * @throws NotFoundException if the tenant has no such profile
   */
  public Profile profile(ProfileId profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return profiles.apply(profileId.tenant()).stream()
        .filter(x -> x.id().equals(profileId))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("profile " + profileId.value() + " not found"));
  }

  /**
   * Runs the monthly chain for the tenant's {@code month}: enriches the deals queued by a close
   * (when {@link ClosedDealSettings#autoEnrichOnClose()}) and the closed deals of the lookback that
   * ends with the month (won and lost, since the ICP contrasts them; the earlier months' answers
   * are cached and cost nothing), derives the ICP from the lookback ending with the month and saves
   * it as the tenant's current one (the engine's runs score what they write against it), applies
   * its changes to the profiles that opted in ({@link ClosedDealSettings#autoApply()}) and proposes
   * them to the others, and re-scores the open opportunities whose ICP fit changed. Without an
   * enricher the enrichment steps are skipped and the ICP is derived from what is cached. A second
   * call for a finished month is a no-op ({@link IcpRefresh.Outcome#ALREADY_DONE}); a call while
   * another engine runs it is {@link IcpRefresh.Outcome#BUSY}; a failed step ends the chain ({@link
   * IcpRefresh.Outcome#FAILED}, with the reason) and the next call resumes at it. Each step that
   * runs saves a {@link io.github.discoverysdk.model.RunReport} of its kind ({@code RunKind.ICP_*})
   * with its {@code counts()}, in the transaction of the watermark that marks it done; a failed
   * step saves a FAILED one; steps done before are not recorded again.
   *
   * @throws ValidationException if the tenant is invalid or the month has not begun
   */
  public IcpRefresh refresh(String tenant, YearMonth month) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(month, "month");
    if (month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(clock.instant())) {
      throw new ValidationException("month must have begun, was " + month);
    }
    return chain.run(tenant, month);
  }

  /**
   * The schedule hook ({@code runDue()} calls it): for each tenant with profiles, runs the chain of
   * the month before the schedule's last fire time, unless it is done. Nothing without a {@link
   * ClosedDealSettings#schedule()}. A tenant's failure is logged and does not stop the others.
   */
  public List<IcpRefresh> refreshDue() {
    if (settings.schedule().isEmpty()) {
      return List.of();
    }
    Optional<Instant> fired =
        CronExpression.parse(settings.schedule().get())
            .previous(clock.instant(), settings.scheduleZone());
    if (fired.isEmpty()) {
      return List.of();
    }
    YearMonth month = YearMonth.from(fired.get().atZone(settings.scheduleZone())).minusMonths(1);
    List<IcpRefresh> out = new ArrayList<>();
    for (String tenant : storage.profiles().tenants()) {
      if (chain.done(tenant, month)) {
        continue;
      }
      try {
        out.add(chain.run(tenant, month));
      } catch (RuntimeException e) {
        log.warn("the ICP chain of tenant {} for {} failed: {}", tenant, month, e.toString());
      }
    }
    return out;
  }

  Optional<ClosedDealEnrichment> enrichment() {
    return enrichment;
  }

  List<Profile> profiles(String tenant) {
    return profiles.apply(tenant);
  }

  Profile save(Profile profile) {
    return saveProfile.apply(profile);
  }

  private ClosedDealEnrichment batch() {
    return enrichment.orElseThrow(
        () ->
            new ValidationException(
                "closed-deal enrichment needs an enricher: call enricher(...) on the engine"
                    + " builder"));
  }

  private EnrichmentStatus dealStatus(
      String tenant, String key, EnrichmentStatus.Outcome outcome, String why) {
    return EnrichmentStatus.builder()
        .tenant(tenant)
        .subject(EnrichmentStatus.Subject.DEAL)
        .key(key)
        .outcome(outcome)
        .source(enrichment.map(ClosedDealEnrichment::enricherId).orElse("closed-deals"))
        .reason(why)
        .at(clock.instant())
        .build();
  }

  /** A deal's key in the statuses: {@code source/id}. */
  static String dealKey(Deal d) {
    return d.source() + "/" + d.id();
  }
}
