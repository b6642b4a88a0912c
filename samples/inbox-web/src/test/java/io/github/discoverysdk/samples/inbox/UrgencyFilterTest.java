package io.github.discoverysdk.samples.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The {@code urgency} filter of the feed and the inbox: applied by the server before paging, so
 * that following the cursors gives full pages of exactly the matching cards, in the unfiltered
 * order; an unknown urgency is a 400 problem naming the parameter.
 */
class UrgencyFilterTest extends InboxWebTestBase {

  @Test
  void theFeedFilteredByUrgencyPagesFullPagesOfExactlyThoseOpportunities() {
    JsonNode all = api.get("admin", "/api/v1/feed?limit=500").expect(200).json().path("items");
    List<String> wanted = urgenciesButTheCommonest(all, o -> o);
    List<String> expected = new ArrayList<>();
    all.forEach(
        o -> {
          if (wanted.contains(o.path("urgency").asText())) {
            expected.add(o.path("id").asText());
          }
        });

    String list = String.join(",", wanted);
    List<List<String>> pages = pages("/api/v1/feed?limit=3&urgency=" + list, o -> o.path("id"));

    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(expected);
    pages.subList(0, pages.size() - 1).forEach(p -> assertThat(p).hasSize(3));
    // repeated rather than a comma list, in lower case: the same feed
    String repeated =
        wanted.stream()
            .map(u -> "&urgency=" + u.toLowerCase(java.util.Locale.ROOT))
            .collect(java.util.stream.Collectors.joining());
    assertThat(pages("/api/v1/feed?limit=500" + repeated, o -> o.path("id")).get(0))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theInboxFilteredByUrgencyPagesFullPagesOfExactlyThoseCards() {
    JsonNode all =
        api.get("admin", "/api/v1/inbox?limit=200&expand=true").expect(200).json().path("items");
    List<String> wanted = urgenciesButTheCommonest(all, c -> c.path("opportunity"));
    List<String> expected = new ArrayList<>();
    all.forEach(
        c -> {
          if (wanted.contains(c.path("opportunity").path("urgency").asText())) {
            expected.add(c.path("item").path("opportunityId").asText());
          }
        });

    List<List<String>> pages =
        pages(
            "/api/v1/inbox?limit=2&urgency=" + String.join(",", wanted),
            c -> c.path("item").path("opportunityId"));

    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(expected);
    pages.subList(0, pages.size() - 1).forEach(p -> assertThat(p).hasSize(2));
  }

  @Test
  void anUnknownUrgencyIsA400ProblemNamingTheParameter() {
    for (String path :
        List.of("/api/v1/feed?urgency=HIGH,SOON", "/api/v1/inbox?urgency=SOON&urgency=HIGH")) {
      JsonNode p = api.get("admin", path).problem(400);
      assertThat(p.path("type").asText()).as(path).endsWith("/validation");
      assertThat(p.path("detail").asText())
          .as(path)
          .contains("urgency", "SOON", "CRITICAL, HIGH, MEDIUM, LOW");
    }
    // an empty value filters nothing
    assertThat(
            api.get("admin", "/api/v1/inbox?urgency=&limit=200").expect(200).json().path("items"))
        .hasSize(api.get("admin", "/api/v1/inbox?limit=200").json().path("items").size());
  }

  /**
   * Every urgency the demo data has but its commonest, so that the filter both keeps and drops
   * cards.
   */
  private static List<String> urgenciesButTheCommonest(
      JsonNode items, Function<JsonNode, JsonNode> of) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    items.forEach(i -> counts.merge(of.apply(i).path("urgency").asText(), 1, Integer::sum));
    assertThat(counts).as("urgencies of the demo data").hasSizeGreaterThanOrEqualTo(2);
    List<String> byCount =
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .map(Map.Entry::getKey)
            .toList();
    return byCount.subList(1, byCount.size());
  }

  /** The ids on every page of {@code path}, following {@code nextCursor}. */
  private List<List<String>> pages(String path, Function<JsonNode, JsonNode> id) {
    List<List<String>> pages = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  "admin",
                  path + (cursor == null ? "" : "&cursor=" + AccessAndErrorsTest.encode(cursor)))
              .expect(200)
              .json();
      List<String> ids = new ArrayList<>();
      page.path("items").forEach(i -> ids.add(id.apply(i).asText()));
      pages.add(ids);
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null && pages.size() < 200);
    return pages;
  }
}
