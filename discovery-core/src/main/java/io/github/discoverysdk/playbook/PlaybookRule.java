package io.github.discoverysdk.playbook;

import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.support.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.immutables.value.Value;

/**
 * One rule of {@link Playbooks}: when every condition holds, it selects {@link #playbook()}. An
 * empty set or list is no condition; a rule without any condition always holds. Conditions: the
 * signal type is one of {@link #signalTypes()}; every {@link #factors()} condition holds; the
 * account's tier is one of {@link #tiers()} (compared ignoring case; a card without an account has
 * no tier and fails it); at least one of {@link #anyRiskFlags()} is raised; none of {@link
 * #noRiskFlags()} is. Immutable and thread-safe.
 *
 * <pre>{@code
 * PlaybookRule.builder().playbook("funding").addSignalTypes(SignalType.FUNDING)
 *     .addFactors(FactorCondition.atLeast("urgency", 60)).addTiers("enterprise").build();
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface PlaybookRule {
  /** The id of the playbook the rule selects. */
  String playbook();

  Set<SignalType> signalTypes();

  List<FactorCondition> factors();

  Set<String> tiers();

  Set<RiskFlag> anyRiskFlags();

  Set<RiskFlag> noRiskFlags();

  /**
   * The reasons, one per condition, if every condition holds for {@code input}; empty if one fails.
   */
  default Optional<List<String>> evaluate(PlaybookInput input) {
    List<String> reasons = new ArrayList<>();
    if (!signalTypes().isEmpty()) {
      if (!signalTypes().contains(input.signalType())) {
        return Optional.empty();
      }
      reasons.add("signal type is " + input.signalType());
    }
    for (FactorCondition c : factors()) {
      Optional<Double> v = input.factor(c.factor());
      if (v.isEmpty() || v.get() < c.atLeast()) {
        return Optional.empty();
      }
      reasons.add("factor " + c.factor() + " is " + v.get() + " >= " + c.atLeast());
    }
    if (!tiers().isEmpty()) {
      Optional<String> tier = input.tier().filter(t -> lower(tiers()).contains(lower(t)));
      if (tier.isEmpty()) {
        return Optional.empty();
      }
      reasons.add("account tier is " + tier.get());
    }
    if (!anyRiskFlags().isEmpty()) {
      Set<RiskFlag> raised = new TreeSet<>(anyRiskFlags());
      raised.retainAll(input.riskFlags());
      if (raised.isEmpty()) {
        return Optional.empty();
      }
      reasons.add("risk flag raised: " + raised);
    }
    if (!noRiskFlags().isEmpty()) {
      if (noRiskFlags().stream().anyMatch(input.riskFlags()::contains)) {
        return Optional.empty();
      }
      reasons.add("no risk flag of " + new TreeSet<>(noRiskFlags()));
    }
    if (reasons.isEmpty()) {
      reasons.add("rule without conditions");
    }
    return Optional.of(List.copyOf(reasons));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static Set<String> lower(Set<String> s) {
    Set<String> out = new TreeSet<>();
    s.forEach(t -> out.add(lower(t)));
    return out;
  }

  @Value.Check
  default void check() {
    Fields.identifier("rule.playbook", playbook(), 100);
    Fields.maxCount("rule.factors", factors(), 20);
    Fields.maxCount("rule.tiers", tiers(), 50);
    Fields.identifiers("rule.tiers", tiers(), 40);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PlaybookRule}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutablePlaybookRule.Builder {
    @Override
    public PlaybookRule build() {
      return Fields.build("PlaybookRule", super::build);
    }
  }
}
