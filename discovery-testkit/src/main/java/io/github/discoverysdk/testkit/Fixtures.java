package io.github.discoverysdk.testkit;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Valid values in one line, for tests of hosts, storages and connectors. Every value is complete
 * and passes validation; adjust one with its builder, for example {@code
 * Opportunity.builder().from(Fixtures.opportunity(...)).status(OpportunityStatus.SAVED).build()}.
 * Stateless and thread-safe.
 */
public final class Fixtures {
  /** The company a profile watches when the caller names none. */
  public static final Company DEFAULT_COMPANY = Company.of("Acme", "acme.com");

  private Fixtures() {}

  /**
   * An enabled, never saved profile (version 0, random id) owned by {@code "test-owner"}, watching
   * {@code watchlist}, or {@link #DEFAULT_COMPANY} when none is given.
   */
  public static Profile profile(String tenant, String name, Company... watchlist) {
    Objects.requireNonNull(watchlist, "watchlist");
    return Profile.builder()
        .tenant(tenant)
        .owner("test-owner")
        .name(name)
        .addWatchlist(watchlist.length == 0 ? new Company[] {DEFAULT_COMPANY} : watchlist)
        .build();
  }

  /** A signal observed when it was published, with an empty text and these organisations. */
  public static Signal signal(
      String sourceId,
      String externalId,
      SignalType type,
      String title,
      Instant publishedAt,
      OrganizationMention... organizations) {
    return Signal.builder()
        .key(SignalKey.of(sourceId, externalId))
        .type(type)
        .title(title)
        .publishedAt(publishedAt)
        .observedAt(publishedAt)
        .addOrganizations(organizations)
        .build();
  }

  /** Like {@link #opportunity(OpportunityId, ProfileId, SignalKey, double, Instant)}, random id. */
  public static Opportunity opportunity(
      ProfileId profile, SignalKey key, double score, Instant publishedAt) {
    Objects.requireNonNull(profile, "profile");
    return opportunity(
        OpportunityId.of(profile.tenant(), UUID.randomUUID().toString()),
        profile,
        key,
        score,
        publishedAt);
  }

  /**
   * A never saved (version 0) NEW news opportunity with every field set: one score factor {@code
   * "match"} worth {@code score} (0..100), the strength that score implies (STRONG from 70, MEDIUM
   * from 45, else WEAK), one exact watchlist match on {@link #DEFAULT_COMPANY}, and a MEDIUM, open
   * timing without an outreach date. All its instants are {@code publishedAt}.
   */
  public static Opportunity opportunity(
      OpportunityId id, ProfileId profile, SignalKey key, double score, Instant publishedAt) {
    Objects.requireNonNull(key, "key");
    String company = DEFAULT_COMPANY.name();
    return Opportunity.builder()
        .id(id)
        .profileId(profile)
        .signalKey(key)
        .signalType(SignalType.NEWS)
        .title("Signal " + key)
        .company(company)
        .publishedAt(publishedAt)
        .occursAt(publishedAt)
        .score(score(score))
        .addMatches(
            Match.builder()
                .target(MatchTarget.WATCHLIST)
                .kind(MatchKind.EXACT)
                .term(company)
                .matchedText(company)
                .confidence(1.0)
                .field(EvidenceField.TITLE)
                .rule("test")
                .build())
        .temporal(
            TemporalAssessment.builder()
                .assessedAt(publishedAt)
                .ageDays(0)
                .urgency(Urgency.MEDIUM)
                .window(ActionWindow.OPEN)
                .recommendedAction("test")
                .build())
        .signalHash("hash-" + key)
        .createdAt(publishedAt)
        .updatedAt(publishedAt)
        .lastSeenAt(publishedAt)
        .build();
  }

  /**
   * A score of {@code total} (0..100) made of one factor {@code "match"} of weight 1, with the
   * strength it implies ({@link #strength}); {@code in -> Fixtures.score(60)} is a scorer for tests
   * whose subject is not the score.
   */
  public static Score score(double total) {
    return Score.builder()
        .total(total)
        .strength(strength(total))
        .addFactors(ScoreFactor.of("match", total, 1.0, total, "test score"))
        .build();
  }

  /** The strength band of a score, as {@link #opportunity} assigns it. */
  public static SignalStrength strength(double score) {
    return score >= 70
        ? SignalStrength.STRONG
        : score >= 45 ? SignalStrength.MEDIUM : SignalStrength.WEAK;
  }
}
