package io.github.discoverysdk.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlaybooksTest {
  private static final Set<RiskFlag> NONE = Set.of();

  static Stream<Arguments> defaults() {
    return Stream.of(
        row(SignalType.FUNDING, 50, 50, null, NONE, "funding-congrats", "signal type is FUNDING"),
        row(
            SignalType.NEWS,
            50,
            50,
            null,
            Set.of(RiskFlag.FUNDING),
            "funding-congrats",
            "risk flag raised: [FUNDING]"),
        row(
            SignalType.FUNDING,
            50,
            50,
            null,
            Set.of(RiskFlag.LAYOFFS),
            "risk-check-in",
            "risk flag raised: [LAYOFFS]"),
        row(
            SignalType.EVENT,
            90,
            90,
            "enterprise",
            Set.of(RiskFlag.NEGATIVE_NEWS, RiskFlag.CANCELLATION),
            "risk-check-in",
            "risk flag raised: [NEGATIVE_NEWS, CANCELLATION]"),
        row(
            SignalType.PARTNERSHIP,
            50,
            50,
            null,
            Set.of(RiskFlag.COMPETITOR_MOVE),
            "competitor-displacement",
            "risk flag raised: [COMPETITOR_MOVE]"),
        row(
            SignalType.LEADERSHIP_CHANGE,
            50,
            50,
            null,
            NONE,
            "leadership-intro",
            "signal type is LEADERSHIP_CHANGE"),
        row(
            SignalType.NEWS,
            50,
            50,
            null,
            Set.of(RiskFlag.LEADERSHIP_CHANGE),
            "leadership-intro",
            "risk flag raised: [LEADERSHIP_CHANGE]"),
        row(SignalType.EVENT, 50, 50, null, NONE, "event-meeting", "signal type is EVENT"),
        row(
            SignalType.JOB_POSTING,
            90,
            90,
            "enterprise",
            NONE,
            "hiring-offer",
            "signal type is JOB_POSTING"),
        row(
            SignalType.NEWS,
            80,
            75,
            "Enterprise",
            NONE,
            "strategic-outreach",
            "factor urgency is 80.0 >= 70.0",
            "factor fit is 75.0 >= 70.0",
            "account tier is Enterprise"),
        // One condition short: urgency, fit, tier, no account at all.
        row(
            SignalType.NEWS,
            69.9,
            75,
            "enterprise",
            NONE,
            "general-follow-up",
            "no rule matched: default"),
        row(
            SignalType.NEWS,
            80,
            60,
            "enterprise",
            NONE,
            "general-follow-up",
            "no rule matched: default"),
        row(
            SignalType.NEWS,
            80,
            75,
            "standard",
            NONE,
            "general-follow-up",
            "no rule matched: default"),
        row(SignalType.NEWS, 80, 75, null, NONE, "general-follow-up", "no rule matched: default"),
        row(SignalType.OTHER, 0, 0, null, NONE, "general-follow-up", "no rule matched: default"));
  }

  private static Arguments row(
      SignalType type,
      double urgency,
      double fit,
      String tier,
      Set<RiskFlag> flags,
      String playbook,
      String... reasons) {
    return Arguments.of(type, urgency, fit, tier, flags, playbook, List.of(reasons));
  }

  @ParameterizedTest(name = "{0} urgency={1} fit={2} tier={3} flags={4} -> {5}")
  @MethodSource("defaults")
  void theDefaultRulesSelectThePlaybookWithTheConditionsThatHeld(
      SignalType type,
      double urgency,
      double fit,
      String tier,
      Set<RiskFlag> flags,
      String playbook,
      List<String> reasons) {
    PlaybookInput input =
        new PlaybookInput(
            type,
            List.of(
                ScoreFactor.of("urgency", urgency, 0.5, urgency * 0.5, "u"),
                ScoreFactor.of("fit", fit, 0.5, fit * 0.5, "f")),
            Optional.ofNullable(tier),
            flags);

    PlaybookSelection s = Playbooks.defaults().select(input).orElseThrow();

    assertThat(s.playbook().id()).isEqualTo(playbook);
    assertThat(s.reasons()).containsExactlyElementsOf(reasons);
    assertThat(s.rule().isPresent()).isEqualTo(!playbook.equals("general-follow-up"));
  }

  @Test
  void rulesAreEvaluatedInOrderAndTheFirstThatHoldsWins() {
    Playbooks p =
        Playbooks.builder()
            .add(simple("a"))
            .add(simple("b"))
            .rule(PlaybookRule.builder().playbook("b").addSignalTypes(SignalType.NEWS).build())
            .rule(PlaybookRule.builder().playbook("a").build())
            .build();
    PlaybookInput news = new PlaybookInput(SignalType.NEWS, List.of(), Optional.empty(), NONE);
    PlaybookInput event = new PlaybookInput(SignalType.EVENT, List.of(), Optional.empty(), NONE);

    assertThat(p.select(news).orElseThrow().playbook().id()).isEqualTo("b");
    assertThat(p.select(event).orElseThrow().rule()).hasValue(1);
    assertThat(p.select(event).orElseThrow().reasons()).containsExactly("rule without conditions");
    assertThat(Playbooks.none().select(news)).isEmpty();
  }

  @Test
  void excludedRiskFlagsAndMissingFactorsFailARule() {
    Playbooks p =
        Playbooks.builder()
            .add(simple("calm"))
            .rule(
                PlaybookRule.builder()
                    .playbook("calm")
                    .addNoRiskFlags(RiskFlag.LAYOFFS)
                    .addFactors(FactorCondition.atLeast("impact", 10))
                    .build())
            .build();
    List<ScoreFactor> impact = List.of(ScoreFactor.of("impact", 20, 1, 20, "i"));

    assertThat(p.select(new PlaybookInput(SignalType.NEWS, impact, Optional.empty(), NONE)))
        .hasValueSatisfying(
            s ->
                assertThat(s.reasons())
                    .containsExactly("factor impact is 20.0 >= 10.0", "no risk flag of [LAYOFFS]"));
    assertThat(
            p.select(
                new PlaybookInput(
                    SignalType.NEWS, impact, Optional.empty(), EnumSet.of(RiskFlag.LAYOFFS))))
        .isEmpty();
    assertThat(p.select(new PlaybookInput(SignalType.NEWS, List.of(), Optional.empty(), NONE)))
        .isEmpty();
  }

  @Test
  void badPlaybooksAndRulesAreRefusedNamingTheEntry() {
    assertThatThrownBy(() -> Playbook.builder().from(simple("x")).email("Hi {{ceo}}").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("playbook[x].email uses unknown variable 'ceo'");
    assertThatThrownBy(
            () -> Playbook.builder().from(simple("x")).linkedin("Hi {{contact.name}}").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("playbook[x].linkedin uses optional variable 'contact.name'");
    assertThatThrownBy(
            () -> Playbook.builder().from(simple("x")).callOpener("{{#evidence}}{{text}}").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("playbook[x].call leaves section 'evidence' unclosed");
    assertThatThrownBy(() -> Playbook.builder().from(simple("x")).email("{{> secrets}}").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("playbook[x].email uses an unsupported tag");
    assertThatThrownBy(() -> Playbook.builder().from(simple("x")).email("{{text}}").build())
        .hasMessageContaining("playbook[x].email uses unknown variable 'text'");
    assertThatThrownBy(
            () -> Playbook.builder().from(simple("x")).email("{{#company}}{{/company}}").build())
        .hasMessageContaining("opens a section on 'company'");
    assertThatThrownBy(() -> Playbooks.builder().add(simple("a")).add(simple("a")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("playbook[a] is added twice");
    assertThatThrownBy(
            () ->
                Playbooks.builder()
                    .add(simple("a"))
                    .rule(PlaybookRule.builder().playbook("a").build())
                    .rule(PlaybookRule.builder().playbook("zz").build())
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("rule[1].playbook names no playbook: 'zz'");
    assertThatThrownBy(() -> Playbooks.builder().add(simple("a")).fallback("b").build())
        .hasMessageContaining("fallback names no playbook: 'b'");
  }

  @Test
  void templatesListTheVariablesTheyUse() {
    assertThat(
            TemplateVariables.check(
                "t",
                "{{company}} {{{signal.title}}} {{#contact.name}}{{&contact.name}}{{/contact.name}}"
                    + "{{#evidence}}{{field}}{{/evidence}}{{! a comment }}"))
        .containsExactly("company", "signal.title", "contact.name", "evidence", "field");
  }

  static Playbook simple(String id) {
    return Playbook.builder()
        .id(id)
        .name("Playbook " + id)
        .channel(Channel.EMAIL)
        .addSteps("Reach out")
        .email("About {{signal.title}}")
        .linkedin("About {{company}}")
        .callOpener("Calling about {{signal.title}}")
        .build();
  }
}
