package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftContact;
import io.github.discoverysdk.draft.DraftEdit;
import io.github.discoverysdk.draft.DraftGenerator;
import io.github.discoverysdk.draft.Drafts;
import io.github.discoverysdk.draft.GeneratedDraft;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.playbook.Playbooks;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.scoring.Scoring;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DraftsTest {
  private ReviewFixture f;

  @BeforeEach
  void setUp() {
    f = new ReviewFixture();
    f.profile(f.engine());
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private DiscoveryEngine engine(
      DraftGenerator generator, Function<Signal, Set<RiskFlag>> flags, Playbooks playbooks) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(f.memory)
        .scorer(Scoring.defaults())
        .clock(f.clock)
        .draftGenerator(generator)
        .riskFlags(flags)
        .playbooks(playbooks)
        .build();
  }

  private DiscoveryEngine defaults() {
    return f.engine();
  }

  @Test
  void generatingStoresTheMatchAndOneCitedDraftPerChannelAudited() {
    Opportunity o = f.stored("s1");
    DraftContact jane = DraftContact.builder().name("Jane").email("jane@stripe.com").build();

    List<Draft> drafts = defaults().drafts().generate(ANA, o.id(), Optional.of(jane));

    assertThat(drafts).extracting(Draft::channel).containsExactly(Channel.values());
    assertThat(drafts)
        .allSatisfy(
            d -> {
              assertThat(d.version()).isEqualTo(1);
              assertThat(d.generator()).isEqualTo("template");
              assertThat(d.createdBy()).isEqualTo("ana");
              assertThat(d.citations())
                  .singleElement()
                  .satisfies(c -> assertThat(c.signalKey()).isEqualTo(o.signalKey().toString()));
              assertThat(d.text()).doesNotContain("jane@stripe.com");
            });
    assertThat(drafts.get(0).text()).startsWith("Hi Jane,");
    assertThat(defaults().drafts().findMatch(o.id()))
        .hasValueSatisfying(
            m -> {
              assertThat(m.playbookId()).isEqualTo("general-follow-up");
              assertThat(m.reasons()).containsExactly("no rule matched: default");
            });
    assertThat(f.audit())
        .extracting(AuditEntry::entityType, AuditEntry::entityId, AuditEntry::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Drafts.MATCH_ENTITY, o.id().value(), AuditAction.CREATE),
            org.assertj.core.groups.Tuple.tuple(
                Drafts.DRAFT_ENTITY, o.id().value() + "/EMAIL", AuditAction.CREATE),
            org.assertj.core.groups.Tuple.tuple(
                Drafts.DRAFT_ENTITY, o.id().value() + "/LINKEDIN", AuditAction.CREATE),
            org.assertj.core.groups.Tuple.tuple(
                Drafts.DRAFT_ENTITY, o.id().value() + "/CALL", AuditAction.CREATE));

    List<Draft> again = defaults().drafts().generate(ANA, o.id(), Optional.empty());
    assertThat(again).extracting(Draft::version).containsOnly(2L);
    assertThat(defaults().drafts().versions(o.id(), Channel.EMAIL)).hasSize(2);
    assertThat(defaults().drafts().findMatch(o.id()).orElseThrow().version())
        .as("an unchanged match is not written again")
        .isEqualTo(1);
  }

  @Test
  void riskFlagsOfTheSignalSelectThePlaybook() {
    Opportunity o = f.stored("s1");
    f.memory.signals().upsert(TENANT, f.news("s1", "Stripe"));
    DiscoveryEngine e =
        engine(
            io.github.discoverysdk.draft.TemplateDraftGenerator.create(),
            s -> s.title().contains("Stripe") ? Set.of(RiskFlag.LAYOFFS) : Set.of(),
            Playbooks.defaults());

    assertThat(e.drafts().match(ANA, o.id()))
        .hasValueSatisfying(
            m -> {
              assertThat(m.playbookId()).isEqualTo("risk-check-in");
              assertThat(m.reasons()).containsExactly("risk flag raised: [LAYOFFS]");
            });
    assertThat(
            engine(
                    io.github.discoverysdk.draft.TemplateDraftGenerator.create(),
                    s -> Set.of(),
                    Playbooks.none())
                .drafts()
                .match(ANA, o.id()))
        .isEmpty();
  }

  /** By default the insight classifier raises the flags: a layoffs headline needs a check-in. */
  @Test
  void theDefaultRiskFlagsComeFromTheSignalsOwnWords() {
    Opportunity o = f.stored("s2");
    f.memory
        .signals()
        .upsert(
            TENANT,
            Signal.builder()
                .from(f.news("s2", "Stripe"))
                .title("Stripe announces layoffs of 300 staff")
                .build());

    assertThat(defaults().drafts().match(ANA, o.id()))
        .hasValueSatisfying(
            m -> {
              assertThat(m.playbookId()).isEqualTo("risk-check-in");
              assertThat(m.reasons()).containsExactly("risk flag raised: [LAYOFFS]");
            });
  }

  @Test
  void aFailingGeneratorFallsBackToTheTemplateAndSaysWhy() {
    Opportunity o = f.stored("s1");
    DraftGenerator broken =
        new DraftGenerator() {
          @Override
          public String id() {
            return "chat:test";
          }

          @Override
          public List<GeneratedDraft> generate(io.github.discoverysdk.draft.DraftRequest request)
              throws Exception {
            throw new java.io.IOException("HTTP 500 from the model");
          }
        };

    List<Draft> drafts =
        engine(broken, s -> Set.of(), Playbooks.defaults())
            .drafts()
            .generate(ANA, o.id(), Optional.empty());

    assertThat(drafts)
        .allSatisfy(
            d -> {
              assertThat(d.generator()).isEqualTo("template");
              assertThat(d.fallbackReason())
                  .hasValue("chat:test: java.io.IOException: HTTP 500 from the model");
            });
  }

  @Test
  void anEditStoresANewVersionAndReturnsTheCardToReviewInOneTransaction() {
    Opportunity o = f.stored("s1");
    DiscoveryEngine e = defaults();
    e.drafts().generate(ANA, o.id(), Optional.empty());
    long card =
        e.reviews()
            .approve(ANA, o.id(), e.reviews().submit(ANA, o.id(), 0).version(), Optional.empty())
            .version();

    DraftEdit edit = e.drafts().edit(ANA, o.id(), Channel.EMAIL, 1, card, "Hi Jane, shorter.");

    assertThat(edit.draft().version()).isEqualTo(2);
    assertThat(edit.draft().generator()).isEqualTo(Drafts.EDIT);
    assertThat(edit.draft().citations()).isNotEmpty();
    assertThat(edit.card().state()).isEqualTo(ReviewState.PENDING_REVIEW);
    assertThat(edit.card().notes()).containsExactly("Edited the EMAIL draft: version 2");
    assertThat(f.memory.opportunities().find(o.id()).orElseThrow().status())
        .isEqualTo(OpportunityStatus.PENDING_REVIEW);
    assertThat(e.drafts().latest(o.id()).get(0).text()).isEqualTo("Hi Jane, shorter.");
    List<AuditEntry> audit = f.audit();
    assertThat(audit.get(audit.size() - 2).action()).isEqualTo(AuditAction.REFINE);
    assertThat(audit.get(audit.size() - 1).action()).isEqualTo(AuditAction.UPDATE);
    assertThat(audit.get(audit.size() - 1).changes())
        .anySatisfy(c -> assertThat(c.after()).contains("Hi Jane, shorter."));

    // A stale draft or card version writes nothing at all.
    long next = edit.card().version();
    int entries = f.audit().size();
    assertThatThrownBy(() -> e.drafts().edit(ANA, o.id(), Channel.EMAIL, 1, next, "late"))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> e.drafts().edit(ANA, o.id(), Channel.EMAIL, 2, card, "late"))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(e.drafts().versions(o.id(), Channel.EMAIL)).hasSize(2);
    assertThat(e.reviews().find(o.id()).orElseThrow().version()).isEqualTo(next);
    assertThat(f.audit()).hasSize(entries);
    assertThatThrownBy(() -> e.drafts().edit(ANA, o.id(), Channel.EMAIL, 2, next, " "))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void noPlaybookOrNoOpportunityIsATypedError() {
    Opportunity o = f.stored("s1");
    assertThatThrownBy(
            () ->
                engine(
                        io.github.discoverysdk.draft.TemplateDraftGenerator.create(),
                        s -> Set.of(),
                        Playbooks.none())
                    .drafts()
                    .generate(ANA, o.id(), Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no playbook matches");
    assertThatThrownBy(
            () ->
                defaults()
                    .drafts()
                    .generate(
                        ANA,
                        io.github.discoverysdk.model.OpportunityId.of(TENANT, "missing"),
                        Optional.empty()))
        .isInstanceOf(NotFoundException.class);
  }
}
