package io.github.discoverysdk.playbook;

import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalType;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What playbook rules look at: the card's signal type and score factors, its account's tier, and
 * the risk flags raised for it. Immutable and thread-safe.
 *
 * @param signalType the card's signal type
 * @param factors the card's score factors
 * @param tier the account's tier; empty when the card has no account
 * @param riskFlags the risk flags raised for the card's signal or account
 */
public record PlaybookInput(
    SignalType signalType,
    List<ScoreFactor> factors,
    Optional<String> tier,
    Set<RiskFlag> riskFlags) {
  public PlaybookInput {
    Objects.requireNonNull(signalType, "signalType");
    factors = List.copyOf(factors);
    Objects.requireNonNull(tier, "tier");
    riskFlags = riskFlags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(riskFlags));
  }

  /** The input of an opportunity's card. */
  public static PlaybookInput of(Opportunity o, Optional<String> tier, Set<RiskFlag> riskFlags) {
    return new PlaybookInput(o.signalType(), o.score().factors(), tier, riskFlags);
  }

  /**
   * The input of an opportunity's card whose signal raised {@code signalFlags}: a card that matched
   * a competitor also raises {@link RiskFlag#COMPETITOR_MOVE}. What {@code engine.drafts()} and the
   * run both select playbooks on.
   */
  public static PlaybookInput ofCard(
      Opportunity o, Optional<String> tier, Set<RiskFlag> signalFlags) {
    Set<RiskFlag> flags = EnumSet.noneOf(RiskFlag.class);
    flags.addAll(signalFlags);
    if (o.matches().stream()
        .anyMatch(m -> m.target() == io.github.discoverysdk.model.MatchTarget.COMPETITOR)) {
      flags.add(RiskFlag.COMPETITOR_MOVE);
    }
    return of(o, tier, flags);
  }

  /** The value of the factor named {@code name}, if the card has it. */
  public Optional<Double> factor(String name) {
    return factors.stream().filter(f -> f.name().equals(name)).map(ScoreFactor::value).findFirst();
  }
}
