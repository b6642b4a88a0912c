package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's quick start, and fails if the README's snippet drifts from this code. */
class ReadmeQuickStartTest {
  private static final Path SELF =
      Path.of("src/test/java/io/github/discoverysdk/samples/quickstart/ReadmeQuickStartTest.java");
  private static final Path README = Path.of("../../README.md");

  @TempDir Path signalsDir;

  @Test
  void theReadmeQuickStartRuns() throws IOException {
    Files.writeString(
        signalsDir.resolve("news.json"),
        """
        [{"id": "n1", "type": "NEWS", "title": "Stripe opens a Dublin hub",
          "text": "Stripe, Inc. is hiring a VP Sales for EMEA.", "publishedAt": "now-1d",
          "organizations": [{"name": "Stripe", "role": "SUBJECT", "domain": "stripe.com"}],
          "industries": ["fintech"], "regions": ["EMEA"]}]
        """,
        StandardCharsets.UTF_8);

    // BEGIN README
    DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(JsonFileSource.fromDirectory("my-signals", signalsDir))
            .scorer(Scoring.defaults())
            .build();

    Profile profile =
        engine
            .profiles()
            .save(
                Profile.builder()
                    .tenant("acme")
                    .owner("u-42")
                    .name("Fintech EMEA")
                    .addIndustries("fintech")
                    .addRegions("EMEA")
                    .addTargetTitles("VP Sales", "Chief Revenue Officer")
                    .addWatchlist(Company.of("Stripe", "stripe.com"))
                    .addCompetitors("Adyen")
                    .build());

    RunReport run = engine.discover(profile.id());
    Page<Opportunity> feed =
        engine.feed(
            FeedQuery.forProfile(profile.id())
                .addStatuses(OpportunityStatus.NEW)
                .sortBy(FeedSort.URGENCY)
                .limit(20)
                .build());
    engine.feedback(feed.items().get(0).id(), Feedback.dismiss(DismissReason.NOT_RELEVANT));
    // END README

    engine.close();
    assertThat(run.opportunitiesNew()).isEqualTo(1);
    assertThat(feed.items().get(0).company()).contains("Stripe");
    assertThat(engine.findOpportunity(feed.items().get(0).id()).orElseThrow().status())
        .isEqualTo(OpportunityStatus.DISMISSED);
  }

  @Test
  void theReadmeShowsExactlyTheCodeThisTestRuns() throws IOException {
    String self = Files.readString(SELF, StandardCharsets.UTF_8);
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher code =
        Pattern.compile("// BEGIN README\\n(.*?)// END README", Pattern.DOTALL).matcher(self);
    Matcher doc =
        Pattern.compile("## Quick start.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(code.find()).as("BEGIN/END README markers in this test").isTrue();
    assertThat(doc.find()).as("a java block under '## Quick start' in README.md").isTrue();
    assertThat(squash(doc.group(1))).isEqualTo(squash(code.group(1)));
  }

  /** Formatting may differ (the formatter rewraps this file); the code may not. */
  private static String squash(String code) {
    return code.replaceAll("\\s+", "");
  }
}
