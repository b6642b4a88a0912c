package io.github.discoverysdk.draft;

import static io.github.discoverysdk.draft.DraftFixtures.account;
import static io.github.discoverysdk.draft.DraftFixtures.contact;
import static io.github.discoverysdk.draft.DraftFixtures.opportunity;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.playbook.Playbook;
import io.github.discoverysdk.playbook.Playbooks;
import io.github.discoverysdk.playbook.TemplateVariables;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateDraftGeneratorTest {
  private final TemplateDraftGenerator generator = TemplateDraftGenerator.create();

  @Test
  void everyShippedPlaybookFillsEveryVariableOfManyGeneratedCards() {
    Random random = new Random(15);
    int drafts = 0;
    for (Playbook p : Playbooks.defaults().playbooks()) {
      for (int i = 0; i < 60; i++) {
        SignalType type = SignalType.values()[random.nextInt(SignalType.values().length)];
        Opportunity o =
            opportunity(
                "o-" + i,
                type,
                "Signal " + i + " about growth",
                random.nextBoolean() ? Optional.of("Company " + i) : Optional.empty(),
                random.nextBoolean()
                    ? Optional.of(URI.create("https://example.com/" + i))
                    : Optional.empty(),
                ActionWindow.values()[random.nextInt(3)],
                random.nextBoolean()
                    ? Optional.of(LocalDate.of(2026, 4, 1 + i % 28))
                    : Optional.empty());
        DraftRequest request =
            DraftRequest.builder()
                .opportunity(o)
                .playbook(p)
                .account(
                    random.nextBoolean() ? Optional.of(account("Account " + i)) : Optional.empty())
                .contact(random.nextBoolean() ? Optional.of(contact()) : Optional.empty())
                .build();
        Map<String, String> values = DraftVariables.of(request).values();
        for (GeneratedDraft d : generator.generate(request)) {
          drafts++;
          String template = p.template(d.channel());
          assertThat(d.text()).doesNotContain("{{").doesNotContain("}}").isNotBlank();
          for (String name : TemplateVariables.check("t", template)) {
            if (TemplateVariables.ALWAYS.contains(name)) {
              assertThat(values.get(name)).as(name).isNotBlank();
              assertThat(d.text()).as(p.id() + " " + d.channel()).contains(values.get(name));
            } else if (values.containsKey(name)) {
              assertThat(d.text()).as(p.id() + " " + d.channel()).contains(values.get(name));
            }
          }
          assertThat(d.text()).doesNotContain("jane.roe@acme.example", "private");
          assertThat(d.citations())
              .singleElement()
              .satisfies(
                  c -> {
                    assertThat(c.signalKey()).isEqualTo(o.signalKey().toString());
                    assertThat(c.url()).isEqualTo(o.url());
                    assertThat(c.fields()).containsExactly(EvidenceField.TITLE, EvidenceField.TEXT);
                  });
        }
      }
    }
    assertThat(drafts).isEqualTo(Playbooks.defaults().playbooks().size() * 60 * 3);
  }

  @Test
  void hostileValuesAreInsertedVerbatimNotInterpreted() {
    String company =
        "{{signal.url}}{{#evidence}}X{{/evidence}}{{> /etc/passwd}} <script>alert('x')</script> & \"Co\"";
    String title = "{{{company}}} <b>" + "t".repeat(10_240) + "</b> {{=<% %>=}}";
    Opportunity o =
        opportunity(
            "o-h",
            SignalType.NEWS,
            title,
            Optional.of(company),
            Optional.of(URI.create("https://example.com/a?b=c&d=%3Cx%3E")),
            ActionWindow.OPEN,
            Optional.empty());
    DraftRequest request =
        DraftRequest.builder()
            .opportunity(o)
            .playbook(Playbooks.defaults().fallback().orElseThrow())
            .contact(DraftContact.builder().name("{{contact.name}} O'Brien <x>").build())
            .build();

    List<GeneratedDraft> drafts = generator.generate(request);

    assertThat(drafts).extracting(GeneratedDraft::channel).containsExactly(Channel.values());
    for (GeneratedDraft d : drafts) {
      assertThat(d.text()).contains(company).contains(title).doesNotContain("&lt;", "&amp;", "&#");
      assertThat(d.generator()).isEqualTo("template");
      assertThat(d.fallbackReason()).isEmpty();
    }
    assertThat(drafts.get(0).text())
        .contains("Hi {{contact.name}} O'Brien <x>,")
        .contains("https://example.com/a?b=c&d=%3Cx%3E");
  }

  @Test
  void aFallbackSaysWhy() {
    DraftRequest request =
        DraftRequest.builder()
            .opportunity(opportunity("o-1"))
            .playbook(Playbooks.defaults().fallback().orElseThrow())
            .build();

    assertThat(generator.fallback(request, "chat: HTTP 429\nretry later"))
        .allSatisfy(d -> assertThat(d.fallbackReason()).hasValue("chat: HTTP 429 retry later"));
  }
}
