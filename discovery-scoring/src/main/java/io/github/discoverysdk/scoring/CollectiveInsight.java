package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.spi.TrackedSubject;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What many tenants' profiles do about one subject, as far as it may be shown: every figure here
 * comes from at least {@link CollectivePolicy#minTenants()} distinct tenants. It holds counts and
 * industries only, never a tenant or profile id. Immutable and thread-safe.
 *
 * @param subject the account or signal
 * @param profiles how many distinct profiles track it within the lookback
 * @param teams how many distinct tenants those profiles belong to; at least the minimum group size
 * @param trend the trending score -1..1 ({@link CollectiveIntelligence}), empty when fewer than the
 *     minimum number of tenants were active in the two trending windows
 * @param peers the industries at least the minimum number of tenants track it from, most teams
 *     first
 * @param atLeast whether the counts are rounded down ({@link CollectivePolicy#countStep()} above
 *     1), so that they are lower bounds
 */
public record CollectiveInsight(
    TrackedSubject subject,
    int profiles,
    int teams,
    OptionalDouble trend,
    List<PeerInsight> peers,
    boolean atLeast) {
  /** Exact counts. */
  public CollectiveInsight(
      TrackedSubject subject,
      int profiles,
      int teams,
      OptionalDouble trend,
      List<PeerInsight> peers) {
    this(subject, profiles, teams, trend, peers, false);
  }

  /** Copies the peers. */
  public CollectiveInsight {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(trend, "trend");
    peers = List.copyOf(peers);
    if (teams < 1 || profiles < teams) {
      throw new ValidationException(
          "1 <= teams <= profiles must hold, was " + teams + ", " + profiles);
    }
  }

  /**
   * One line a seller can read, for example {@code "14 profiles in 9 teams track Stripe, trending
   * up"} ({@code "10+ profiles in 5+ teams ..."} when {@link #atLeast()}); the trend part only when
   * it may be shown.
   *
   * @param label how to name the subject, for example the company as the viewer spells it
   */
  public String describe(String label) {
    StringBuilder s =
        new StringBuilder()
            .append(count(profiles, atLeast))
            .append(profiles == 1 && !atLeast ? " profile" : " profiles")
            .append(" in ")
            .append(count(teams, atLeast))
            .append(" teams track ")
            .append(label);
    if (trend.isPresent()) {
      double t = trend.getAsDouble();
      s.append(t > 0 ? ", trending up" : t < 0 ? ", trending down" : ", steady");
    }
    return s.toString();
  }

  /**
   * How many teams of one industry track a subject: {@code "12 fintech teams track Stripe"}.
   * Immutable and thread-safe.
   *
   * @param industry the folded industry of the tracking profiles
   * @param teams distinct tenants whose profiles of this industry track the subject
   * @param profiles distinct such profiles
   * @param atLeast whether the counts are rounded down, so that they are lower bounds
   */
  public record PeerInsight(String industry, int teams, int profiles, boolean atLeast) {
    /** Exact counts. */
    public PeerInsight(String industry, int teams, int profiles) {
      this(industry, teams, profiles, false);
    }

    /** Validates the counts. */
    public PeerInsight {
      Objects.requireNonNull(industry, "industry");
      if (teams < 1 || profiles < teams) {
        throw new ValidationException(
            "1 <= teams <= profiles must hold, was " + teams + ", " + profiles);
      }
    }

    /**
     * {@code "12 fintech teams track Stripe"}.
     *
     * @param label how to name the subject
     */
    public String describe(String label) {
      return count(teams, atLeast) + " " + industry + " teams track " + label;
    }
  }

  private static String count(int n, boolean atLeast) {
    return atLeast ? n + "+" : Integer.toString(n);
  }
}
