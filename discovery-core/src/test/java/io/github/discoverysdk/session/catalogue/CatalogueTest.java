package io.github.discoverysdk.session.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  private static final Catalogue C = Catalogue.defaults();

  @Test
  void theShippedCatalogueHoldsFiveVerticalsTwentyOneQuestionsAndOver350Vendors() {
    assertThat(C.verticals())
        .extracting(Vertical::name)
        .containsExactly(
            "Security & Compliance",
            "Infrastructure & Cloud",
            "Development & DevOps",
            "Data & Analytics",
            "AI & LLMs");
    assertThat(C.verticals()).extracting(v -> v.questions().size()).containsExactly(5, 4, 4, 4, 4);
    assertThat(C.questions()).hasSize(21);
    assertThat(C.vendors()).hasSizeGreaterThanOrEqualTo(350);
    assertThat(C.version()).isEqualTo("2026.12.1");
  }

  @Test
  void noVendorNameOrAliasIsUsedTwiceEvenAfterFolding() {
    Set<String> keys = new HashSet<>();
    for (Vendor v : C.vendors()) {
      assertThat(keys.add(Catalogue.key(v.name()))).as(v.name()).isTrue();
      for (String a : v.aliases()) {
        assertThat(keys.add(Catalogue.key(a))).as(a + " of " + v.name()).isTrue();
      }
    }
  }

  @Test
  void everyVerticalHasASizingQuestionWithUnitsAndOrderedBounds() {
    for (Vertical v : C.verticals()) {
      List<Question> sizing =
          v.questions().stream().filter(q -> q.type() == QuestionType.SIZING).toList();
      assertThat(sizing).as(v.id()).hasSize(1);
      assertThat(sizing.get(0).parameters())
          .allSatisfy(
              p -> {
                assertThat(p.unit()).isNotBlank();
                assertThat(p.min()).isLessThanOrEqualTo(p.max());
              });
    }
    assertThat(C.question("security.sizing").orElseThrow().parameters())
        .extracting(SizingParameter::id)
        .containsExactly("locations", "bandwidth", "endpoints", "users");
  }

  @Test
  void everyVendorCategoryOfAQuestionHasVendors() {
    for (Question q : C.questions()) {
      for (String category : q.categories()) {
        assertThat(C.vendorsIn(category)).as(category).hasSizeGreaterThanOrEqualTo(15);
      }
    }
  }

  @Test
  void vendorsAreFoundByNameOrAliasWithoutCaseOrPunctuation() {
    assertThat(C.vendor("AWS")).map(Vendor::name).contains("Amazon Web Services");
    assertThat(C.vendor("palo-alto")).map(Vendor::name).contains("Palo Alto Networks");
    assertThat(C.vendor("crowdstrike")).map(Vendor::name).contains("CrowdStrike");
    assertThat(C.vendor("Symantec")).map(Vendor::name).contains("Broadcom");
    assertThat(C.vendor("Acme Firewalls")).isEmpty();
    assertThat(C.vendor("Okta").orElseThrow().in("identity_access")).isTrue();
  }

  @Test
  void aHostLoadsItsOwnCatalogue() {
    Catalogue own = load(minimal(""));
    assertThat(own.questions()).extracting(Question::type).contains(QuestionType.TEXT);
    assertThat(own.question("v.radio").orElseThrow().option("b")).isPresent();
  }

  @Test
  void invalidEntriesAreRefusedNamingTheEntry() {
    assertThatThrownBy(() -> load("{not json"))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining("not valid JSON");
    assertRefused(
        minimal("").replace("\"id\": \"v.text\"", "\"id\": \"v.radio\""),
        "verticals[0].questions[1]",
        "duplicate question id v.radio");
    assertRefused(
        minimal("")
            .replace("\"Okta\", \"categories\": [\"cat\"]", "\"Okta\", \"categories\": [\"nope\"]"),
        "vendors[0] (Okta)",
        "unknown category nope");
    assertRefused(
        minimal("")
            .replace(
                "\"options\": [{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\", \"label\": \"B\"}]",
                "\"options\": []"),
        "verticals[0].questions[0]",
        "at least two options");
    assertRefused(
        minimal("").replace("\"min\": 0, \"max\": 10", "\"min\": 10, \"max\": 0"),
        "verticals[0].questions[3].parameters[0]",
        "min <= max");
    assertRefused(
        minimal(", {\"name\": \"OKTA\", \"categories\": [\"cat\"]}"),
        "vendors[2] (OKTA)",
        "duplicate vendor");
    assertRefused(
        minimal(
            ", {\"name\": \"Auth Zero\", \"aliases\": [\"Okta Inc\", \"Okta\"], \"categories\": [\"cat\"]}"),
        "vendors[2] (Auth Zero)",
        "Okta is also Okta");
    assertRefused(
        minimal("").replace("\"type\": \"TEXT\"", "\"type\": \"ESSAY\""),
        "verticals[0].questions[1]",
        "type must be one of");
  }

  private static void assertRefused(String json, String entry, String message) {
    assertThatThrownBy(() -> load(json))
        .isInstanceOfSatisfying(
            CatalogueException.class, e -> assertThat(e.entry()).isEqualTo(entry))
        .hasMessageContaining(message);
  }

  private static Catalogue load(String json) {
    return Catalogue.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** A small valid catalogue; {@code moreVendors} is appended to its vendor list. */
  static String minimal(String moreVendors) {
    return """
        {"schema": 1, "version": "host-1",
         "verticals": [{"id": "v", "name": "V", "questions": [
           {"id": "v.radio", "text": "Pick", "type": "RADIO", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
           {"id": "v.text", "text": "Say", "type": "TEXT"},
           {"id": "v.vendors", "text": "Which", "type": "VENDOR_MULTI", "categories": ["cat"]},
           {"id": "v.size", "text": "How big", "type": "SIZING", "parameters": [{"id": "n", "label": "N", "unit": "things", "min": 0, "max": 10}]}]}],
         "categories": [{"id": "cat", "name": "Cat"}],
         "vendors": [{"name": "Okta", "categories": ["cat"]}, {"name": "Ping Identity", "aliases": ["Ping"], "categories": ["cat"]}%s]}
        """
        .formatted(moreVendors);
  }
}
