package io.github.discoverysdk.playbook;

import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.SignalType;

/**
 * The playbooks shipped as {@link Playbooks#defaults()}, in rule order: a risk check-in when the
 * account shows layoffs, negative news or a cancellation; a displacement call on a competitor's
 * move; a congratulation on funding; an introduction to a new leader; a meeting at an event; an
 * offer on hiring; a timely strategic outreach when urgency and fit are both high on an enterprise
 * account; else a general follow-up. Stateless.
 */
final class DefaultPlaybooks {
  private static final String GREETING =
      "{{#contact.name}}Hi {{contact.name}},{{/contact.name}}{{^contact.name}}Hello,{{/contact.name}}";
  private static final String CITES = "{{#signal.url}}\n\nSource: {{signal.url}}{{/signal.url}}";

  static final Playbooks PLAYBOOKS =
      Playbooks.builder()
          .add(
              playbook(
                  "risk-check-in",
                  "Check in on an account at risk",
                  Channel.CALL,
                  "Read the news and the account's open items",
                  "Call the owner's main contact to check in",
                  "Agree on a next step and log it",
                  "the recent news at {{company}} ({{signal.title}})"))
          .add(
              playbook(
                  "competitor-displacement",
                  "Answer a competitor's move",
                  Channel.CALL,
                  "Review what the competitor announced",
                  "Call to compare and offer a side-by-side review",
                  "Follow up by e-mail with a comparison",
                  "the news about {{company}} ({{signal.title}})"))
          .add(
              playbook(
                  "funding-congrats",
                  "Congratulate on funding",
                  Channel.EMAIL,
                  "Congratulate the team on the round",
                  "Offer a review of how we can help them scale",
                  "Book a call within two weeks",
                  "the funding news at {{company}} ({{signal.title}})"))
          .add(
              playbook(
                  "leadership-intro",
                  "Introduce ourselves to a new leader",
                  Channel.LINKEDIN,
                  "Connect on LinkedIn with a short welcome",
                  "Share one relevant case study",
                  "Ask for a 20-minute introduction",
                  "the leadership news at {{company}} ({{signal.title}})"))
          .add(
              playbook(
                  "event-meeting",
                  "Meet at an event",
                  Channel.EMAIL,
                  "Check who from the company attends",
                  "Propose a meeting at the event",
                  "Follow up the week after",
                  "{{signal.title}}, where {{company}} will be"))
          .add(
              playbook(
                  "hiring-offer",
                  "Help a team that is hiring",
                  Channel.EMAIL,
                  "Read the job posting for the team's needs",
                  "Offer what shortens their ramp-up",
                  "Follow up with the hiring manager",
                  "the open role at {{company}} ({{signal.title}})"))
          .add(
              playbook(
                  "strategic-outreach",
                  "Timely strategic outreach",
                  Channel.EMAIL,
                  "Prepare an account brief from the evidence",
                  "Reach out to the executive sponsor",
                  "Propose a strategy session",
                  "the news at {{company}} ({{signal.title}})"))
          .add(
              playbook(
                  "general-follow-up",
                  "General follow-up",
                  Channel.EMAIL,
                  "Read the signal and its evidence",
                  "Reach out with one relevant point",
                  "Log the outcome",
                  "the news at {{company}} ({{signal.title}})"))
          .rule(
              PlaybookRule.builder()
                  .playbook("risk-check-in")
                  .addAnyRiskFlags(RiskFlag.LAYOFFS, RiskFlag.NEGATIVE_NEWS, RiskFlag.CANCELLATION)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("competitor-displacement")
                  .addAnyRiskFlags(RiskFlag.COMPETITOR_MOVE)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("funding-congrats")
                  .addSignalTypes(SignalType.FUNDING)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("funding-congrats")
                  .addAnyRiskFlags(RiskFlag.FUNDING)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("leadership-intro")
                  .addSignalTypes(SignalType.LEADERSHIP_CHANGE)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("leadership-intro")
                  .addAnyRiskFlags(RiskFlag.LEADERSHIP_CHANGE)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("event-meeting")
                  .addSignalTypes(SignalType.EVENT)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("hiring-offer")
                  .addSignalTypes(SignalType.JOB_POSTING)
                  .build())
          .rule(
              PlaybookRule.builder()
                  .playbook("strategic-outreach")
                  .addFactors(
                      FactorCondition.atLeast("urgency", 70), FactorCondition.atLeast("fit", 70))
                  .addTiers("enterprise", "strategic")
                  .build())
          .fallback("general-follow-up")
          .build();

  private DefaultPlaybooks() {}

  private static Playbook playbook(
      String id, String name, Channel channel, String s1, String s2, String s3, String about) {
    return Playbook.builder()
        .id(id)
        .name(name)
        .channel(channel)
        .addSteps(s1, s2, s3)
        .email(
            GREETING
                + "\n\nI'm writing about "
                + about
                + "."
                + "{{#contact.title}}\n\nAs {{contact.title}}, you may find this timely.{{/contact.title}}"
                + "{{#timing.outreachDate}}\n\nWould a short call before {{timing.outreachDate}}"
                + " work?{{/timing.outreachDate}}"
                // Section tags on lines of their own: Mustache drops the line break after a tag
                // that shares its line with text.
                + "\n\nWhat I saw:\n{{#evidence}}\n- {{field}}: {{text}}\n{{/evidence}}"
                + CITES)
        .linkedin(
            GREETING
                + " I noticed "
                + about
                + ".{{#account.name}} We already work with {{account.name}} and{{/account.name}}"
                + " I'd be glad to connect.")
        .callOpener(
            "{{#contact.name}}Hello {{contact.name}}, {{/contact.name}}"
                + "I'm calling about "
                + about
                + ". Do you have two minutes?")
        .build();
  }
}
